/** Short-lived signed access tokens (JWT, HS256, via `jose`). */
import { SignJWT, jwtVerify } from 'jose';

const ISSUER = 'campus-graph';
const AUDIENCE = 'campus-graph';

export interface AccessClaims {
  /** Account id. */
  accountId: string;
  /**
   * The account's session epoch when the token was issued (`sep`). Deactivation, a password change
   * and a reused refresh token start a new epoch, which refuses every token of an older one.
   */
  sessionEpoch: number;
}

/** Verified tokens remembered at once (a dashboard sends the same token with every request). */
const VERIFIED_CACHE_SIZE = 10_000;

export class AccessTokens {
  private readonly key: Uint8Array;
  /**
   * Tokens already verified, with their claims and expiry: a token is immutable, so its signature
   * is checked once (about 3% of a read's CPU here), not per request. Deactivation and the session
   * epoch are still checked on every request against the account (access-registry.ts).
   */
  private readonly verified = new Map<string, { claims: AccessClaims; expiresAtMs: number }>();

  constructor(secret: string, private readonly ttlSeconds: number) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(claims: AccessClaims): Promise<{ token: string; expiresAt: Date }> {
    const now = Math.floor(Date.now() / 1000);
    const expiresAt = new Date((now + this.ttlSeconds) * 1000);
    const token = await new SignJWT({ sep: claims.sessionEpoch })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.accountId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + this.ttlSeconds)
      .sign(this.key);
    return { token, expiresAt };
  }

  /** The claims of a valid, unexpired token; null for anything else. */
  async verify(token: string): Promise<AccessClaims | null> {
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAtMs > Date.now()) return known.claims;
      this.verified.delete(token);
      return null;
    }
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || !Number.isInteger(payload.sep) || typeof payload.exp !== 'number') return null;
      const claims = { accountId: payload.sub, sessionEpoch: payload.sep as number };
      // Full: forget the oldest (Map keeps insertion order).
      if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, { claims, expiresAtMs: payload.exp * 1000 });
      return claims;
    } catch {
      return null;
    }
  }
}
