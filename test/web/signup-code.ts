/**
 * The last step of signing up in the browser: the code arrives at the tests' SMTP server, and
 * the buyer types it into the "Check your email" form, as they would from their inbox.
 */
import type { Page } from 'playwright-core';
import { signupCode } from '../helpers/mail.js';

/** Waits for the sign-up code mailed to `email`, enters it and confirms. */
export async function enterSignupCode(page: Page, email: string): Promise<void> {
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();
  await page.getByLabel('Code').fill(await signupCode(email));
  await page.getByRole('button', { name: 'Confirm' }).click();
}
