/** `node(id:)` and `nodes(ids:)`: any object by its global ID, through its type's loader. */
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../../graphql/context';
import { fromGlobalId } from '../../domain/global-id';
import { Node, nodeFetcher } from '../../graphql/node';
import { ErrorCode, HubError } from '../../common/errors';

const MAX_IDS = 100;

async function fetchNode(id: string, context: HubContext) {
  const { type, key } = fromGlobalId(id);
  const fetch = nodeFetcher(type);
  if (!fetch) throw new HubError(ErrorCode.INVALID_ID, `"${id}" names an unknown type.`);
  return (await fetch(key, context)) ?? null;
}

@Resolver()
export class NodeQueries {
  @Query(() => Node, { nullable: true, description: 'Fetches any object by its global ID; null when it does not exist.' })
  node(@Arg('id', () => ID, { description: 'A global ID from any `id` field.' }) id: string, @Ctx() context: HubContext) {
    return fetchNode(id, context);
  }

  @Query(() => [Node], { nullable: 'itemsAndList', description: `Fetches up to ${MAX_IDS} objects by global ID, in the order given; null for each that does not exist.` })
  nodes(@Arg('ids', () => [ID], { description: 'Global IDs from `id` fields.' }) ids: string[], @Ctx() context: HubContext) {
    if (ids.length > MAX_IDS) throw new HubError(ErrorCode.VALIDATION_FAILED, `At most ${MAX_IDS} ids per call.`, { field: 'ids' });
    // Each ID resolves on its own: a malformed one fails only its own entry.
    return ids.map((id) => fetchNode(id, context));
  }
}
