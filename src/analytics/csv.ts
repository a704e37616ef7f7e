/**
 * CSV export (RFC 4180): CRLF line ends, every field that needs it quoted with inner quotes
 * doubled, and text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first)
 * prefixed with an apostrophe. A UTF-8 byte-order mark leads, so spreadsheet programs read
 * Chinese region and product names correctly.
 */

/** One column: its header and how to read it from a row. */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** One field, quoted and neutralised as needed. */
export function csvField(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  let s = v;
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The whole table as CSV text (with a byte-order mark and a header line). */
export function toCsv<T>(columns: ReadonlyArray<CsvColumn<T>>, rows: readonly T[]): string {
  const lines = [columns.map((c) => csvField(c.header)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvField(c.value(r))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
