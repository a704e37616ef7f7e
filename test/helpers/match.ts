/**
 * Vitest's asymmetric matchers, typed `unknown` where Vitest types them `any`: a matcher stands
 * for a value in an expected shape and is never read as one, so nothing should take it for a
 * string or an object.
 */
import { expect } from 'vitest';

/** Any string. */
export const anyString: unknown = expect.any(String);
/** Any number. */
export const anyNumber: unknown = expect.any(Number);
/** Anything but null or undefined. */
export const anything: unknown = expect.anything();
/** A string the pattern matches. */
export const stringMatching = (re: RegExp): unknown => expect.stringMatching(re);
/** An object with (at least) these properties. */
export const objectContaining = (o: Record<string, unknown>): unknown => expect.objectContaining(o);
