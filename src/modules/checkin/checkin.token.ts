/**
 * The rotating check-in token: `cgq1.<sessionKey>.<slot>.<mac>` where slot = floor(unix seconds /
 * rotateSeconds) and mac = base64url(HMAC-SHA256(session secret, `<sessionKey>:<slot>`)). The
 * session key is in clear so the hub finds the secret; the slot lets it judge freshness without
 * storing tokens. Pure functions: the service passes the clock.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'cgq1';

export interface ParsedToken {
  sessionKey: number;
  slot: number;
  mac: string;
}

export function slotOf(now: Date, rotateSeconds: number): number {
  return Math.floor(now.getTime() / 1000 / rotateSeconds);
}

function macOf(secret: string, sessionKey: number, slot: number): string {
  return createHmac('sha256', secret).update(`${sessionKey}:${slot}`).digest('base64url');
}

export function signToken(secret: string, sessionKey: number, slot: number): string {
  return `${PREFIX}.${sessionKey}.${slot}.${macOf(secret, sessionKey, slot)}`;
}

/** The token's parts, or null when it is not shaped like one of ours. */
export function parseToken(token: string): ParsedToken | null {
  const match = /^cgq1\.([1-9]\d{0,15})\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token.trim());
  if (!match) return null;
  return { sessionKey: Number(match[1]), slot: Number(match[2]), mac: match[3] };
}

export function macIsValid(secret: string, token: ParsedToken): boolean {
  const expected = Buffer.from(macOf(secret, token.sessionKey, token.slot));
  const given = Buffer.from(token.mac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * Fresh: the current slot (or the next one, for a little clock skew between instances), or the
 * previous one until `graceSeconds` after it rotated.
 */
export function isFresh(slot: number, now: Date, rotateSeconds: number, graceSeconds: number): boolean {
  const current = slotOf(now, rotateSeconds);
  if (slot === current || slot === current + 1) return true;
  if (slot === current - 1) return now.getTime() < ((slot + 1) * rotateSeconds + graceSeconds) * 1000;
  return false;
}
