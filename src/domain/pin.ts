/**
 * A Kyrgyz personal identification number (PIN): when a value counts as one, the birth date it
 * encodes, and the keyed digest the identity registry keeps instead of it (raw PINs never reach
 * the hub database).
 */
import crypto from 'node:crypto';

/** A valid PIN is 14 digits; anything else (blank, placeholder zeros, typed text) counts as absent. */
export function normalizePin(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const pin = raw.replace(/\s+/g, '');
  if (!/^\d{14}$/.test(pin) || /^0+$/.test(pin)) return null;
  return pin;
}

/**
 * The birth date a Kyrgyz PIN encodes: sex digit (1 female, 2 male), then DDMMYYYY, then a
 * 5-digit serial. Null when the PIN is absent or does not hold a real date.
 */
export function birthDateFromPin(raw: unknown): string | null {
  const pin = normalizePin(raw);
  if (!pin || !/^[12]/.test(pin)) return null;
  const [dd, mm, yyyy] = [pin.slice(1, 3), pin.slice(3, 5), pin.slice(5, 9)];
  const date = new Date(Date.UTC(Number(yyyy), Number(mm) - 1, Number(dd)));
  const iso = `${yyyy}-${mm}-${dd}`;
  return Number(yyyy) >= 1900 && date.toISOString().slice(0, 10) === iso ? iso : null;
}

/** HMAC-SHA256 of the PIN with the hub's key, hex: comparable, but useless without the key. */
export function pinDigest(raw: unknown, pinKey: string): string | null {
  const pin = normalizePin(raw);
  return pin === null ? null : crypto.createHmac('sha256', pinKey).update(pin).digest('hex');
}
