/** Money input helpers for seller forms: the seller types yuan, the API takes fen. */

/** "4999" or "4,999.50" → 499950; anything else → null. */
export function parseYuan(v: string): number | null {
  const s = v.replace(/[,\s¥]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  return Math.round(Number(s) * 100);
}

/** 499950 → "4999.50" (for an input's value, no grouping). */
export function minorToYuan(minor: number): string {
  return (minor / 100).toFixed(2);
}

/** Every combination of option values, in option order (1 for no options). */
export function combinations(options: Array<{ name: string; values: string[] }>): Array<Record<string, string>> {
  let out: Array<Record<string, string>> = [{}];
  for (const o of options) out = out.flatMap((c) => o.values.map((v) => ({ ...c, [o.name]: v })));
  return out;
}
