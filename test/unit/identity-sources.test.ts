import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { birthDateFromPin, normalizePin, pinDigest } from '../../src/domain/pin';

describe('PIN handling in the identity registry', () => {
  it('accepts 14 digits only (spaces tolerated), nothing else', () => {
    expect(normalizePin('21409200300011')).toBe('21409200300011');
    expect(normalizePin(' 2140920030 0011 ')).toBe('21409200300011');
    expect(normalizePin('2140920030001')).toBeNull();
    expect(normalizePin('2140920030001X')).toBeNull();
    expect(normalizePin('00000000000000')).toBeNull();
    expect(normalizePin(null)).toBeNull();
  });

  it('digests with HMAC-SHA256 under the key (hex), so equal PINs compare equal', () => {
    const expected = crypto.createHmac('sha256', 'k').update('21409200300011').digest('hex');
    expect(pinDigest('21409200300011', 'k')).toBe(expected);
    expect(pinDigest('21409200300011 ', 'k')).toBe(expected); // char(14) padding
    expect(pinDigest('21409200300011', 'other key')).not.toBe(expected);
    expect(pinDigest('', 'k')).toBeNull();
  });

  it('reads the birth date a Kyrgyz PIN encodes (sex digit, DDMMYYYY, serial)', () => {
    expect(birthDateFromPin('21409200300011')).toBe('2003-09-14');
    expect(birthDateFromPin('12902200412345')).toBe('2004-02-29');
    expect(birthDateFromPin('12902200312345')).toBeNull(); // no 29 February in 2003
    expect(birthDateFromPin('31409200300011')).toBeNull(); // no such sex digit
    expect(birthDateFromPin(null)).toBeNull();
  });
});
