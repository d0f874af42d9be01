/**
 * The guard of a `@PersonalData` field: a viewer whose scope lacks the kind — or who may not see
 * this very object's personal data (a student: only its own) — gets null and a FORBIDDEN_FIELD
 * error on that path, the rest of the answer stands; every permitted read is audited.
 */
import { defaultFieldResolver, type GraphQLField } from 'graphql';
import { ErrorCode, HubError } from '../../common/errors';
import type { PersonalDataKind } from '../../domain/access';
import { recordPersonalRead } from '../../auth/audit/audit.service';
import { factsOf, personalVisible } from '../../auth/guard/visibility';
import { Role } from '../../auth/viewer';
import type { HubContext } from '../context';
import type { GuardPolicies } from './guard-policies';
import type { Resolver } from './relation-guard';
import { andThen } from './targets';

export function guardPersonal(policies: GuardPolicies, parentType: string, field: GraphQLField<any, HubContext>, kind: PersonalDataKind): Resolver {
  const resolve: Resolver = field.resolve ?? defaultFieldResolver;
  const coordinate = `${parentType}.${field.name}`;
  const policy = policies.of(parentType);
  const forbidden = () =>
    new HubError(ErrorCode.FORBIDDEN_FIELD, `${coordinate} is personal data (${kind}) outside this access's scope.`, { kind, field: coordinate });
  const read: Resolver = (source, args, context, info) => {
    recordPersonalRead(context, info.operation.name?.value ?? info.operation.operation, parentType, coordinate, source?.key);
    return resolve(source, args, context, info);
  };
  return function personal(source, args, context, info) {
    const viewer = context.viewer;
    if (viewer.role === Role.ADMIN && viewer.scope.personal.has(kind)) return read(source, args, context, info);
    return andThen(personalVisible(factsOf(context), policy, source, kind), (ok) => {
      if (!ok) throw forbidden();
      return read(source, args, context, info);
    });
  };
}
