/**
 * Signed, expiring tokens of the waiting room: the queue token (a place in line), the
 * admission pass (permission to try to reserve) and the proof-of-work challenge. Each is
 * bound to one buyer and one launch and signed with HMAC-SHA256; nothing is stored, so any
 * app process can check any token.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError, type ErrorCode } from '../shared/errors.js';

export type TokenKind = 'queue' | 'pass' | 'challenge';

export interface TokenClaims {
  /** launch id */
  l: string;
  /** buyer (user) id */
  b: string;
  /** expiry, epoch ms */
  e: number;
  /** nonce (challenges) */
  n?: string;
}

const KIND_ERRORS: Record<TokenKind, { bad: ErrorCode; expired: ErrorCode; name: string }> = {
  queue: { bad: 'QUEUE_TOKEN_INVALID', expired: 'QUEUE_TOKEN_EXPIRED', name: 'queue token' },
  pass: { bad: 'PASS_INVALID', expired: 'PASS_EXPIRED', name: 'admission pass' },
  challenge: { bad: 'CHALLENGE_INVALID', expired: 'CHALLENGE_EXPIRED', name: 'challenge' },
};

/** Why a token is refused. */
export interface TokenRefusal {
  code: ErrorCode;
  message: string;
}

/** Signs and checks the waiting room's tokens with one secret. */
export class TokenSigner {
  constructor(private readonly secret: string) {}

  private mac(kind: TokenKind, body: string): Buffer {
    return createHmac('sha256', this.secret).update(`${kind}.${body}`).digest().subarray(0, 24);
  }

  sign(kind: TokenKind, claims: TokenClaims): string {
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${body}.${this.mac(kind, body).toString('base64url')}`;
  }

  /** Tokens whose signature was already checked (a buyer sends one pass many times); bounded. */
  private verified = new Map<string, TokenClaims>();

  /**
   * Checks a token of the given kind for this launch and buyer without throwing: the claims,
   * or the refusal (`…_INVALID` forged/altered/foreign, `…_EXPIRED` expired). Used on the
   * reservation hot path.
   */
  check(kind: TokenKind, token: string, launchId: string, buyerId: string, now: number): TokenClaims | TokenRefusal {
    const err = KIND_ERRORS[kind];
    const cacheKey = `${kind}:${token}`;
    let claims = this.verified.get(cacheKey);
    if (!claims) {
      const dot = token.indexOf('.');
      if (dot <= 0 || token.length > 600) return { code: err.bad, message: `This ${err.name} is not valid.` };
      const body = token.slice(0, dot);
      const given = Buffer.from(token.slice(dot + 1), 'base64url');
      const expected = this.mac(kind, body);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { code: err.bad, message: `This ${err.name} is not valid.` };
      try {
        claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenClaims;
      } catch {
        return { code: err.bad, message: `This ${err.name} is not valid.` };
      }
      if (this.verified.size >= 100_000) this.verified.clear();
      this.verified.set(cacheKey, claims);
    }
    if (claims.l !== launchId || claims.b !== buyerId) return { code: err.bad, message: `This ${err.name} belongs to another buyer or launch.` };
    if (!(claims.e > now)) return { code: err.expired, message: `This ${err.name} has expired.` };
    return claims;
  }

  /**
   * Verifies a token of the given kind for this launch and buyer. A forged, altered or
   * foreign token is refused with its kind's `…_INVALID` code; an expired one with `…_EXPIRED`.
   */
  verify(kind: TokenKind, token: string, launchId: string, buyerId: string, now: number): TokenClaims {
    const r = this.check(kind, token, launchId, buyerId, now);
    if ('code' in r) throw new AppError(r.code, r.message);
    return r;
  }
}

/** A fresh random nonce for proof-of-work challenges. */
export const newNonce = () => randomBytes(12).toString('base64url');

/** Leading zero bits of sha256(challenge + ':' + solution): the proof-of-work check (one hash). */
export function powBits(challenge: string, solution: string): number {
  const h = createHash('sha256').update(`${challenge}:${solution}`).digest();
  let bits = 0;
  for (const byte of h) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    bits += Math.clz32(byte) - 24;
    break;
  }
  return bits;
}

/** Finds a solution with at least `difficulty` leading zero bits (what a client does; ~2^difficulty hashes). */
export function solvePow(challenge: string, difficulty: number): string {
  for (let i = 0; ; i++) {
    const s = i.toString(36);
    if (powBits(challenge, s) >= difficulty) return s;
  }
}
