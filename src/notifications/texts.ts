/**
 * What each notification says, in English and Simplified Chinese: a title, a body and the page
 * it links to, made from the event's parameters when it is read or sent (so the inbox shows it
 * in the reader's language of the moment).
 */

/** Every kind of notification: buyers' first, then sellers'. */
export const NOTIFICATION_KINDS = [
  'registration_confirmed',
  'launch_starting',
  'your_turn',
  'hold_expiring',
  'order_paid',
  'order_shipped',
  'order_delivered',
  'refund_sent',
  'launch_sold_out',
  'units_back',
  'holds_expired',
  'orders_to_ship',
  'stock_low',
] as const;

/** A kind of notification. */
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Kinds that are sent even past the per-user throttle (a buyer's turn, a hold about to lapse, money moving). */
export const URGENT_KINDS: ReadonlySet<NotificationKind> = new Set(['your_turn', 'hold_expiring', 'order_paid', 'refund_sent']);

/** The languages notifications are written in. */
export type NotificationLocale = 'en' | 'zh-CN';

/** An event's parameters (all optional; each kind uses its own). */
export interface NotificationParams {
  launchId?: string;
  launchTitle?: string;
  startsAt?: number;
  orderId?: string;
  holdId?: string;
  minutes?: number;
  count?: number;
  skuId?: string;
  title?: string;
  stock?: number;
  amountMinor?: number;
  currency?: string;
}

/** A notification as a person reads it. */
export interface RenderedNotification {
  title: string;
  body: string;
  /** Path in the web app (prefix PUBLIC_URL for mail). */
  url: string;
}

const money = (minor: number | undefined, currency: string | undefined, locale: NotificationLocale) =>
  minor === undefined ? '' : new Intl.NumberFormat(locale, { style: 'currency', currency: currency ?? 'CNY' }).format(minor / 100);
const time = (ms: number | undefined, locale: NotificationLocale) => (ms === undefined ? '' : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(new Date(ms)));
const short = (id: string | undefined) => (id ?? '').slice(0, 8);

type Render = (p: NotificationParams, l: NotificationLocale) => { en: [string, string]; zh: [string, string] };

const TEXTS: Record<NotificationKind, { url: (p: NotificationParams) => string; text: Render }> = {
  registration_confirmed: {
    url: (p) => `/launches/${p.launchId}`,
    text: (p, l) => ({
      en: [`You're registered: ${p.launchTitle}`, `You are registered for "${p.launchTitle}". It starts ${time(p.startsAt, l)} (Beijing time); we will remind you 10 minutes before.`],
      zh: [`报名成功：${p.launchTitle}`, `您已报名「${p.launchTitle}」，将于 ${time(p.startsAt, l)}（北京时间）开抢，开始前 10 分钟我们会提醒您。`],
    }),
  },
  launch_starting: {
    url: (p) => `/launches/${p.launchId}`,
    text: (p, l) => ({
      en: [`Starting in 10 minutes: ${p.launchTitle}`, `"${p.launchTitle}" starts at ${time(p.startsAt, l)} (Beijing time). Join the line now: everyone in line at the start gets a place in a fair draw.`],
      zh: [`10 分钟后开抢：${p.launchTitle}`, `「${p.launchTitle}」将于 ${time(p.startsAt, l)}（北京时间）开抢。现在排队即可：开抢时在队列中的买家将通过公平抽签获得位置。`],
    }),
  },
  your_turn: {
    url: (p) => `/launches/${p.launchId}`,
    text: (p) => ({
      en: [`It's your turn: ${p.launchTitle}`, `You can reserve in "${p.launchTitle}" now. Your admission pass lasts ${p.minutes ?? 2} minutes.`],
      zh: [`轮到您了：${p.launchTitle}`, `您现在可以在「${p.launchTitle}」中锁定商品，入场资格 ${p.minutes ?? 2} 分钟内有效。`],
    }),
  },
  hold_expiring: {
    url: (p) => `/launches/${p.launchId}`,
    text: (p) => ({
      en: [p.minutes === 1 ? 'Your reservation expires in 1 minute' : `Your reservation expires in ${p.minutes} minutes`, `Pay for your reservation in "${p.launchTitle}" within ${p.minutes} minutes, or the unit goes back on sale.`],
      zh: [`您的锁定将在 ${p.minutes} 分钟后失效`, `请在 ${p.minutes} 分钟内为「${p.launchTitle}」中锁定的商品付款，否则商品将重新开放购买。`],
    }),
  },
  order_paid: {
    url: (p) => `/orders/${p.orderId}`,
    text: (p, l) => ({
      en: [`Order ${short(p.orderId)} is paid`, `We received your payment of ${money(p.amountMinor, p.currency, l)}. The store will ship your order soon.`],
      zh: [`订单 ${short(p.orderId)} 已付款`, `已收到您的付款 ${money(p.amountMinor, p.currency, l)}，商家将尽快发货。`],
    }),
  },
  order_shipped: {
    url: (p) => `/orders/${p.orderId}`,
    text: () => ({ en: [`Your order has shipped`, `Order is on its way. Follow it on the order page.`], zh: [`您的订单已发货`, `订单已发出，可在订单页查看物流。`] }),
  },
  order_delivered: {
    url: (p) => `/orders/${p.orderId}`,
    text: (p) => ({ en: [`Order ${short(p.orderId)} was delivered`, `Your order was delivered. Enjoy it!`], zh: [`订单 ${short(p.orderId)} 已送达`, `您的订单已送达，祝您使用愉快！`] }),
  },
  refund_sent: {
    url: (p) => `/orders/${p.orderId}`,
    text: (p, l) => ({
      en: [`Refund sent for order ${short(p.orderId)}`, `Your refund of ${money(p.amountMinor, p.currency, l)} is on its way back to your payment method.`],
      zh: [`订单 ${short(p.orderId)} 已退款`, `退款 ${money(p.amountMinor, p.currency, l)} 已原路退回。`],
    }),
  },
  launch_sold_out: {
    url: (p) => `/console/launches/${p.launchId}`,
    text: (p) => ({ en: [`Sold out: ${p.launchTitle}`, `Every unit of "${p.launchTitle}" is reserved or sold.`], zh: [`已售罄：${p.launchTitle}`, `「${p.launchTitle}」的全部商品已被锁定或售出。`] }),
  },
  units_back: {
    url: (p) => `/console/launches/${p.launchId}`,
    text: (p) => ({ en: [`Units came back: ${p.launchTitle}`, `Expired or cancelled reservations put units of "${p.launchTitle}" back on sale.`], zh: [`有库存回流：${p.launchTitle}`, `过期或取消的锁定使「${p.launchTitle}」的商品重新开放购买。`] }),
  },
  holds_expired: {
    url: (p) => `/console/launches/${p.launchId}`,
    text: (p) => ({ en: [`${p.count} reservations expired: ${p.launchTitle}`, `${p.count} unpaid reservations in "${p.launchTitle}" expired at once; their units are back on sale.`], zh: [`${p.count} 个锁定已过期：${p.launchTitle}`, `「${p.launchTitle}」中 ${p.count} 个未付款的锁定同时过期，商品已重新开放购买。`] }),
  },
  orders_to_ship: {
    url: () => `/console/orders`,
    text: (p) => ({ en: [`${p.count} orders waiting to ship`, `${p.count} paid orders have been waiting to ship for more than a day.`], zh: [`${p.count} 个订单待发货`, `有 ${p.count} 个已付款订单等待发货超过一天。`] }),
  },
  stock_low: {
    url: () => `/console/products`,
    text: (p) => ({ en: [`Stock low: ${p.title}`, `Only ${p.stock} left of ${p.title}.`], zh: [`库存不足：${p.title}`, `${p.title} 仅剩 ${p.stock} 件。`] }),
  },
};

/** A notification in a language. */
export function renderNotification(kind: NotificationKind, p: NotificationParams, locale: NotificationLocale): RenderedNotification {
  const t = TEXTS[kind];
  const [title, body] = t.text(p, locale)[locale === 'zh-CN' ? 'zh' : 'en'];
  return { title, body, url: t.url(p) };
}

/** The mail's footer: the preferences page and the one-click unsubscribe link. */
export function mailFooter(locale: NotificationLocale, settingsUrl: string, unsubscribeUrl: string): string {
  return locale === 'zh-CN'
    ? `\n\n——\n通知设置：${settingsUrl}\n退订邮件通知：${unsubscribeUrl}`
    : `\n\n--\nNotification settings: ${settingsUrl}\nUnsubscribe from these e-mails: ${unsubscribeUrl}`;
}
