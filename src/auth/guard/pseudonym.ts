/**
 * Stable pseudonyms for pseudonymous viewers (analysts): "Student-7f3a9c1e" instead of a name.
 * An HMAC of the object's type and key under the hub's registry key, so the same student gets the
 * same pseudonym in every request (rows stay joinable across queries) and nobody without the key
 * can go back from a pseudonym to the person.
 */
import { createHmac } from 'node:crypto';

const LENGTH = 8;

export function pseudonym(secret: string, typeName: string, key: string | number): string {
  const digest = createHmac('sha256', secret).update(`pseudonym:${typeName}:${key}`).digest('hex');
  return `${typeName}-${digest.slice(0, LENGTH)}`;
}
