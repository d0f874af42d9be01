/**
 * Relay global IDs: opaque base64url of "Type:key". Clients must not parse them; the hub decodes
 * them in one place.
 */
import { ErrorCode, HubError } from '../common/errors';

export function toGlobalId(type: string, key: string | number): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
}

export function fromGlobalId(id: string): { type: string; key: string } {
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1 || toGlobalId(decoded.slice(0, colon), decoded.slice(colon + 1)) !== id) {
    throw new HubError(ErrorCode.INVALID_ID, `"${id}" is not a Campus Graph ID.`);
  }
  return { type: decoded.slice(0, colon), key: decoded.slice(colon + 1) };
}

/**
 * An integer key as the hub writes it (canonical decimal) and as every integer key column it reads
 * can hold it (PostgreSQL `int`): anything else — "1.5", "1e3", "0x10", "-0", 3000000000 — names
 * nothing and must not reach SQL, where it would fail the statement instead of the request.
 */
const INT_KEY = /^-?(0|[1-9][0-9]{0,9})$/;
const INT_MAX = 2 ** 31 - 1;

/** The integer key of a global ID of the expected type (throws INVALID_ID otherwise). */
export function intKeyOf(id: string, expectedType: string): number {
  const { type, key } = fromGlobalId(id);
  const value = Number(key);
  if (type !== expectedType || !INT_KEY.test(key) || key === '-0' || value > INT_MAX || value < -INT_MAX - 1) {
    throw new HubError(ErrorCode.INVALID_ID, `"${id}" is not the ID of a ${expectedType}.`);
  }
  return value;
}

/**
 * A plain numeric id (accounts and API keys: `bigserial`, not Node global IDs), checked before it
 * reaches SQL: INVALID_ID (with `field: 'id'`) for anything that is not a positive decimal number.
 */
export function serialIdOf(id: string, what: string): string {
  if (!/^[1-9][0-9]{0,17}$/.test(id)) throw new HubError(ErrorCode.INVALID_ID, `"${id.slice(0, 40)}" is not an ${what} id.`, { field: 'id' });
  return id;
}
