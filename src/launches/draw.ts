/**
 * The verifiable draw's primitives (commit-reveal; docs/draw.md is the specification and this
 * file follows it to the byte):
 *
 * - a launch's seed is 32 random bytes made when the launch is scheduled; only its commitment,
 *   SHA-256 of those bytes, is published until the start;
 * - every buyer in the pre-queue has a ticket: a pseudonym (HMAC of the launch and the buyer
 *   under a server secret) that only the buyer is shown, with an arrival number given at join;
 * - at the start the entrants (arrival, ticket) are frozen in arrival order and hashed, the
 *   seed is revealed, and the line is `drawOrder(seed, tickets in arrival order)`.
 *
 * Nothing here reads the database or the clock.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';

/** The version of the draw's rules a launch was drawn under (docs/draw.md). */
export const DRAW_SCHEME = 'flashmall-draw-v1';

/** A fresh seed: 32 random bytes as 64 lowercase hex digits. */
export function newDrawSeed(): string {
  return randomBytes(32).toString('hex');
}

/** The commitment to a seed: SHA-256 of its 32 bytes, as 64 lowercase hex digits. */
export function drawCommitment(seedHex: string): string {
  if (!/^[0-9a-f]{64}$/.test(seedHex)) throw new Error('a draw seed is 64 lowercase hex digits');
  return createHash('sha256').update(Buffer.from(seedHex, 'hex')).digest('hex');
}

/**
 * A buyer's ticket in a launch's draw: the first 16 bytes of HMAC-SHA256(secret,
 * "flashmall-ticket-v1|" + launchId + "|" + buyerId) as 32 lowercase hex digits. Without the
 * secret nobody can tell whose ticket it is; the buyer is shown their own.
 */
export function drawTicket(secret: string, launchId: string, buyerId: string): string {
  return createHmac('sha256', secret).update(`flashmall-ticket-v1|${launchId}|${buyerId}`).digest().subarray(0, 16).toString('hex');
}

/** One entrant of a draw as it is published: the arrival number given at join and the ticket. */
export interface DrawEntrant {
  arrival: number;
  ticket: string;
}

/**
 * The hash of the frozen entrant list: SHA-256 over the UTF-8 text made of one line per entrant
 * in arrival order, `<arrival in decimal> <ticket>\n`, as 64 lowercase hex digits.
 */
export function entrantsHash(entrants: readonly DrawEntrant[]): string {
  const h = createHash('sha256');
  for (const e of entrants) h.update(`${e.arrival} ${e.ticket}\n`);
  return h.digest('hex');
}
