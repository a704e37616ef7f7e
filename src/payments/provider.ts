/**
 * The payment-provider seam. Flashmall ships one implementation, the sandbox gateway;
 * a real acquirer (Alipay, WeChat Pay, Stripe) would be another implementation of this.
 */

/** A verified event from the provider's webhook. */
export interface PaymentEvent {
  id: string;
  type: 'payment.succeeded' | 'payment.failed' | 'refund.succeeded';
  providerPaymentId: string;
  amountMinor: number;
  currency: string;
  /** The exact signature header, remembered to refuse a replay of the same delivery. */
  signature: string;
}

export interface PaymentProvider {
  readonly name: string;
  /**
   * Opens a payment and returns where the buyer approves it (a hosted pay page). `pageOrigin`
   * is the origin the buyer reached Flashmall at: a gateway hosted by this server (the
   * sandbox) serves its page there; an outside acquirer has its own and ignores it.
   */
  createPayment(req: { reference: string; amountMinor: number; currency: string; description: string; returnUrl: string; pageOrigin?: string }): Promise<{ providerPaymentId: string; payUrl: string }>;
  /** Returns money; the same idempotency key never refunds twice. */
  refund(req: { providerPaymentId: string; amountMinor: number; idempotencyKey: string }): Promise<{ providerRefundId: string }>;
  /** Checks a webhook's signature and age; throws a 4xx AppError when it is not genuine or stale. */
  parseWebhook(headers: Record<string, string | string[] | undefined>, rawBody: string, now: number): PaymentEvent;
}
