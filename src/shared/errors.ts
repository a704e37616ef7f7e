/**
 * Every error code a client can be answered, in one table: `code → { status, meaning }`.
 * Domain code throws `AppError(code, message, details?)` and never names an HTTP status; the
 * edge (src/http/errors.ts's error handler, the lean launch handler, the SSE streams) looks the
 * status up here. `ErrorCode` is the union of the table's keys, so a code that is not in it —
 * thrown, compared or listed by a route (`errorsOf` in src/http/errors.ts) — does not compile.
 * The OpenAPI document's `Error` schema lists the union, and each route the codes it answers.
 *
 * A code's status never changes once clients see it (the web app and the tests in test/ match
 * codes and statuses). The codes of Fastify's own refusals (an unparseable body, a wrong media
 * type…) are ours too, mapped from Fastify's errors at the edge.
 *
 * No Fastify (or any HTTP) import here: the domain imports this module, not src/http.
 */

/** The statuses an error code can map to. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 408 | 409 | 413 | 414 | 415 | 422 | 429 | 431 | 500 | 503;

interface ErrorEntry {
  status: ErrorStatus;
  /** What it means, in one line (the message says it to the user in context). */
  meaning?: string;
}

export const ERRORS = {
  // ── The request itself: malformed, unreadable, refused at the edge ──
  VALIDATION_FAILED: { status: 400, meaning: 'A path, query, header or body value does not match the schema; details.issues says which.' },
  TEXT_UNSTORABLE: { status: 400, meaning: 'A text holds a NUL or a lone surrogate, which no database can store.' },
  HOST_MISSING: { status: 400, meaning: 'An HTTP/1.1 request without a Host header.' },
  MALFORMED_JSON: { status: 400, meaning: 'The body is sent as application/json but is not valid JSON.' },
  EMPTY_JSON_BODY: { status: 400, meaning: 'The body is sent as application/json but is empty.' },
  BODY_TOO_LARGE: { status: 413, meaning: 'The body is larger than this route accepts.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, meaning: 'The body is of a content type this route does not read.' },
  JSON_REQUIRED: { status: 415, meaning: 'This route reads application/json only (a form post is refused).' },
  MALFORMED_URL: { status: 400, meaning: 'The path holds a broken percent-encoding.' },
  PATH_PARAM_TOO_LONG: { status: 414, meaning: 'A path parameter is longer than the router accepts.' },
  BAD_CONTENT_LENGTH: { status: 400, meaning: 'The Content-Length header is not a number, repeated, or not the body\'s length.' },
  BAD_TRANSFER_ENCODING: { status: 400, meaning: 'The chunked transfer encoding is broken.' },
  BAD_HTTP_REQUEST: { status: 400, meaning: 'Node\'s HTTP parser could not read the request.' },
  BAD_REQUEST: { status: 400, meaning: 'The request could not be read (e.g. the body stream broke off).' },
  HEADERS_TOO_LARGE: { status: 431, meaning: 'The request headers are too large.' },
  REQUEST_TIMEOUT: { status: 408, meaning: 'The request took too long to arrive.' },
  ROUTE_NOT_FOUND: { status: 404, meaning: 'No route has this method and path.' },
  RATE_LIMITED: { status: 429, meaning: 'Too many requests; Retry-After says when to try again.' },
  TOO_MANY_CONNECTIONS: { status: 503, meaning: 'Too many open connections from this address.' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, meaning: 'This Idempotency-Key was used for a different request.' },
  BAD_CURSOR: { status: 400, meaning: 'The paging cursor is not one this listing returned.' },
  BAD_RANGE: { status: 400, meaning: '`from` is not before `to`.' },
  INTERNAL: { status: 500, meaning: 'Our fault; it has been logged.' },
  CONFIG_INVALID: { status: 500, meaning: 'The server\'s configuration is not valid (at start-up, never answered).' },

  // ── Who is asking ──
  UNAUTHENTICATED: { status: 401, meaning: 'Sign in first, or the session or token is expired or revoked.' },
  INVALID_CREDENTIALS: { status: 401, meaning: 'E-mail or password is wrong.' },
  ROLE_REQUIRED: { status: 403, meaning: 'This needs another kind of account (seller, admin).' },
  NOT_STORE_MEMBER: { status: 403, meaning: 'The caller is not a member of this store.' },
  OWNER_REQUIRED: { status: 403, meaning: 'Only the store owner may do this.' },
  ACTION_NOT_ALLOWED: { status: 403, meaning: 'This actor may not make this move of the lifecycle.' },
  CROSS_SITE_REQUEST: { status: 403, meaning: 'Signing in from another site.' },
  CSRF_INVALID_TOKEN: { status: 403, meaning: 'A cookie-session write without a valid x-csrf-token.' },
  CSRF_MISSING_SECRET: { status: 403, meaning: 'A cookie-session write before the CSRF secret was set (fetch /auth/csrf).' },
  METRICS_LOOPBACK_ONLY: { status: 403, meaning: 'Metrics are served to this host only unless METRICS_TOKEN is set.' },
  NOT_FOUND: { status: 404, meaning: 'The thing named does not exist, or is not the caller\'s to see.' },

  // ── Accounts ──
  EMAIL_TAKEN: { status: 409, meaning: 'An account with this e-mail already exists.' },
  PASSWORD_TOO_WEAK: { status: 400, meaning: 'The password is too easy to guess; details say why.' },
  INVALID_CODE: { status: 400, meaning: 'The sign-up code is wrong or expired.' },
  BAD_TOKEN: { status: 400, meaning: 'The unsubscribe link is not valid.' },
  PUSH_ENDPOINT_REFUSED: { status: 400, meaning: 'Not the endpoint of a push service this server sends to.' },

  // ── Stores ──
  SLUG_TAKEN: { status: 409, meaning: 'The store address is taken.' },
  NOT_FLAGSHIP: { status: 409, meaning: 'Only flagship stores carry the verified badge.' },
  ALREADY_MEMBER: { status: 409, meaning: 'The caller is already a member of this store.' },
  CANNOT_REMOVE_OWNER: { status: 409, meaning: 'The store owner cannot be removed.' },

  // ── Catalog ──
  TITLE_MISSING: { status: 400, meaning: 'A product needs a title.' },
  OPTION_TEXTS_MISMATCH: { status: 400, meaning: 'Translated option names do not match the options.' },
  DUPLICATE_OPTION: { status: 400, meaning: 'Two options have the same name.' },
  DUPLICATE_OPTION_VALUE: { status: 400, meaning: 'An option lists a value twice.' },
  AMBIGUOUS_OPTION_VALUES: { status: 400, meaning: 'Two option values differ only in punctuation or case.' },
  TOO_MANY_SKUS: { status: 400, meaning: 'The options make more SKUs than a product may have.' },
  UNKNOWN_COMBINATION: { status: 400, meaning: 'A SKU names option values the product does not have.' },
  STOCK_AMBIGUOUS: { status: 400, meaning: 'Both stock and stockDelta were sent.' },
  STOCK_LIMIT: { status: 409, meaning: 'The change would take stock above the maximum.' },
  STOCK_NEGATIVE: { status: 409, meaning: 'The change would take stock below zero.' },
  SORT_NEEDS_QUERY: { status: 400, meaning: 'Sorting by relevance needs a search text.' },
  PRICE_RANGE_INVERTED: { status: 400, meaning: 'minPriceMinor is above maxPriceMinor.' },

  // ── Cart, checkout, orders ──
  QUANTITY_LIMIT: { status: 409, meaning: 'More of one item than an order may hold.' },
  CART_FULL: { status: 409, meaning: 'The cart holds as many different items as it may.' },
  CART_EMPTY: { status: 409, meaning: 'Nothing to check out.' },
  NOT_IN_CART: { status: 409, meaning: 'Some chosen items are not in the cart.' },
  ITEM_UNAVAILABLE: { status: 409, meaning: 'Some items are no longer on sale.' },
  MIXED_CURRENCIES: { status: 409, meaning: 'Things priced in different currencies must be checked out or paid separately.' },
  OUT_OF_STOCK: { status: 409, meaning: 'Not enough stock for some items; nothing was ordered.' },
  UNPAID_ORDER_LIMIT: { status: 409, meaning: 'Too many unpaid orders at once.' },
  UNPAID_UNITS_LIMIT: { status: 409, meaning: 'Too many units of one item waiting for payment.' },
  ORDER_CHANGED: { status: 409, meaning: 'The order changed meanwhile; reload it.' },
  ILLEGAL_TRANSITION: { status: 409, meaning: 'The lifecycle does not allow this move from the current status.' },

  // ── Payments, refunds, webhooks ──
  ORDER_NOT_PAYABLE: { status: 409, meaning: 'Only orders awaiting payment can be paid.' },
  PAYMENT_DEADLINE_PASSED: { status: 409, meaning: 'The time to pay the order has run out.' },
  PAYMENT_CHANGED: { status: 409, meaning: 'The payment changed meanwhile.' },
  NOT_PAID: { status: 409, meaning: 'The order has no payment to refund.' },
  NOTHING_TO_REFUND: { status: 409, meaning: 'Everything paid has been refunded already.' },
  REFUND_EXCEEDS_REMAINING: { status: 409, meaning: 'The refund is more than is left to refund.' },
  REFUND_CHANGED: { status: 409, meaning: 'The refund changed meanwhile.' },
  REFUND_NOT_POSSIBLE: { status: 409, meaning: 'The gateway has no captured payment to refund.' },
  REFUND_EXCEEDS_PAYMENT: { status: 409, meaning: 'The gateway refund is larger than what is left of the payment.' },
  ALREADY_DECIDED: { status: 409, meaning: 'The sandbox payment was already approved or declined.' },
  SIGNATURE_MISSING: { status: 400, meaning: 'The webhook has no signature header.' },
  SIGNATURE_MALFORMED: { status: 400, meaning: 'The webhook signature header is not t=<ms>,v1=<hex>.' },
  SIGNATURE_INVALID: { status: 400, meaning: 'The webhook signature does not match.' },
  WEBHOOK_STALE: { status: 400, meaning: 'The webhook timestamp is outside the tolerance.' },
  WEBHOOK_MALFORMED: { status: 400, meaning: 'The webhook body is not a gateway event.' },
  WEBHOOK_REPLAYED: { status: 409, meaning: 'This exact delivery was already received.' },
  UNKNOWN_PAYMENT: { status: 404, meaning: 'No payment matches the webhook event.' },
  UNKNOWN_REFUND: { status: 404, meaning: 'No refund matches the webhook event.' },
  UNKNOWN_PAYOUT: { status: 404, meaning: 'No payout matches the webhook event.' },
  REFERENCE_MISMATCH: { status: 400, meaning: 'The event\'s reference does not match the payment it names.' },
  AMOUNT_MISMATCH: { status: 400, meaning: 'The event amount does not match ours.' },

  // ── Money: payouts, statements, commission ──
  PAYOUT_CHANGED: { status: 409, meaning: 'The payout changed meanwhile.' },
  AMOUNT_EXCEEDS_AVAILABLE: { status: 409, meaning: 'More than is payable now.' },
  NOTHING_TO_PAY_OUT: { status: 409, meaning: 'Less than the payout minimum is payable now.' },
  PAYOUT_MISMATCH: { status: 400, meaning: 'The event names another provider payout.' },
  PAYOUT_AMOUNT_INVALID: { status: 400, meaning: 'A payout must be a positive whole amount.' },
  PAYOUT_REFERENCE_REUSED: { status: 409, meaning: 'The payout reference was used for a different payout.' },
  RANGE_TOO_LONG: { status: 400, meaning: 'A statement covers more days than allowed.' },
  RANGE_TOO_LARGE: { status: 400, meaning: 'An analytics series spans too long for its bucket.' },
  SKU_NOT_IN_STORE: { status: 400, meaning: 'A SKU named is not this store\'s.' },
  EFFECTIVE_IN_PAST: { status: 409, meaning: 'A commission rule cannot start in the past.' },
  UNKNOWN_LAUNCH: { status: 400, meaning: 'No launch has this id.' },
  KIND_MISMATCH: { status: 400, meaning: 'The launch\'s store is not of this kind.' },

  // ── Launches: setup ──
  STARTS_IN_PAST: { status: 400, meaning: 'startsAt is not in the future.' },
  ENDS_BEFORE_START: { status: 400, meaning: 'endsAt is not after startsAt.' },
  TOO_LONG: { status: 400, meaning: 'A launch lasts longer than allowed.' },
  REGISTRATION_AFTER_START: { status: 400, meaning: 'registrationOpensAt is not before startsAt.' },
  REGISTRATION_WINDOW_MISSING: { status: 400, meaning: 'A launch that requires registration needs registrationOpensAt.' },
  DUPLICATE_SKU: { status: 400, meaning: 'A SKU appears twice in a launch.' },
  INSUFFICIENT_STOCK: { status: 409, meaning: 'An allotment is larger than the stock on hand.' },
  ALREADY_PAUSED: { status: 409, meaning: 'The launch is already paused.' },
  NOT_PAUSED: { status: 409, meaning: 'The launch is not paused.' },
  LAUNCH_CANCELLED: { status: 409, meaning: 'The launch is already cancelled.' },
  LAUNCH_STARTED: { status: 409, meaning: 'A launch that has started cannot be cancelled.' },
  LAUNCH_CHANGED: { status: 409, meaning: 'The launch changed meanwhile.' },

  // ── Launches: waiting room and reservations ──
  LAUNCH_ENDED: { status: 409, meaning: 'The launch is over.' },
  LAUNCH_NOT_STARTED: { status: 409, meaning: 'The launch has not started.' },
  LAUNCH_PAUSED: { status: 409, meaning: 'The seller has paused the launch; the place is kept.' },
  REGISTRATION_CLOSED: { status: 409, meaning: 'Registration closed when the launch started.' },
  REGISTRATION_NOT_OPEN: { status: 409, meaning: 'Registration has not opened yet.' },
  REGISTRATION_FULL: { status: 409, meaning: 'Registration for the launch is full.' },
  NOT_REGISTERED: { status: 403, meaning: 'Only buyers who registered may take part.' },
  POW_REQUIRED: { status: 400, meaning: 'The launch asks for a proof of work.' },
  POW_INSUFFICIENT: { status: 400, meaning: 'The proof of work does not meet the difficulty.' },
  QUEUE_FULL: { status: 409, meaning: 'The waiting room is full.' },
  QUEUE_TOKEN_INVALID: { status: 403, meaning: 'The queue token is forged, altered or another buyer\'s or launch\'s.' },
  QUEUE_TOKEN_EXPIRED: { status: 401, meaning: 'The queue token has expired.' },
  PASS_INVALID: { status: 403, meaning: 'The admission pass is forged, altered or another buyer\'s or launch\'s.' },
  PASS_EXPIRED: { status: 401, meaning: 'The admission pass has expired.' },
  CHALLENGE_INVALID: { status: 403, meaning: 'The proof-of-work challenge is forged, altered or another buyer\'s or launch\'s.' },
  CHALLENGE_EXPIRED: { status: 401, meaning: 'The proof-of-work challenge has expired.' },
  SKU_NOT_IN_LAUNCH: { status: 404, meaning: 'The SKU is not part of the launch.' },
  SOLD_OUT: { status: 409, meaning: 'Nothing is left.' },
  NOT_ENOUGH_UNITS: { status: 409, meaning: 'Fewer units are left than asked for.' },
  LIMIT_REACHED: { status: 409, meaning: 'The buyer has reached the launch\'s per-buyer limit.' },
  HOLD_NOT_PAYABLE: { status: 409, meaning: 'The reservation is paid or expired.' },
  HOLD_CHANGED: { status: 409, meaning: 'The reservation changed meanwhile.' },
  HOLD_PENDING: { status: 503, meaning: 'The reservation made with this key is not saved yet; retry.' },
  QUEUE_UNAVAILABLE: { status: 503, meaning: 'The waiting room is being restored; retry.' },
  STOCK_UNAVAILABLE: { status: 503, meaning: 'The launch\'s stock is being rebuilt or busy; retry.' },
  STOCK_REBUILT: { status: 503, meaning: 'The stock was rebuilt while the reservation was decided; retry.' },
  LEDGER_UNAVAILABLE: { status: 503, meaning: 'The answer could not be saved; retry.' },
  LAUNCH_HALTED: { status: 503, meaning: 'The launch was stopped for a check; the place is kept.' },

  // ── Streams ──
  ACCESS_ENDED: { status: 403, meaning: 'The access behind a server-sent event stream ended (sent as an event, not a status).' },
} as const satisfies Record<string, ErrorEntry>;

/** Every error code a client can see. */
export type ErrorCode = keyof typeof ERRORS;

/** Every error code, in the table's order. */
export const ERROR_CODES = Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]];

