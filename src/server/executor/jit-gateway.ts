/**
 * graphql-jit as Apollo Server's executor: each operation is compiled into a JavaScript function
 * once, on its first request, and the function is reused for every later request with the same
 * text and operation name (compiled code resolves fields without graphql-js's per-field
 * bookkeeping: about half the execution time of a nested read here, see ../shared/NOTES.md).
 *
 * Apollo 5 has no executor option. It has one documented seam for a custom executor: a `gateway`
 * given instead of a `schema`, whose `load()` hands Apollo the schema and an executor. Apollo
 * still parses, validates (introspection switch included), runs every plugin hook and formats
 * errors; only the `execute` step is ours. Anything graphql-jit cannot compile runs on
 * graphql-js, as it would without this module, and so do mutations (see the executor).
 */
import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { GraphQLError, execute, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { logger } from '../../common/logger';

type Gateway = ApolloServerOptionsWithGateway<Record<string, unknown>>['gateway'];
type Executor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;

/** Documents kept compiled at once; beyond it the least recently used one is compiled again when it returns. */
const MAX_COMPILED = 1000;
/**
 * Compiled code grows with the document, so the cache is bounded by the texts' size too: all kept
 * texts together at most MAX_COMPILED_CHARS characters, and a text above MAX_COMPILABLE_CHARS runs
 * on graphql-js (distinct large documents would otherwise each leave a large function behind).
 */
const MAX_COMPILED_CHARS = 2_000_000;
const MAX_COMPILABLE_CHARS = 20_000;

/** An operation graphql-jit could not compile: it runs on graphql-js (remembered, so it is tried once). */
const NOT_COMPILABLE = Symbol('not compilable');

interface Entry {
  compiled: CompiledQuery | typeof NOT_COMPILABLE;
  chars: number;
}

export class CompiledOperations {
  private readonly cache = new Map<string, Entry>();
  private chars = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly capacity = MAX_COMPILED,
  ) {}

  get size(): number {
    return this.cache.size;
  }

  /** The compiled operation for `key` (Apollo's query hash and the operation name), or null: run it on graphql-js. */
  get(key: string, document: DocumentNode, operationName: string | null | undefined): CompiledQuery | null {
    let entry = this.cache.get(key);
    if (entry !== undefined) {
      // Map order is insertion order: moving the entry to the end keeps the eviction least-recently-used.
      this.cache.delete(key);
      this.cache.set(key, entry);
    } else {
      const chars = document.loc?.end ?? MAX_COMPILABLE_CHARS + 1;
      if (chars > MAX_COMPILABLE_CHARS) return null;
      entry = { compiled: this.compile(document, operationName), chars };
      while (this.cache.size > 0 && (this.cache.size >= this.capacity || this.chars + chars > MAX_COMPILED_CHARS)) {
        const [oldestKey, oldest] = this.cache.entries().next().value!;
        this.cache.delete(oldestKey);
        this.chars -= oldest.chars;
      }
      this.cache.set(key, entry);
      this.chars += chars;
    }
    return entry.compiled === NOT_COMPILABLE ? null : entry.compiled;
  }

  private compile(document: DocumentNode, operationName: string | null | undefined): CompiledQuery | typeof NOT_COMPILABLE {
    try {
      const compiled = compileQuery(this.schema, document, operationName ?? undefined);
      if (isCompiledQuery(compiled)) return compiled;
      logger.debug('graphql-jit cannot compile an operation; it runs on graphql-js', {
        operationName: operationName ?? null,
        reason: compiled.errors?.map((e) => e.message).join('; '),
      });
    } catch (error) {
      logger.debug('graphql-jit cannot compile an operation; it runs on graphql-js', {
        operationName: operationName ?? null,
        reason: (error as Error)?.message ?? String(error),
      });
    }
    return NOT_COMPILABLE;
  }
}

/**
 * graphql-jit's errors imitate GraphQLError (same prototype) but leave `extensions` undefined when
 * the cause has none: a resolver's unexpected error, a null in a non-null field. Apollo reads
 * `extensions.code` of every error and would fail on those (a bare INTERNAL_SERVER_ERROR without
 * path, never logged by format-error.ts), so each becomes a real GraphQLError, as graphql-js makes.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  if (error.extensions) return error;
  const real = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? undefined });
  // graphql-js computes locations from AST nodes, which graphql-jit does not keep; its own are the same.
  (real as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return real;
}

/**
 * An Apollo "gateway" serving `schema` locally, executing with graphql-jit. Pass it as
 * `new ApolloServer({ gateway: jitGateway(schema) })` (and no `schema`).
 */
export function jitGateway(schema: GraphQLSchema): Gateway & { readonly operations: CompiledOperations } {
  const operations = new CompiledOperations(schema);

  const executor: Executor = async (request) => {
    const { document, operationName, context } = request;
    const variables = request.request.variables;
    const reference = () => execute({ schema, document, contextValue: context, variableValues: variables, operationName: request.request.operationName });
    // Mutations run on graphql-js, the reference: when one of an operation's mutations fails,
    // graphql-js stops there and the later ones never run, while graphql-jit would run them and
    // their writes would hide behind the failed one's `data: null`. Mutations are few and small.
    if (request.operation.operation === 'mutation') return reference();
    // Apollo resolved the operation before calling us, so the name here is the one that runs.
    const compiled = operations.get(`${request.queryHash}\u0000${operationName ?? ''}`, document, operationName);
    if (!compiled) return reference();
    const result = (await compiled.query(undefined, context, variables)) as ExecutionResult;
    // No `data` at all: the variables were refused before anything ran. graphql-js words that
    // refusal the way Apollo recognises (400 BAD_USER_INPUT), and it too stops before resolving.
    if (!('data' in result)) return reference();
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
  };

  let listeners: ((schemaContext: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }) => void)[] = [];
  return {
    operations,
    onSchemaLoadOrUpdate(callback) {
      listeners.push(callback);
      return () => {
        listeners = listeners.filter((l) => l !== callback);
      };
    },
    async load() {
      // The supergraph SDL matters only to Apollo's schema reporting to GraphOS, which the hub does not use.
      for (const listener of listeners) listener({ apiSchema: schema, coreSupergraphSdl: '' });
      return { executor };
    },
    async stop() {
      listeners = [];
    },
  };
}
