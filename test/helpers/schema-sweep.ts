/**
 * One query that reaches every field of the schema a client can ask for without arguments, two
 * object levels below the root lists: each root field that needs no argument, with every field of
 * its objects, and of the objects those lead to; objects further down give only `__typename` (which
 * still runs the resolver that fetches them). Lists are cut to two items (`first: 2`), connections
 * are read through `totalCount` and `nodes`. Derived from the schema, so a field added later is
 * swept too.
 */
import {
  getNamedType, isInterfaceType, isLeafType, isNonNullType, isObjectType, isUnionType,
  type GraphQLField, type GraphQLObjectType, type GraphQLSchema,
} from 'graphql';

/** An argument the sweep must fill in: a required one without a default. */
const needsValue = (field: GraphQLField<unknown, unknown>) => field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);

function argumentsOf(field: GraphQLField<unknown, unknown>): string {
  return field.args.some((arg) => arg.name === 'first') ? '(first: 2)' : '';
}

const isConnection = (type: GraphQLObjectType) => type.name.endsWith('Connection') && !!type.getFields().nodes && !!type.getFields().pageInfo;

function selectionOf(type: GraphQLObjectType, level: number, maxLevel: number): string {
  if (isConnection(type)) {
    const node = getNamedType(type.getFields().nodes.type);
    return `totalCount nodes { ${isObjectType(node) ? selectionOf(node, level, maxLevel) : '__typename'} }`;
  }
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (needsValue(field)) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) {
      parts.push(`${field.name}${argumentsOf(field)}`);
    } else if (isObjectType(named) && (level < maxLevel || isConnection(named))) {
      const inner = level < maxLevel ? selectionOf(named, level + 1, maxLevel) : 'totalCount';
      parts.push(`${field.name}${argumentsOf(field)} { ${inner} }`);
    } else if (isObjectType(named) || isInterfaceType(named) || isUnionType(named)) {
      parts.push(`${field.name}${argumentsOf(field)} { __typename }`);
    }
  }
  return parts.join(' ');
}

/**
 * The sweep over the root fields of Query that need no argument, except `skip` (e.g. lists that
 * change by themselves between two reads, such as the audit log).
 */
export function schemaSweep(schema: GraphQLSchema, skip: readonly string[] = [], maxLevel = 2): { query: string; roots: string[] } {
  const roots: string[] = [];
  const parts: string[] = [];
  for (const field of Object.values(schema.getQueryType()!.getFields())) {
    if (needsValue(field) || skip.includes(field.name)) continue;
    const named = getNamedType(field.type);
    roots.push(field.name);
    if (isLeafType(named)) parts.push(`${field.name}${argumentsOf(field)}`);
    else if (isObjectType(named)) parts.push(`${field.name}${argumentsOf(field)} { ${selectionOf(named, 1, maxLevel)} }`);
    else parts.push(`${field.name}${argumentsOf(field)} { __typename }`);
  }
  return { query: `query Sweep { ${parts.join(' ')} }`, roots };
}
