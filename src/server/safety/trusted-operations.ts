/**
 * Trusted operations: in production the hub can run only the operations registered in a manifest
 * (TRUSTED_OPERATIONS=path). Clients send an operation's id instead of its text, either as
 * Apollo's persisted-query extension `{ "extensions": { "persistedQuery": { "version": 1,
 * "sha256Hash": id } } }` or as `{ "documentId": id }` (GraphQL over HTTP's persisted documents);
 * free text is refused with OPERATION_NOT_TRUSTED.
 *
 * Why not Apollo's APQ alone: APQ is a cache clients fill themselves (a request with text and hash
 * registers the text), so it runs any operation; safelisting is a GraphOS Router feature. Here the
 * id is looked up in the manifest before Apollo sees the request, and the manifest's text replaces
 * the request's.
 *
 * The manifest uses Apollo's persisted query manifest format, so a manifest written by Apollo's
 * generate-persisted-query-manifest works too:
 *   { "format": "apollo-persisted-query-manifest", "version": 1,
 *     "operations": [ { "id": sha256(body), "name": "StudyCard", "type": "query", "body": "query StudyCard…" } ] }
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import {
  Kind,
  parse,
  print,
  validate,
  visit,
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { ErrorCode, HubError } from '../../common/errors';

export const MANIFEST_FORMAT = 'apollo-persisted-query-manifest';

export interface TrustedOperation {
  /** sha256 (hex) of `body`. */
  id: string;
  name: string | null;
  type: 'query' | 'mutation' | 'subscription';
  /** The operation and the fragments it uses, as graphql-js prints them. */
  body: string;
}

export interface TrustedManifest {
  format: typeof MANIFEST_FORMAT;
  version: 1;
  operations: TrustedOperation[];
}

export function operationId(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

/**
 * The manifest entries of one GraphQL document: one per operation, each with the fragments it
 * spreads (directly or through other fragments), printed by graphql-js (comments and layout do
 * not change an id).
 */
export function trustedOperationsOf(source: string): TrustedOperation[] {
  const document = parse(source);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operations.map((operation) => {
    const used = new Set<string>();
    const pending: DefinitionNode[] = [operation];
    while (pending.length) {
      visit(pending.pop()!, {
        FragmentSpread(node) {
          const name = node.name.value;
          if (used.has(name) || !fragments.has(name)) return;
          used.add(name);
          pending.push(fragments.get(name)!);
        },
      });
    }
    const definitions = [operation, ...[...used].sort().map((name) => fragments.get(name)!)];
    const body = print({ kind: Kind.DOCUMENT, definitions } as DocumentNode);
    return { id: operationId(body), name: operation.name?.value ?? null, type: operation.operation, body };
  });
}

export function buildManifest(sources: string[]): TrustedManifest {
  const byId = new Map<string, TrustedOperation>();
  for (const source of sources) for (const operation of trustedOperationsOf(source)) byId.set(operation.id, operation);
  const operations = [...byId.values()].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.id.localeCompare(b.id));
  return { format: MANIFEST_FORMAT, version: 1, operations };
}

/** The registered operations of a running hub, by id. */
export class TrustedOperations {
  private constructor(private readonly byId: ReadonlyMap<string, TrustedOperation>) {}

