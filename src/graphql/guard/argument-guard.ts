/**
 * The argument half of the guard: a filter, search or ordering on a field is allowed only to a
 * viewer who may read that field (src/modules/argument-rules.ts, handed to the guard when the schema is built), checked before the resolver runs,
 * so before any SQL. Otherwise a viewer could find out what the field hides by asking which rows
 * match: a library key which student has a given PIN, an analyst whose pseudonym belongs to a
 * name or a student number.
 *
 * - A personal-data input (`@PersonalData(kind)`) needs the kind in the viewer's personal scope;
 *   a permitted use is audited like reading the field: who, the key's purpose, which filter, and
 *   the objects it found.
 * - An identifying input (`@Identifying()`) or ordering value is refused to pseudonymous viewers
 *   (analysts): their rows are pseudonymous, and finding or sorting them by name would undo that.
 *
 * The refusal is FORBIDDEN_FIELD on the field's path, with the argument's path in
 * `extensions.argument`; the rest of the answer stands.
 */
import {
  defaultFieldResolver, getNamedType, isEnumType, isInputObjectType,
  type GraphQLField, type GraphQLFieldResolver, type GraphQLInputType, type GraphQLResolveInfo,
} from 'graphql';
import { ErrorCode, HubError } from '../../common/errors';
import type { HubContext } from '../context';
import type { PersonalDataKind } from '../../domain/access';
import { recordPersonalRead } from '../../auth/audit/audit.service';
import type { Viewer } from '../../auth/viewer';

/** What an argument value touches: a kind of personal data, or a name or number that identifies a person. */
export type ArgumentMark = { readonly personalData: PersonalDataKind } | { readonly identifying: true };

/**
 * The marks the schema's modules give ordering values (enum GraphQL name → value name → mark) and
 * the non-identifying default order of lists whose default order is identifying (`orderBy` input
 * type name → field), for pseudonymous viewers.
 */
export interface ArgumentMarks {
  readonly orderings: Readonly<Record<string, Readonly<Record<string, ArgumentMark | null>>>>;
  readonly pseudonymousDefaultOrder: Readonly<Record<string, { readonly field: string }>>;
}

/** One place in a field's arguments that touches marked data. */
export interface ArgumentRule {
  /** Argument name, then input field names ("where", "pin"). */
  path: string[];
  /** The mark of the input field or argument itself (any non-null value touches it). */
  mark?: ArgumentMark;
  /** An ordering enum: the marks of its values (by internal value). */
  values?: Map<unknown, ArgumentMark>;
}

function markOf(extensions: Readonly<Record<string, unknown>> | null | undefined): ArgumentMark | null {
  const marks = (extensions ?? {}) as { personalData?: PersonalDataKind; identifying?: boolean };
  if (marks.personalData) return { personalData: marks.personalData };
  if (marks.identifying) return { identifying: true };
  return null;
}

function collect(type: GraphQLInputType, path: string[], rules: ArgumentRule[], visiting: Set<string>, orderings: ArgumentMarks['orderings']): void {
  const named = getNamedType(type);
  if (isEnumType(named)) {
    const marks = orderings[named.name];
    if (!marks) return;
    const values = new Map<unknown, ArgumentMark>();
    for (const value of named.getValues()) {
      const mark = marks[value.name];
      if (mark) values.set(value.value, mark);
    }
    if (values.size) rules.push({ path, values });
    return;
  }
  if (!isInputObjectType(named) || visiting.has(named.name)) return;
  visiting.add(named.name);
  for (const field of Object.values(named.getFields())) {
    const fieldPath = [...path, field.name];
    const mark = markOf(field.extensions);
    if (mark) rules.push({ path: fieldPath, mark });
    collect(field.type, fieldPath, rules, visiting, orderings);
  }
  visiting.delete(named.name);
}

const NO_MARKS: ArgumentMarks = { orderings: {}, pseudonymousDefaultOrder: {} };

/** The `orderBy`-like arguments of `field` that get another default for pseudonymous viewers (PSEUDONYMOUS_DEFAULT_ORDER). */
export function pseudonymousDefaultsOf(field: GraphQLField<unknown, unknown>, marks: ArgumentMarks = NO_MARKS): { name: string; value: Record<string, unknown> }[] {
  return field.args.flatMap((arg) => {
    const order = marks.pseudonymousDefaultOrder[getNamedType(arg.type).name];
    return order && arg.defaultValue === undefined ? [{ name: arg.name, value: { field: order.field, direction: 'ASC' } }] : [];
  });
}

/** Every place in `field`'s arguments that can reach a marked input field or ordering value. */
export function argumentRulesOf(field: GraphQLField<unknown, unknown>, marks: ArgumentMarks = NO_MARKS): ArgumentRule[] {
  const rules: ArgumentRule[] = [];
  for (const arg of field.args) {
    const mark = markOf(arg.extensions);
    if (mark) rules.push({ path: [arg.name], mark });
    collect(arg.type, [arg.name], rules, new Set(), marks.orderings);
  }
  return rules;
}

