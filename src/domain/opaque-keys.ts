/**
 * The keys behind everything opaque the hub hands out: global IDs (global-id.ts) and list cursors
 * (src/db/cursor.ts). Both are encrypted and authenticated, so a client can neither read a native key,
 * a name or a student number out of them nor forge one.
 *
 * The keys are derived (HKDF-SHA256, one label per use) from IDENTITY_PIN_KEY, the hub's one
 * secret of the identity registry, and set once at start (`setOpaqueSecret`, as `setMaxPageSize`).
 * Until then they come from the demo key, so code that encodes IDs without a running hub (tests,
 * benchmarks) agrees with a hub started on the default configuration. Changing IDENTITY_PIN_KEY
 * changes every ID and cursor (clients holding old ones get INVALID_ID / INVALID_CURSOR).
 */
import { hkdfSync } from 'node:crypto';
import { DEMO_IDENTITY_PIN_KEY } from '../config';

export interface OpaqueKeys {
  /** AES-256-GCM key of the cursors. */
  readonly cursor: Buffer;
  /** HMAC-SHA256 key of the global IDs' synthetic IV (it authenticates the ID). */
  readonly idMac: Buffer;
  /** AES-256-CTR key of the global IDs. */
  readonly idCipher: Buffer;
}

const derive = (secret: string, label: string): Buffer => Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `campus-graph/${label}/v1`, 32));

function deriveKeys(secret: string): OpaqueKeys {
  return Object.freeze({ cursor: derive(secret, 'cursor'), idMac: derive(secret, 'global-id-mac'), idCipher: derive(secret, 'global-id-cipher') });
}

let secretInUse: string = DEMO_IDENTITY_PIN_KEY;
let keys = deriveKeys(secretInUse);
const listeners: (() => void)[] = [];

/** Sets the secret the keys derive from (once at start); caches of encoded values are emptied. */
export function setOpaqueSecret(secret: string): void {
  if (secret === secretInUse) return;
  secretInUse = secret;
  keys = deriveKeys(secret);
  for (const listener of listeners) listener();
}

export const opaqueKeys = (): OpaqueKeys => keys;

/** Lets a module drop what it memoised under the previous keys. */
export function onOpaqueKeysChanged(listener: () => void): void {
  listeners.push(listener);
}
