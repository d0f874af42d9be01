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

/** The integer key of a global ID of the expected type (throws INVALID_ID otherwise). */
export function intKeyOf(id: string, expectedType: string): number {
  const { type, key } = fromGlobalId(id);
  const value = Number(key);
  if (type !== expectedType || !Number.isInteger(value)) {
    throw new HubError(ErrorCode.INVALID_ID, `"${id}" is not the ID of a ${expectedType}.`);
  }
  return value;
}
