/**
 * Which new passwords are accepted: at least 8 characters and a zxcvbn-ts strength score of at
 * least PASSWORD_MIN_SCORE (0-4; 3 by default), estimated against its common-password,
 * English and keyboard-pattern dictionaries plus the account's own e-mail, its local part
 * and name — so "password", "12345678", eight spaces or one's own e-mail never pass.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { AppError } from '../shared/errors.js';

let factory: ZxcvbnFactory | null = null;
const estimator = () =>
  (factory ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary, ...en.dictionary }, graphs: common.adjacencyGraphs, translations: en.translations }));

/** Throws 400 PASSWORD_TOO_WEAK (with zxcvbn's warning and suggestions) unless the password is strong enough. */
export function assertStrongPassword(password: string, minScore: number, user: { email: string; name?: string }): void {
  const email = user.email.trim().toLowerCase();
  const inputs = [email, email.split('@')[0] ?? '', ...(user.name ? [user.name, user.name.replace(/\s+/g, ''), ...user.name.split(/\s+/)] : [])].filter((s) => s.length >= 3);
  // zxcvbn's cost grows with the length; the route already caps passwords at 200 characters.
  const r = estimator().check(password, inputs);
  const containsEmail = password.toLowerCase().includes(email);
  if (r.score >= minScore && !containsEmail && password.trim().length >= 8) return;
  const why = containsEmail ? 'It contains your e-mail address.' : (r.feedback.warning ?? 'It is too easy to guess.');
  throw new AppError('PASSWORD_TOO_WEAK', `Choose a stronger password. ${why} ${r.feedback.suggestions.join(' ')}`.trim(), {
    score: r.score,
    minScore,
    warning: containsEmail ? 'contains the e-mail address' : r.feedback.warning,
    suggestions: r.feedback.suggestions,
  });
}
