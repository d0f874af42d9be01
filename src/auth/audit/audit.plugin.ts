/**
 * Writes each request's audit entries when its response is sent: one INSERT, after the query ran,
 * and only for requests that recorded something (a mutation, a personal field read).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { flushAudit, type AuditContext } from './audit.service';

export const auditPlugin: ApolloServerPlugin<AuditContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue }) {
        await flushAudit(contextValue);
      },
    };
  },
};
