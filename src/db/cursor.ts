/**
 * List cursors: the last row's sort values (a surname, a student number…), encrypted and
 * authenticated with AES-256-GCM, the list's order key as associated data. A client learns nothing
 * from a cursor, cannot forge or alter one, and cannot carry one over to another list or order:
 * all of those are INVALID_CURSOR, never a statement with values the hub did not write.
 *
 * Layout (base64url): 12-byte nonce | ciphertext of JSON(values) | 16-byte tag. Key: opaque-keys.ts.
 */
import { createCipheriv, createDecipheriv, randomFillSync } from 'node:crypto';
import { ErrorCode, HubError } from '../common/errors';
import { opaqueKeys } from '../domain/opaque-keys';

const NONCE = 12;
const TAG = 16;

/** Random nonces, drawn from the system in blocks (a page of 100 cursors costs one draw at most). */
const pool = Buffer.alloc(NONCE * 256);
let poolUsed = pool.length;

function nonce(): Buffer {
  if (poolUsed === pool.length) {
    randomFillSync(pool);
    poolUsed = 0;
  }
  // A copy: the pool is refilled in place.
  const value = Buffer.from(pool.subarray(poolUsed, poolUsed + NONCE));
  poolUsed += NONCE;
  return value;
}

export function encodeCursor(orderKey: string, values: unknown[]): string {
  const iv = nonce();
  const cipher = createCipheriv('aes-256-gcm', opaqueKeys().cursor, iv);
  cipher.setAAD(Buffer.from(orderKey, 'utf8'));
  const body = Buffer.concat([cipher.update(JSON.stringify(values), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

const invalid = () =>
  new HubError(ErrorCode.INVALID_CURSOR, 'This cursor does not belong to this list and order; start again without `after`.', { field: 'after' });

/** The sort values of a cursor this hub issued for `orderKey`; INVALID_CURSOR for anything else. */
export function decodeCursor(cursor: string, orderKey: string): unknown[] {
  let values: unknown;
  try {
    const raw = Buffer.from(cursor, 'base64url');
    // `[]` encrypts to 2 bytes: anything shorter is not a cursor; a non-canonical spelling neither.
    if (raw.length < NONCE + TAG + 2 || raw.toString('base64url') !== cursor) throw invalid();
    const decipher = createDecipheriv('aes-256-gcm', opaqueKeys().cursor, raw.subarray(0, NONCE));
    decipher.setAAD(Buffer.from(orderKey, 'utf8'));
    decipher.setAuthTag(raw.subarray(raw.length - TAG));
    const plain = Buffer.concat([decipher.update(raw.subarray(NONCE, raw.length - TAG)), decipher.final()]);
    values = JSON.parse(plain.toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(values)) throw invalid();
  return values;
}
