// Numbers as Turkish specialists write them (docs/grammar.md): decimal comma (`3,1`), a dot that is
// either a decimal point (`3.1`) or a thousands separator before exactly three digits (`1.024`).

export interface ParsedNumber {
  value: number;
  /** The other reading of an ambiguous `1.024` (as a decimal), used when the first makes no sense. */
  alt?: number;
}

/**
 * Parse `\d+([.,]\d+)*` the Turkish way; null when it is not a finite number.
 * @example parseTrNumber('1.024,5') // { value: 1024.5 }
 */
export function parseTrNumber(raw: string): ParsedNumber | null {
  if (!/^\d+(?:[.,]\d+)*$/.test(raw)) return null;
  let value: number;
  let alt: number | undefined;
  const comma = raw.lastIndexOf(',');
  if (comma !== -1) {
    // Comma = decimal; dots before it group thousands (`1.024,5`). Several commas: unreadable.
    if (raw.indexOf(',') !== comma) return null;
    const int = raw.slice(0, comma);
    if (int.includes('.') && !/^\d{1,3}(?:\.\d{3})+$/.test(int)) return null;
    value = Number(`${int.replace(/\./g, '')}.${raw.slice(comma + 1)}`);
  } else if (raw.includes('.')) {
    const groups = raw.split('.');
    if (groups.length > 2) {
      if (!/^\d{1,3}(?:\.\d{3})+$/.test(raw)) return null;
      value = Number(groups.join(''));
    } else if (groups[1]?.length === 3) {
      value = Number(groups.join(''));
      alt = Number(raw);
    } else {
      value = Number(raw);
    }
  } else {
    value = Number(raw);
  }
  if (!Number.isFinite(value)) return null;
  return alt === undefined ? { value } : { value, alt };
}

/**
 * Print a number with a decimal comma and at most `decimals` decimals, trailing zeros dropped.
 * @example formatTrNumber(3.1) // '3,1'
 */
export function formatTrNumber(n: number, decimals = 2): string {
  if (!Number.isFinite(n)) return '0';
  const f = 10 ** decimals;
  const r = Math.round(n * f) / f;
  let s = r.toFixed(decimals);
  if (s.includes('e')) return String(Math.round(r));
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s.replace('.', ',');
}

/** Round to `d` decimals (JSON output: GB to 3 decimals ≈ 1 MB, percent to 1). */
export function round(n: number, d: number): number {
  const f = 10 ** d;
  return Math.round(n * f) / f;
}