/** The HTTP status of a code (for the edge; domain code has no use for it). */
export function statusOf(code: ErrorCode): ErrorStatus {
  return ERRORS[code].status;
}

/** Whether a string is one of the codes. */
export function isErrorCode(s: unknown): s is ErrorCode {
  return typeof s === 'string' && Object.hasOwn(ERRORS, s);
}

/** An error a client can act on: a stable code (its status is the table's) and a human message. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** True for an AppError with one of these codes (`hasCode(err, 'ORDER_CHANGED')` rather than a string compare). */
export function hasCode<C extends ErrorCode>(err: unknown, ...codes: C[]): err is AppError & { code: C } {
  return err instanceof AppError && (codes as ErrorCode[]).includes(err.code);
}

/**
 * True for a refusal the same request would meet again (a client error in the table), false
 * for a moment's trouble (a 5xx: retry later) and for anything that is not an AppError.
 */
export function refusesForGood(err: unknown): err is AppError {
  return err instanceof AppError && ERRORS[err.code].status < 500;
}

/** `NOT_FOUND` for a thing of this name ("Order not found."). */
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found.`);

/** `UNAUTHENTICATED`: the caller is not signed in (or the session or token is gone). */
export const unauthenticated = (message = 'Sign in first.') => new AppError('UNAUTHENTICATED', message);
