/**
 * The two profiles of request limits: one for callers with credentials (an account or a partner
 * key, each limited on its own) and a stricter one for anonymous callers (limited per address,
 * and together: their statements share a few of a source's connections, db/fair-share.ts).
 * Every limit applies to HTTP and WebSocket alike, before any SQL.
 */
import type { Config, RequestLimitSettings } from '../../config';
import type { Viewer } from '../../auth/viewer';
import type { OperationLimits } from './operation-limits';
import type { ScanLimits } from './document-scan';

export interface LimitProfile {
  readonly name: 'authenticated' | 'anonymous';
  /** Largest HTTP body, in bytes. */
  readonly maxRequestBytes: number;
  /** Counted on the text before it is parsed. */
  readonly scan: ScanLimits;
  /** Measured on the parsed operation before it runs. */
  readonly operation: OperationLimits;
  /** Token bucket of each caller. */
  readonly rate: { readonly perMinute: number; readonly burst: number };
}

export interface RequestLimits {
  readonly authenticated: LimitProfile;
  readonly anonymous: LimitProfile;
}

function profile(name: LimitProfile['name'], settings: RequestLimitSettings, maxPageSize: number): LimitProfile {
  return Object.freeze({
    name,
    maxRequestBytes: settings.maxRequestBytes,
    scan: Object.freeze({ maxChars: settings.maxDocumentChars, maxTokens: settings.maxTokens, maxAliases: settings.maxAliases, maxDirectives: settings.maxDirectives }),
    operation: Object.freeze({
      maxDepth: settings.maxDepth,
      maxCost: settings.maxCost,
      maxPageSize,
      maxRootFields: settings.maxRootFields,
      maxStatements: settings.maxStatements,
    }),
    rate: Object.freeze({ perMinute: settings.ratePerMinute, burst: settings.rateBurst }),
  });
}

export function requestLimits(config: Pick<Config, 'limits' | 'maxPageSize'>): RequestLimits {
  return Object.freeze({
    authenticated: profile('authenticated', config.limits.authenticated, config.maxPageSize),
    anonymous: profile('anonymous', config.limits.anonymous, config.maxPageSize),
  });
}

/** The profile of a viewer: anonymous callers get the stricter one. */
export function profileOf(limits: RequestLimits, viewer: Pick<Viewer, 'kind'> | null | undefined): LimitProfile {
  return !viewer || viewer.kind === 'anonymous' ? limits.anonymous : limits.authenticated;
}
