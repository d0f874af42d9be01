/**
 * Relay global IDs: "Type:key" encrypted deterministically, so an ID is stable (the same object
 * always has the same ID: clients cache by it, the audit log records it) but tells nobody its
 * native key, and an ID the hub did not issue is refused (INVALID_ID) rather than decoded.
 *
 * SIV construction: tag = HMAC-SHA256(macKey, plaintext) truncated to 12 bytes; ciphertext =
 * AES-256-CTR(cipherKey, iv = tag | 0^4, plaintext); ID = base64url(tag | ciphertext). Decoding
 * decrypts and recomputes the tag, so a changed character fails. Keys: opaque-keys.ts.
 *
 * Lists encode up to 100 IDs per page and the same objects come back request after request, so
 * both directions are memoised in bounded caches.
 */
import { createCipheriv, createDecipheriv, createHmac, timingSafeEqual } from 'node:crypto';
import { ErrorCode, HubError } from '../common/errors';
import { onOpaqueKeysChanged, opaqueKeys } from './opaque-keys';

const TAG = 12;
/** Entries per cache; when full, the oldest half is dropped. */
const CACHE_LIMIT = 50_000;

const encoded = new Map<string, string>();
const decoded = new Map<string, { type: string; key: string }>();
onOpaqueKeysChanged(() => {
  encoded.clear();
  decoded.clear();
});

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= CACHE_LIMIT) {
    let drop = CACHE_LIMIT / 2;
    for (const old of cache.keys()) {
      cache.delete(old);
      if (--drop === 0) break;
    }
  }
  cache.set(key, value);
  return value;
}

const tagOf = (plain: Buffer) => createHmac('sha256', opaqueKeys().idMac).update(plain).digest().subarray(0, TAG);
const ivOf = (tag: Buffer) => Buffer.concat([tag, Buffer.alloc(16 - TAG)]);

function seal(plain: Buffer): string {
  const tag = tagOf(plain);
  const cipher = createCipheriv('aes-256-ctr', opaqueKeys().idCipher, ivOf(tag));
  return Buffer.concat([tag, cipher.update(plain), cipher.final()]).toString('base64url');
}

function open(id: string): string | null {
  const raw = Buffer.from(id, 'base64url');
  if (raw.length <= TAG || raw.toString('base64url') !== id) return null;
  const tag = raw.subarray(0, TAG);
  const decipher = createDecipheriv('aes-256-ctr', opaqueKeys().idCipher, ivOf(tag));
  const plain = Buffer.concat([decipher.update(raw.subarray(TAG)), decipher.final()]);
  return timingSafeEqual(tagOf(plain), tag) ? plain.toString('utf8') : null;
}

export function toGlobalId(type: string, key: string | number): string {
  const plain = `${type}:${key}`;
  return encoded.get(plain) ?? remember(encoded, plain, seal(Buffer.from(plain, 'utf8')));
}

export function fromGlobalId(id: string): { type: string; key: string } {
  const known = decoded.get(id);
  if (known) return known;
  // IDs are short; a long string is not one (and is not worth decrypting).
  const plain = typeof id === 'string' && id.length <= 512 ? open(id) : null;
  const colon = plain?.indexOf(':') ?? -1;
  if (plain === null || colon <= 0 || colon === plain.length - 1) {
    throw new HubError(ErrorCode.INVALID_ID, 'This is not a Campus Graph ID (IDs are opaque: pass them back exactly as received).');
  }
  return remember(decoded, id, Object.freeze({ type: plain.slice(0, colon), key: plain.slice(colon + 1) }));
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
    throw new HubError(ErrorCode.INVALID_ID, `This is not the ID of a ${expectedType}.`);
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
