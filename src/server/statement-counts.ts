/**
 * Opt-in (STATEMENT_COUNTS=true): each HTTP response carries the SQL statements its request sent,
 * per database, as `extensions.sqlStatements` (e.g. `{ "avn": 3, "hub": 1 }`). The read benchmark
 * reports them next to PostGraphile's and the floor's; off by default, so clients never see it.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { HubContext } from '../graphql/context';

export const statementCountsPlugin: ApolloServerPlugin<HubContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        // The request's QueryStats counts every statement its loaders and services sent.
        result.extensions = { ...result.extensions, sqlStatements: Object.fromEntries(contextValue.stats.counts) };
      },
    };
  },
};
