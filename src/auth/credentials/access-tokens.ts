/** Short-lived signed access tokens (JWT, HS256, via `jose`). */
import { SignJWT, jwtVerify } from 'jose';

const ISSUER = 'campus-graph';
const AUDIENCE = 'campus-graph';

export interface AccessClaims {
  /** Account id. */
  accountId: string;
  /** Account's password change time (seconds): a password change invalidates older tokens. */
  passwordEpoch: number;
}

export class AccessTokens {
  private readonly key: Uint8Array;

  constructor(secret: string, private readonly ttlSeconds: number) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(claims: AccessClaims): Promise<{ token: string; expiresAt: Date }> {
    const now = Math.floor(Date.now() / 1000);
    const expiresAt = new Date((now + this.ttlSeconds) * 1000);
    const token = await new SignJWT({ pwe: claims.passwordEpoch })
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
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload.pwe !== 'number') return null;
      return { accountId: payload.sub, passwordEpoch: payload.pwe };
    } catch {
      return null;
    }
  }
}