/** The non-null values at `path` in `value` (lists are walked item by item). */
function valuesAt(value: unknown, path: string[], from = 0, found: unknown[] = []): unknown[] {
  if (value == null) return found;
  if (Array.isArray(value)) {
    for (const item of value) valuesAt(item, path, from, found);
    return found;
  }
  if (from === path.length) {
    found.push(value);
    return found;
  }
  if (typeof value !== 'object') return found;
  return valuesAt((value as Record<string, unknown>)[path[from]], path, from + 1, found);
}

interface Touch {
  /** "where.pin" */
  argument: string;
  mark: ArgumentMark;
}

function touches(rules: ArgumentRule[], args: Record<string, unknown>): Touch[] {
  const found: Touch[] = [];
  for (const rule of rules) {
    // Skip the argument at once when it was not given (the common case).
    if (args[rule.path[0]] == null) continue;
    for (const value of valuesAt(args, rule.path)) {
      const mark = rule.mark ?? rule.values?.get(value);
      if (mark) {
        found.push({ argument: rule.path.join('.'), mark });
        break;
      }
    }
  }
  return found;
}

/** Refuses what the viewer may not use; returns the personal filters it may (to audit). */
function permit(coordinate: string, viewer: Viewer, touched: Touch[]): Touch[] {
  const personal: Touch[] = [];
  for (const touch of touched) {
    if ('personalData' in touch.mark) {
      const kind = touch.mark.personalData;
      if (!viewer.scope.personal.has(kind)) {
        throw new HubError(
          ErrorCode.FORBIDDEN_FIELD,
          `\`${touch.argument}\` of ${coordinate} filters by personal data (${kind}) outside this access's scope.`,
          { field: coordinate, argument: touch.argument, kind },
        );
      }
      personal.push(touch);
    } else if (viewer.scope.pseudonymous) {
      throw new HubError(
        ErrorCode.FORBIDDEN_FIELD,
        `\`${touch.argument}\` of ${coordinate} finds or sorts people by what identifies them; this access sees pseudonyms only.`,
        { field: coordinate, argument: touch.argument, identifying: true },
      );
    }
  }
  return personal;
}

const operationOf = (info: GraphQLResolveInfo) => info.operation.name?.value ?? info.operation.operation;

/** The objects a result holds (a connection's nodes, a list's items, an object). */
function objectsOf(result: unknown): { __typename?: unknown; key?: unknown }[] {
  if (result == null || typeof result !== 'object' || result instanceof Error) return [];
  if (Array.isArray(result)) return result.flatMap(objectsOf);
  const nodes = (result as { nodes?: unknown }).nodes;
  if (Array.isArray(nodes)) return nodes.flatMap(objectsOf);
  return [result as { __typename?: unknown; key?: unknown }];
}

/** Audits each permitted personal filter like a read of the field: the filter, and each object it found. */
function audit(context: HubContext, info: GraphQLResolveInfo, coordinate: string, personal: Touch[], result: unknown, found: boolean): void {
  const operation = operationOf(info);
  for (const touch of personal) {
    const label = `${coordinate}(${touch.argument})`;
    recordPersonalRead(context, operation, 'Query', label, undefined);
    if (!found) continue;
    for (const object of objectsOf(result)) {
      if (typeof object.__typename === 'string' && (typeof object.key === 'number' || typeof object.key === 'string')) {
        recordPersonalRead(context, operation, object.__typename, label, object.key);
      }
    }
  }
}

const isPromise = (value: unknown): value is Promise<unknown> => !!value && typeof (value as Promise<unknown>).then === 'function';

type Resolver = GraphQLFieldResolver<any, HubContext>;

/**
 * Wraps `field` (resolve, and subscribe for a Subscription field) with its argument rules, and
 * gives pseudonymous viewers the non-identifying default order where one is declared.
 */
export function guardArguments(
  coordinate: string, field: GraphQLField<any, HubContext>, rules: ArgumentRule[], defaults: { name: string; value: Record<string, unknown> }[] = [],
): void {
  const resolve: Resolver = field.resolve ?? defaultFieldResolver;
  const subscribe = field.subscribe;
  if (subscribe) {
    // Checked once, when the client subscribes; events then resolve as usual.
    field.subscribe = function subscribeFiltered(source, args, context: HubContext, info) {
      const touched = touches(rules, args);
      if (touched.length) {
        const personal = permit(coordinate, context.viewer, touched);
        if (personal.length) audit(context, info, coordinate, personal, null, false);
      }
      return subscribe(source, args, context, info);
    };
    return;
  }
  field.resolve = function filtered(source, given, context, info) {
    let args = given;
    if (defaults.length && context.viewer.scope.pseudonymous) {
      args = { ...given };
      for (const { name, value } of defaults) args[name] ??= value;
    }
    const touched = touches(rules, args);
    if (!touched.length) return resolve(source, args, context, info);
    const personal = permit(coordinate, context.viewer, touched);
    const value = resolve(source, args, context, info);
    if (!personal.length) return value;
    if (isPromise(value)) {
      return value.then(
        (result) => {
          audit(context, info, coordinate, personal, result, true);
          return result;
        },
        (error: unknown) => {
          // A filter that failed (a malformed PIN) still was an attempt to use it.
          audit(context, info, coordinate, personal, null, false);
          throw error;
        },
      );
    }
    audit(context, info, coordinate, personal, value, true);
    return value;
  };
}
