/** The money pages' words in English and Chinese (a missing Chinese word is a compile error). */
import { useCallback } from 'react';
import { useLocale } from '../../lib/i18n';

const en = {
  money: 'Money', balance: 'Balance', available: 'Payable now', pending: 'Waiting for the return window', inPayout: 'Being paid out', negative: 'Negative: refunds after a payout; taken from the next sales.',
  nextRelease: 'Next release', statement: 'Statement', from: 'From', to: 'To', opening: 'Opening balance', closing: 'Closing balance', sales: 'Sales', commission: 'Commission',
  refunds: 'Refunds', commissionBack: 'Commission returned', payouts: 'Payouts', payoutsBack: 'Payouts returned', lines: 'Lines', at: 'When', kind: 'What', amount: 'Amount', after: 'Balance after',
  order: 'Order', csv: 'Download CSV', payout: 'Pay out the payable balance', payoutOwner: 'Only the store owner can ask for a payout.', payoutDone: 'Payout requested.', status: 'Status', none: 'Nothing yet.',
  chart: 'Balance at the end of each day', truncated: 'Only the first lines are listed; the totals and the CSV… cover the whole period.',
  overview: 'Marketplace money', store: 'Store', revenue: 'Platform revenue (period)', clearing: 'Held at the provider', refundsPayable: 'Refunds owed', inTransit: 'Payouts in transit', totals: 'All stores',
  runBatch: 'Pay out every store', batchDone: 'Batch created: {n} payouts.', rules: 'Commission rules', scope: 'Applies to', rate: 'Rate', effective: 'From', addRule: 'Add a rule', anyKind: 'Any store kind',
  anyCategory: 'Every category', launchId: 'Launch id (optional)', note: 'Note', save: 'Add rule', marketplace: 'Marketplace shops', flagship: 'Flagship stores', percent: 'Rate (%)',
  commissionNote: 'Commission {rate} · {amount} per unit', commissionChange: 'changes to {rate} from {date}',
  sale: 'Sale', commission_refund: 'Commission returned', refund: 'Refund', payout_returned: 'Payout returned',
} as const;

const zh: { [K in keyof typeof en]: string } = {
  money: '资金', balance: '余额', available: '可提现', pending: '退货期内待结算', inPayout: '提现中', negative: '余额为负：提现后发生退款，将从后续销售中扣除。',
  nextRelease: '下次结算', statement: '对账单', from: '开始', to: '结束', opening: '期初余额', closing: '期末余额', sales: '销售', commission: '佣金',
  refunds: '退款', commissionBack: '退还佣金', payouts: '提现', payoutsBack: '提现退回', lines: '明细', at: '时间', kind: '类型', amount: '金额', after: '变动后余额',
  order: '订单', csv: '下载 CSV', payout: '提现可提现余额', payoutOwner: '只有店铺所有者可以申请提现。', payoutDone: '已申请提现。', status: '状态', none: '暂无。',
  chart: '每日期末余额', truncated: '仅列出前面的明细；合计与 CSV 覆盖整个期间。',
  overview: '平台资金', store: '店铺', revenue: '平台收入（本期）', clearing: '支付机构留存', refundsPayable: '待退款', inTransit: '提现在途', totals: '全部店铺',
  runBatch: '为所有店铺提现', batchDone: '已创建批次：{n} 笔提现。', rules: '佣金规则', scope: '适用范围', rate: '费率', effective: '生效时间', addRule: '新增规则', anyKind: '任意店铺类型',
  anyCategory: '全部类目', launchId: '首发活动 ID（可选）', note: '备注', save: '新增规则', marketplace: '集市店铺', flagship: '旗舰店', percent: '费率（%）',
  commissionNote: '佣金 {rate} · 每件 {amount}', commissionChange: '自 {date} 起变为 {rate}',
  sale: '销售', commission_refund: '退还佣金', refund: '退款', payout_returned: '提现退回',
};

/** The money pages' words in the current locale, with {name} placeholders filled in. */
export function useMT(): (k: keyof typeof en, vars?: Record<string, string | number>) => string {
  const locale = useLocale();
  // The same function until the language changes, so a chart's option built with it is rebuilt only then.
  return useCallback(
    (k, vars) => {
      let s: string = locale === 'zh-CN' ? zh[k] : en[k];
      for (const [n, v] of Object.entries(vars ?? {})) s = s.replace(`{${n}}`, String(v));
      return s;
    },
    [locale],
  );
}

/** A rate in basis points as a percentage ("5.0 %"). */
export const pct = (bps: number) => `${(bps / 100).toFixed(bps % 10 ? 2 : 1)} %`;
