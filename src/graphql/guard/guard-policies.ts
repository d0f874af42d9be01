/**
 * The modules' access policies by the GraphQL name of their type, as the schema guard looks them
 * up. A policy names its type by the class (src/auth/policies.ts); its schema name comes from
 * type-graphql's metadata, so renaming a type cannot orphan its policy.
 */
import { getMetadataStorage } from 'type-graphql';
import type { AnyAccessPolicy } from '../../auth/policies';
import type { Domain } from '../../auth/viewer';

export class GuardPolicies {
  private readonly byName = new Map<string, AnyAccessPolicy>();

  constructor(policies: readonly AnyAccessPolicy[]) {
    const names = new Map(getMetadataStorage().objectTypes.map((type) => [type.target, type.name]));
    for (const policy of policies) {
      const name = names.get(policy.type);
      if (!name) throw new Error(`An access policy names ${policy.type.name}, which is not a GraphQL object type.`);
      if (this.byName.has(name)) throw new Error(`The GraphQL type ${name} has two access policies.`);
      this.byName.set(name, policy);
    }
  }

  /** The policy of the GraphQL type `typeName`; undefined (administrators only) when it has none. */
  of(typeName: string | null): AnyAccessPolicy | undefined {
    return typeName === null ? undefined : this.byName.get(typeName);
  }

  /** The GraphQL names of the types that have a policy. */
  names(): string[] {
    return [...this.byName.keys()];
  }

  /** The domain a scalar field `Type.field` carries data of, when it is another than its type's. */
  fieldDomain(typeName: string, fieldName: string): Domain | undefined {
    return this.byName.get(typeName)?.fieldDomains?.[fieldName];
  }

  /** Is the type a person's record (its names pseudonymised by the record's key)? */
  isPersonRecord(typeName: string): boolean {
    return !!this.byName.get(typeName)?.personRecord;
  }

  /** A type anyone may read in full needs no wrapper (PageInfo, Heartbeat…). */
  isFree(typeName: string | null): boolean {
    const policy = this.of(typeName);
    return !!policy && policy.domain === null && policy.rows === 'public';
  }
}
