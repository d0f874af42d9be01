/**
 * The guard, applied once to the built schema (buildHubSchema) instead of a middleware on every
 * field. It walks every field once and wraps only those that need it, each wrapper in its own file:
 *
 * - a field whose (unwrapped) return type is a guarded object type, the `Node` interface or a
 *   `…Connection` — root queries, relations, `node`/`nodes`, mutations' answers — by the modules'
 *   access policies (relation-guard.ts); where a role (or an anonymous caller) could see the parent
 *   of a required single relation but not that relation's domain or type, the field is made nullable;
 * - every Subscription field: refused to a viewer who may not use it, no frame for an event it may
 *   not see (subscription-guard.ts, subscription-access.ts);
 * - every `@PersonalData` field (personal-guard.ts), made nullable;
 * - every `@Identifying` field: a pseudonym for pseudonymous viewers (identifying-guard.ts);
 * - the scalar fields that carry another domain's data (a policy's `fieldDomains`, field-domain-guard.ts);
 * - every Mutation field: audited (src/auth/audit/mutation-audit.ts);
 * - every Query and Subscription field whose arguments can reach a marked input field or ordering
 *   value (argument-guard.ts): a filter, search or ordering on a field is allowed only to a viewer
 *   who may read that field, and audited like reading it.
 */
import { defaultFieldResolver, getNamedType, getNullableType, isNonNullType, isObjectType, type GraphQLField, type GraphQLOutputType, type GraphQLSchema } from 'graphql';
import { audited } from '../../auth/audit/mutation-audit';
import type { AnyAccessPolicy } from '../../auth/policies';
import type { PersonalDataKind } from '../../domain/access';
import type { HubContext } from '../context';
import { argumentRulesOf, guardArguments, pseudonymousDefaultsOf, type ArgumentMarks } from './argument-guard';
import { guardFieldDomain } from './field-domain-guard';
import { GuardPolicies } from './guard-policies';
import { guardIdentifying } from './identifying-guard';
import { guardPersonal } from './personal-guard';
import { guardRelation, visibilityGap, type Resolver } from './relation-guard';
import { guardSubscription } from './subscription-guard';
import { connectionNodeType, isEdgeType, targetOf } from './targets';

const GUARDED = Symbol('campus-graph.guarded');

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/** What the guard is told when the schema is built: the modules' policies and argument marks. */
export interface GuardOptions {
  readonly policies: readonly AnyAccessPolicy[];
  /** Marks of ordering values and pseudonymous default orders (src/modules/argument-rules.ts); none when absent. */
  readonly arguments?: ArgumentMarks;
}

function makeNullable(field: GraphQLField<any, HubContext>): void {
  if (isNonNullType(field.type)) field.type = getNullableType(field.type) as GraphQLOutputType;
}

function auditMutation(field: GraphQLField<any, HubContext>): Resolver {
  const resolve: Resolver = field.resolve ?? defaultFieldResolver;
  return (source, args, context, info) => audited(context, field.name, getNamedType(info.returnType).name, () => resolve(source, args, context, info));
}

/** What the transform did, for tests and the README. */
export interface GuardReport {
  relations: string[];
  personal: string[];
  identifying: string[];
  madeNullable: string[];
  /** Object types without a policy (refused to all but administrators). */
  unguardedTypes: string[];
  /** Fields whose arguments reach a marked input or ordering value, with those arguments ("Query.students(where.pin)"). */
  arguments: string[];
  /** Policies of types the schema does not have. */
  strayPolicies: string[];
}

let lastReport: GuardReport | null = null;
export const guardReport = (): GuardReport | null => lastReport;

/** Applies the guard to `schema` in place (once; a second call does nothing) and returns it. */
export function guardSchema(schema: GraphQLSchema, options: GuardOptions): GraphQLSchema {
  const marked = schema as GraphQLSchema & { [GUARDED]?: boolean };
  if (marked[GUARDED]) return schema;
  marked[GUARDED] = true;
  const policies = new GuardPolicies(options.policies);
  const report: GuardReport = {
    relations: [], personal: [], identifying: [], madeNullable: [], unguardedTypes: [], arguments: [],
    strayPolicies: policies.names().filter((name) => !schema.getType(name)),
  };

  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    // Connections and edges are filtered as a whole by the field that returns them.
    if (connectionNodeType(type) || isEdgeType(type)) continue;
    const root = ROOT_TYPES.has(type.name);
    if (!root && !policies.of(type.name)) report.unguardedTypes.push(type.name);

    for (const field of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${field.name}`;
      const extensions = field.extensions as { personalData?: PersonalDataKind; identifying?: boolean };

      const target = targetOf(field.type);
      if (target && !policies.isFree(target.typeName)) {
        const single = !target.list && target.kind !== 'connection';
        const vouched = !root && single && isNonNullType(field.type);
        if (vouched && target.typeName && visibilityGap(policies, type.name, target.typeName)) {
          makeNullable(field);
          report.madeNullable.push(coordinate);
        }
        const guarded = guardRelation(policies, coordinate, field, target, vouched);
        field.resolve = guarded;
        if (type.name === 'Subscription') guardSubscription(field, target, guarded);
        report.relations.push(coordinate);
      }

      if (extensions.personalData) {
        if (isNonNullType(field.type)) report.madeNullable.push(coordinate);
        makeNullable(field);
        field.resolve = guardPersonal(policies, type.name, field, extensions.personalData);
        report.personal.push(coordinate);
      }
      if (extensions.identifying) {
        field.resolve = guardIdentifying(type.name, field, policies.isPersonRecord(type.name));
        report.identifying.push(coordinate);
      }
      // Outermost, so it sees the answer as the client will (after the guard).
      if (type.name === 'Mutation') field.resolve = auditMutation(field);
      const scalarDomain = policies.fieldDomain(type.name, field.name);
      if (scalarDomain) {
        if (isNonNullType(field.type)) report.madeNullable.push(coordinate);
        makeNullable(field);
        field.resolve = guardFieldDomain(coordinate, field, scalarDomain);
      }
      // Outermost of all: a filter the viewer may not use is refused before anything runs.
      if (type.name !== 'Mutation') {
        const rules = argumentRulesOf(field, options.arguments);
        const defaults = pseudonymousDefaultsOf(field, options.arguments);
        if (rules.length || defaults.length) {
          guardArguments(coordinate, field, rules, defaults);
          for (const rule of rules) report.arguments.push(`${coordinate}(${rule.path.join('.')})`);
        }
      }
    }
  }
  lastReport = report;
  return schema;
}
