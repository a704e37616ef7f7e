/**
 * The content language a request asks for: `?lang=zh-CN|en` (on any route), else its
 * Accept-Language; null when it names none of ours (texts then come in the seller's primary
 * language). The web app sends its interface language as Accept-Language.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { LOCALES, requestedLocale, type Locale } from '../shared/locales.js';

/** The `lang` query parameter, for the routes that document it. */
export const LangQuery = { lang: z.enum(LOCALES).optional().describe('the language of the texts (else Accept-Language; else the primary texts)') };

/** The locale of this request's texts. */
export function localeOf(req: FastifyRequest): Locale | null {
  const q = req.url.indexOf('?');
  const lang = q >= 0 ? new URLSearchParams(req.url.slice(q + 1)).get('lang') : null;
  const header = req.headers['accept-language'];
  return requestedLocale(lang, typeof header === 'string' ? header : undefined);
}
