/**
 * Sign-up by e-mail confirmation, answering the same whether or not the address has an
 * account. `requestSignup` always does the same work — the password checked by the policy and
 * hashed at full cost, one transaction, one mail queued — and always answers 202
 * "confirmation sent": a new address gets a 6-digit code (valid SIGNUP_CODE_TTL_MS, at most
 * SIGNUP_CODE_ATTEMPTS tries), an address that has an account gets a mail saying so (sign in
 * instead). `confirmSignup` creates the account only for the right code, and its answer for a
 * wrong code, an unknown address and an address with an account is the same 400
 * INVALID_CODE. Codes are stored as an HMAC under a secret setting, never in clear.
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../context.js';
import { getOrCreateSetting } from '../db/settings.js';
import { isUniqueViolation } from '../db/dialect.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { enqueueMail } from '../mail/outbox.js';
import { hashPassword } from './passwords.js';
import { assertStrongPassword } from './password-policy.js';
import { toPublicUser, type PublicUser } from './service.js';

/** How long a mailed code is valid, and how many wrong codes void it. */
export const SIGNUP_CODE_TTL_MS = 30 * 60_000;
export const SIGNUP_CODE_ATTEMPTS = 5;

async function codeHash(ctx: AppContext, email: string, code: string): Promise<string> {
  const secret = await getOrCreateSetting(ctx.db, 'signup_code_secret');
  return createHmac('sha256', secret).update(`${email}|${code}`).digest('base64url');
}

/** Starts a sign-up: validates the password, mails a code (or an "you already have an account" note); the same answer either way. */
export async function requestSignup(ctx: AppContext, input: { email: string; password: string; name: string; role: 'buyer' | 'seller' }): Promise<{ status: 'confirmation_sent'; email: string; expiresAt: number }> {
  const email = input.email.trim().toLowerCase();
  const name = input.name.trim();
  assertStrongPassword(input.password, ctx.config.passwordMinScore, { email, name });
  const now = ctx.clock.now();
  const expiresAt = now + SIGNUP_CODE_TTL_MS;
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  // Hashed whether or not it is used, so both answers cost the same.
  const [passwordHash, hashedCode] = await Promise.all([hashPassword(input.password, ctx.config.scryptCost), codeHash(ctx, email, code)]);
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (existing) {
      await enqueueMail(ctx, trx, {
        to: email,
        subject: 'Your Flashmall account',
        text: `Someone (perhaps you) tried to create a Flashmall account with this address.\n\nYou already have an account: sign in at ${ctx.publicUrl()}/login (or ignore this mail if it was not you).\n`,
      });
      return;
    }
    await trx.deleteFrom('signup_requests').where('email', '=', email).execute();
    await trx.insertInto('signup_requests').values({ email, name, role: input.role, password_hash: passwordHash, code_hash: hashedCode, attempts: 0, expires_at: expiresAt, created_at: now }).execute();
    await enqueueMail(ctx, trx, {
      to: email,
      subject: `Your Flashmall code: ${code}`,
      text: `Your Flashmall sign-up code is ${code}\n\nEnter it within 30 minutes to finish creating your account. If you did not ask for it, ignore this mail.\n`,
    });
  });
  ctx.mail.kick();
  return { status: 'confirmation_sent', email, expiresAt };
}

const invalidCode = () => new AppError('INVALID_CODE', 'This code is wrong or has expired; ask for a new one by signing up again.');

/** Finishes a sign-up with the mailed code: creates the account (the caller then opens a session). */
export async function confirmSignup(ctx: AppContext, emailIn: string, code: string): Promise<PublicUser> {
  const email = emailIn.trim().toLowerCase();
  const now = ctx.clock.now();
  const req = await ctx.db.selectFrom('signup_requests').selectAll().where('email', '=', email).executeTakeFirst();
  const given = Buffer.from(await codeHash(ctx, email, code));
  if (!req || req.expires_at <= now || req.attempts >= SIGNUP_CODE_ATTEMPTS) throw invalidCode();
  const expected = Buffer.from(req.code_hash);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    // Counted conditionally, so concurrent guesses cannot exceed the attempts between them.
    await ctx.db.updateTable('signup_requests').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('email', '=', email).where('attempts', '<', SIGNUP_CODE_ATTEMPTS).execute();
    throw invalidCode();
  }
  const row = { id: newId(), email, name: req.name, password_hash: req.password_hash, role: req.role, created_at: now };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const claimed = await trx.deleteFrom('signup_requests').where('email', '=', email).where('code_hash', '=', req.code_hash).executeTakeFirst();
      if (Number(claimed.numDeletedRows) !== 1) throw invalidCode();
      await trx.insertInto('users').values(row).execute();
    });
  } catch (err) {
    // The mailbox's owner proved who they are: telling them the address has an account is fine.
    if (isUniqueViolation(err)) throw new AppError('EMAIL_TAKEN', 'An account with this e-mail already exists; sign in instead.');
    throw err;
  }
  return toPublicUser(row);
}
