/**
 * The payment-provider seam. Flashmall ships one implementation, the sandbox gateway;
 * a real acquirer (Alipay, WeChat Pay, Stripe) would be another implementation of this.
 * It takes buyers' payments, gives refunds back, and pays stores out; every call that moves
 * money carries an idempotency key (the refund's or payout's id), so asking twice moves it once.
 */

/** Fields every verified webhook event has. */
interface EventBase {
  id: string;
  amountMinor: number;
  currency: string;
  /** The exact signature header, remembered to refuse a replay of the same delivery. */
  signature: string;
}

/** A verified event from the provider's webhook. */
export type PaymentEvent =
  | (EventBase & { type: 'payment.succeeded' | 'payment.failed'; providerPaymentId: string; /** Our reference the payment was opened with (Flashmall's payment id): checked against the payment the event names. */ reference: string })
  | (EventBase & { type: 'refund.succeeded'; providerPaymentId: string; reference: string; /** Our refund id (the idempotency key it was sent with). */ refundReference: string })
  | (EventBase & { type: 'payout.paid' | 'payout.failed'; providerPayoutId: string; /** Our payout id. */ payoutReference: string; failureReason: string | null });

/** The provider Flashmall talks to. */
export interface PaymentProvider {
  readonly name: string;
  /**
   * Opens a payment and returns where the buyer approves it (a hosted pay page). `pageOrigin`
   * is the origin the buyer reached Flashmall at: a gateway hosted by this server (the
   * sandbox) serves its page there; an outside acquirer has its own and ignores it.
   */
  createPayment(req: { reference: string; amountMinor: number; currency: string; description: string; returnUrl: string; pageOrigin?: string }): Promise<{ providerPaymentId: string; payUrl: string }>;
  /** Returns money; the same idempotency key never refunds twice. An AppError of a client-error code (`refusesForGood`) means it refuses for good. */
  refund(req: { providerPaymentId: string; amountMinor: number; idempotencyKey: string }): Promise<{ providerRefundId: string }>;
  /**
   * Pays a store out; the same reference (our payout id) never pays twice. The outcome comes
   * later by webhook (payout.paid or payout.failed). An AppError of a client-error code (`refusesForGood`) means it refuses for good.
   */
  createPayout(req: { reference: string; amountMinor: number; currency: string; destination: string }): Promise<{ providerPayoutId: string }>;
  /** Checks a webhook's signature and age; throws an AppError (SIGNATURE_*, WEBHOOK_STALE, WEBHOOK_MALFORMED) when it is not genuine or stale. */
  parseWebhook(headers: Record<string, string | string[] | undefined>, rawBody: string, now: number): PaymentEvent;
}
