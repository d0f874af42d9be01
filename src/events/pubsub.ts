/**
 * The in-process publish/subscribe bus that type-graphql's @Subscription resolvers listen on.
 * (The live-data work feeds it from the hub's ordered event log.)
 */
import { createPubSub } from '@graphql-yoga/subscription';

export const pubSub = createPubSub();