  /**
   * Reads and checks a manifest: every id must be the sha256 of its body and every body must be
   * valid against the schema, so a stale manifest stops the start instead of failing requests.
   */
  static load(file: string, schema?: GraphQLSchema): TrustedOperations {
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`TRUSTED_OPERATIONS: cannot read ${file} as JSON (${(error as Error).message})`);
    }
    const entries = manifestEntries(raw, file);
    const byId = new Map<string, TrustedOperation>();
    for (const entry of entries) {
      if (operationId(entry.body) !== entry.id) {
        throw new Error(`TRUSTED_OPERATIONS: in ${file}, operation ${entry.name ?? entry.id} has an id that is not the sha256 of its body; regenerate the manifest (npm run operations:manifest)`);
      }
      if (schema) {
        const problems = validate(schema, parse(entry.body));
        if (problems.length) {
          throw new Error(`TRUSTED_OPERATIONS: in ${file}, operation ${entry.name ?? entry.id} does not fit the schema: ${problems[0].message}`);
        }
      }
      byId.set(entry.id, entry);
    }
    return new TrustedOperations(byId);
  }

  static of(operations: TrustedOperation[]): TrustedOperations {
    return new TrustedOperations(new Map(operations.map((o) => [o.id, o])));
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): TrustedOperation | undefined {
    return this.byId.get(id);
  }

  /**
   * Resolves a GraphQL-over-HTTP request to a registered operation: returns the request with the
   * manifest's text as `query` (and without the id), or OPERATION_NOT_TRUSTED. A request with
   * neither text nor id passes unchanged (Apollo answers it: landing page or "no query").
   */
  admitHttp(method: string, body: unknown, search: string): { body: unknown; search: string } | { error: HubError } {
    if (method === 'GET') {
      const params = new URLSearchParams(search);
      const extensions = parseJsonObject(params.get('extensions'));
      const resolved = this.resolve(params.get('query'), params.get('documentId'), extensions);
      if ('error' in resolved) return resolved;
      if (resolved.body === null) return { body, search };
      params.set('query', resolved.body);
      params.delete('documentId');
      if (resolved.extensions) params.set('extensions', JSON.stringify(resolved.extensions));
      else params.delete('extensions');
      return { body, search: `?${params.toString()}` };
    }
    if (!isObject(body)) return { body, search }; // not a JSON object: Apollo refuses it
    const resolved = this.resolve(body.query, body.documentId, isObject(body.extensions) ? body.extensions : null);
    if ('error' in resolved) return resolved;
    if (resolved.body === null) return { body, search };
    const { documentId: _id, extensions: _ext, ...rest } = body;
    return { body: { ...rest, query: resolved.body, ...(resolved.extensions ? { extensions: resolved.extensions } : {}) }, search };
  }

  /**
   * The registered text for a request's id (documentId or the persisted-query hash), or an error
   * for free text and unknown ids; `body` null when the request names no operation at all.
   */
  resolve(query: unknown, documentId: unknown, extensions: Record<string, unknown> | null): { body: string | null; extensions: Record<string, unknown> | null } | { error: HubError } {
    const persisted = extensions && isObject(extensions.persistedQuery) ? extensions.persistedQuery : null;
    const id = typeof documentId === 'string' && documentId ? documentId : typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash : null;
    if (id !== null) {
      const operation = this.get(id.replace(/^sha256:/, ''));
      if (!operation) {
        return {
          error: new HubError(ErrorCode.OPERATION_NOT_TRUSTED, `Operation ${id} is not registered on this hub; only the operations of its trusted manifest run.`, { operationId: id }),
        };
      }
      // The id stands for the text: Apollo must not treat the request as an APQ registration.
      const { persistedQuery: _pq, ...rest } = extensions ?? {};
      return { body: operation.body, extensions: Object.keys(rest).length ? rest : null };
    }
    if (typeof query === 'string' && query.trim() !== '') {
      return {
        error: new HubError(
          ErrorCode.OPERATION_NOT_TRUSTED,
          'This hub runs only registered operations: send the operation\'s id as `documentId` or as `extensions.persistedQuery.sha256Hash` (version 1) instead of its text.',
        ),
      };
    }
    return { body: null, extensions };
  }
}

function manifestEntries(raw: unknown, file: string): TrustedOperation[] {
  // Apollo's format; a plain { id: body } map is accepted as well.
  if (isObject(raw) && raw.format === MANIFEST_FORMAT && Array.isArray(raw.operations)) {
    return raw.operations.map((o: any) => {
      if (!isObject(o) || typeof o.id !== 'string' || typeof o.body !== 'string') {
        throw new Error(`TRUSTED_OPERATIONS: ${file} has an operation without a string id and body`);
      }
      return { id: o.id, name: typeof o.name === 'string' ? o.name : null, type: (o.type as TrustedOperation['type']) ?? 'query', body: o.body };
    });
  }
  if (isObject(raw) && Object.values(raw).every((v) => typeof v === 'string')) {
    return Object.entries(raw as Record<string, string>).map(([id, body]) => {
      const operation = parse(body).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      return { id, name: operation?.name?.value ?? null, type: operation?.operation ?? 'query', body };
    });
  }
  throw new Error(`TRUSTED_OPERATIONS: ${file} is neither an ${MANIFEST_FORMAT} nor a map of ids to documents`);
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJsonObject(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text);
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}
