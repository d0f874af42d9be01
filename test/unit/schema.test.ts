/**
 * The schema is the product: it must match the committed schema/schema.graphql, describe every
 * part of itself, and follow GraphQL naming conventions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  getNamedType, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType, isUnionType, parse, validate,
  type GraphQLEnumType, type GraphQLInputType, type GraphQLSchema,
} from 'graphql';
import { NOT_IDENTIFYING, ORDERING_MARKS } from '../../src/modules/argument-rules';
import { guardReport } from '../../src/graphql/guard/guard-schema';
import { buildHubSchema, printHubSchema } from '../../src/modules/schema';
import { ANALYST_QUERY, FIRST_QUERY, loginQuery } from '../../src/server/graphiql';

const SCHEMA_FILE = path.resolve(__dirname, '../../schema/schema.graphql');

function ownTypes(schema: GraphQLSchema) {
  return Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__') && !['String', 'Int', 'Float', 'Boolean', 'ID'].includes(t.name));
}

describe('schema', () => {
  it('matches the committed schema/schema.graphql (run `npm run schema` after changing the code)', async () => {
    const committed = fs.readFileSync(SCHEMA_FILE, 'utf8');
    expect(committed).toBe(await printHubSchema());
  });

  it('describes every type, field, argument, input field and enum value', async () => {
    const schema = await buildHubSchema();
    const missing: string[] = [];
    for (const type of ownTypes(schema)) {
      if (!type.description?.trim()) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args) if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description?.trim()) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('follows GraphQL naming conventions', async () => {
    const schema = await buildHubSchema();
    const bad: string[] = [];
    for (const type of ownTypes(schema)) {
      if (!/^[A-Z][A-Za-z0-9]*$/.test(type.name)) bad.push(`type ${type.name}`);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!/^[a-z][A-Za-z0-9]*$/.test(field.name)) bad.push(`${type.name}.${field.name}`);
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!/^[A-Z][A-Z0-9_]*$/.test(value.name)) bad.push(`${type.name}.${value.name}`);
      }
      if (isScalarType(type) || isUnionType(type)) continue;
    }
    expect(bad).toEqual([]);
  });

  it('uses Relay connections: every *Connection has edges, nodes, pageInfo and totalCount (statistics: also total, withheldCount, minGroupSize)', async () => {
    const schema = await buildHubSchema();
    const connections = ownTypes(schema).filter((t) => t.name.endsWith('Connection'));
    expect(connections.length).toBeGreaterThan(5);
    for (const type of connections) {
      expect(isObjectType(type)).toBe(true);
      if (!isObjectType(type)) continue;
      const fields = Object.keys(type.getFields()).sort();
      // A statistics connection adds its total over all groups and its disclosure figures.
      const statistics = ['minGroupSize', 'total', 'withheldCount'];
      expect(fields.filter((f) => !statistics.includes(f))).toEqual(['edges', 'nodes', 'pageInfo', 'totalCount']);
      if (fields.includes('total')) expect(fields.filter((f) => statistics.includes(f))).toEqual(statistics);
    }
    const node = schema.getType('Node');
    expect(isInterfaceType(node)).toBe(true);
  });

  it('offers a login tab and a first query in GraphiQL that are valid against the schema', async () => {
    const schema = await buildHubSchema();
    expect(validate(schema, parse(FIRST_QUERY))).toEqual([]);
    expect(validate(schema, parse(ANALYST_QUERY))).toEqual([]);
    const demo = loginQuery({ demoAccounts: true, adminLogin: 'admin', adminPassword: 'admin-demo-2026' });
    expect(validate(schema, parse(demo))).toEqual([]);
    expect(demo).toContain('admin-demo-2026');
    // A configured administrator password never reaches the page.
    expect(loginQuery({ demoAccounts: true, adminLogin: 'admin', adminPassword: 'a-real-secret-password' })).not.toContain('a-real-secret-password');
  });

  it('has README examples that are valid against the schema', async () => {
    const schema = await buildHubSchema();
    const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    // A block of one-line operations (`{ … }` per line) is checked line by line, any other block as one document.
    const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].flatMap((m) => {
      const oneLiners = m[1].split('\n').filter((line) => /^\{ .*\}$/.test(line));
      return oneLiners.length > 1 ? oneLiners : [m[1]];
    });
    expect(examples.length).toBeGreaterThanOrEqual(10);
    for (const example of examples) expect(validate(schema, parse(example)), example.split('\n')[0]).toEqual([]);
  });

  it('marks every filter, search and ordering that touches personal or identifying data (the guard enforces the marks)', async () => {
    const schema = await buildHubSchema();
    // Names that suggest a person: such an argument or input field is marked or explained in NOT_IDENTIFYING.
    const personal = /pin|passport|phone|address|birth|mail|photo|name|number|search|contains|card|personnel/i;
    const isMarked = (extensions: Readonly<Record<string, unknown>> | null | undefined) => !!(extensions?.personalData || extensions?.identifying);
    const unmarked: string[] = [];
    const marked: string[] = [];
    const orderings = new Set<string>();
    const walk = (type: GraphQLInputType, at: string, path: string, seen: Set<string>) => {
      const named = getNamedType(type);
      if (isEnumType(named) && /(Order|Sort)Field$/.test(named.name)) orderings.add(named.name);
      if (!isInputObjectType(named) || seen.has(named.name)) return;
      seen.add(named.name);
      for (const field of Object.values(named.getFields())) {
        const inner = `${path}.${field.name}`;
        if (isMarked(field.extensions)) marked.push(`${at}(${inner})`);
        else if (personal.test(field.name) && !NOT_IDENTIFYING[`${named.name}.${field.name}`]) unmarked.push(`${named.name}.${field.name}`);
        walk(field.type, at, inner, seen);
      }
      seen.delete(named.name);
    };
    // Every Query and Subscription field, root or nested (every object type but Mutation).
    for (const type of ownTypes(schema)) {
      if (!isObjectType(type) || type.name === 'Mutation') continue;
      for (const field of Object.values(type.getFields())) {
        const at = `${type.name}.${field.name}`;
        for (const arg of field.args) {
          if (isMarked(arg.extensions)) marked.push(`${at}(${arg.name})`);
          else if (personal.test(arg.name) && !NOT_IDENTIFYING[`${at}(${arg.name})`]) unmarked.push(`${at}(${arg.name})`);
          walk(arg.type, at, arg.name, new Set());
        }
      }
    }
    expect(unmarked).toEqual([]);
    for (const coordinate of ['Query.students(where.pin)', 'Query.students(where.studentNumber)', 'Query.students(where.nameContains)', 'Query.personByPin(pin)', 'Query.student(studentNumber)']) {
      expect(marked).toContain(coordinate);
    }
    // Every mark is enforced: the guard wrapped each of these fields for that argument.
    expect([...new Set(marked)].filter((m) => !guardReport()!.arguments.includes(m))).toEqual([]);
    expect(guardReport()!.arguments).toContain('Query.students(orderBy.field)');

    // Every value of every ordering enum is classified (identifying or not), and nothing else is.
    expect(orderings.size).toBeGreaterThan(10);
    for (const name of orderings) {
      const values = (schema.getType(name) as GraphQLEnumType).getValues().map((v) => v.name).sort();
      expect(Object.keys(ORDERING_MARKS[name] ?? {}).sort(), name).toEqual(values);
    }
    expect(Object.keys(ORDERING_MARKS).filter((name) => !orderings.has(name))).toEqual([]);
    // NOT_IDENTIFYING names only what exists.
    for (const coordinate of Object.keys(NOT_IDENTIFYING)) {
      // An input field ('Type.field') or an argument ('Type.field(argument)'), as the walk above looks them up.
      const [, type, field, argument] = /^(\w+)\.(\w+)(?:\((\w+)\))?$/.exec(coordinate) ?? [];
      const named = schema.getType(type);
      const exists = argument
        ? isObjectType(named) && !!named.getFields()[field]?.args.some((a) => a.name === argument)
        : isInputObjectType(named) && !!named.getFields()[field];
      expect(exists, coordinate).toBe(true);
    }
  });
});
