// Disk and traffic readings (docs/grammar.md, R36–R37): `3,1 / 4 GB`, `3100MB/4GB`, `%78`,
// "4 GB'ın 3,2 GB'ı dolu", "toplam 4 GB, kalan 0,8 GB", "sınırsız". Works on folded text; every
// step is a single left-to-right pass over a value capped at VALUE_CAP characters.
import type { Reading } from '../types.js';
import { formatTrNumber, parseTrNumber, round, type ParsedNumber } from './numbers.js';

export type ReadingKind = 'disk' | 'traffic';

/** A reading's value is short; never look further than this past its label. */
const VALUE_CAP = 200;

const UNIT_GB: Record<string, number> = {
  k: 1 / (1024 * 1024),
  kb: 1 / (1024 * 1024),
  kib: 1 / (1024 * 1024),
  kilobayt: 1 / (1024 * 1024),
  kilobyte: 1 / (1024 * 1024),
  m: 1 / 1024,
  mb: 1 / 1024,
  mib: 1 / 1024,
  megabayt: 1 / 1024,
  megabyte: 1 / 1024,
  g: 1,
  gb: 1,
  gib: 1,
  gigabayt: 1,
  gigabyte: 1,
  t: 1024,
  tb: 1024,
  tib: 1024,
  terabayt: 1024,
  terabyte: 1024,
};

/**
 * Labels (after folding): `Disk`, `Disk kotası`, `Kota`, `Quota` → disk; `Trafik`, `Traffic` → traffic.
 * Suffixes are tolerated (`kotası`, `trafiği` → `trafig…`); words such as `kullanımı`, `hakkı`,
 * `alanı`, `durumu` after the label belong to it ("Trafik kotası" is traffic, not disk).
 */
const LABEL = /(?<![\p{L}\p{N}])(disk|kota|quota|trafi[kg]|traffic)\p{L}*(?:[ \t]+(?:kota|quota|kullanim|hakk|alan|durum|bilgi)\p{L}*)*/gu;

type Role = 'used' | 'total' | 'remaining';
type Kw = Role | 'unlimited' | 'of' | 'percent';

type Token =
  | { t: 'num'; n: ParsedNumber; unit?: string; suffix: string; role?: Role; neg?: boolean }
  | { t: 'pct'; v: number; neg?: boolean }
  | { t: 'slash' }
  | { t: 'kw'; k: Kw; used?: boolean }
  | { t: 'word' }
  | { t: 'sep' };

function keyword(w: string): Kw | null {
  if (/^(toplam\p{L}*|total|limit\p{L}*|kapasite\p{L}*|tanimli)$/u.test(w)) return 'total';
  // "kullanılmamış", "kullanılmayan" (unused) are the free part (negation suffix, docs/grammar.md).
  if (/^(kullanilma(mis|yan)\p{L}*|kalan|kaldi|bos|free|remaining|left|available|unused)$/u.test(w)) return 'remaining';
  if (/^(kullan\p{L}*|dolu|doluluk|used|harcanan)$/u.test(w)) return 'used';
  if (/^(sinirsiz|limitsiz|unlimited|sonsuz)$/u.test(w)) return 'unlimited';
  if (w === 'of') return 'of';
  if (w === 'yuzde' || w === 'percent') return 'percent';
  return null;
}

const NUM_RE = /\d+(?:[.,]\d+)*/y;
const UNIT_RE = /[ \t]*(kib|mib|gib|tib|kb|mb|gb|tb|kilobayt|kilobyte|megabayt|megabyte|gigabayt|gigabyte|terabayt|terabyte)(?![\p{L}\p{N}])/uy;
const UNIT1_RE = /([kmgt])(?![\p{L}\p{N}])/uy;
const SUFFIX_RE = /['’ʼ`´]\p{L}*/uy;
const WORD_RE = /[\p{L}\p{M}]+/uy;

function sticky(re: RegExp, s: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(s);
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

function tokenize(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  // A minus glued to a number is a sign once the value has begun (": -3,1", "/ -4", "kalan -0,3");
  // right after the label ("Disk -3,1/4") it is the dash people put between label and value.
  let begun = false;
  let neg = false;
  while (i < s.length) {
    const c = s[i];
    if (c === undefined) break;
    if (/\s|[:=]/u.test(c)) {
      if (c === ':' || c === '=') begun = true;
      i++;
      continue;
    }
    if ((c === '-' || c === '\u2212') && isDigit(s[i + 1]) && (c === '\u2212' || begun) && (i === 0 || /[\s:=(/]/u.test(s[i - 1] ?? ''))) {
      neg = true;
      i++;
      continue;
    }
    begun = true;
    const sign = neg;
    neg = false;
    if (c === '%') {
      let j = i + 1;
      while (s[j] === ' ') j++;
      const minus = s[j] === '-' || s[j] === '\u2212';
      if (minus && isDigit(s[j + 1])) j++;
      const m = sticky(NUM_RE, s, j);
      const n = m ? parseTrNumber(m[0]) : null;
      if (m && n) {
        out.push(minus ? { t: 'pct', v: n.value, neg: true } : { t: 'pct', v: n.value });
        i = j + m[0].length;
        const suf = sticky(SUFFIX_RE, s, i);
        if (suf) i += suf[0].length;
      } else {
        out.push({ t: 'sep' });
        i++;
      }
      continue;
    }
    if (c >= '0' && c <= '9') {
      const m = sticky(NUM_RE, s, i);
      if (!m) break; // a digit always starts a number
      i += m[0].length;
      const n = parseTrNumber(m[0]);
      let j = i;
      while (s[j] === ' ' || s[j] === '\t') j++;
      if (s[j] === '%') {
        if (n) out.push(sign ? { t: 'pct', v: n.value, neg: true } : { t: 'pct', v: n.value });
        i = j + 1;
        const suf = sticky(SUFFIX_RE, s, i);
        if (suf) i += suf[0].length;
        continue;
      }
      let unit: string | undefined;
      const u = sticky(UNIT_RE, s, i) ?? sticky(UNIT1_RE, s, i);
      if (u) {
        unit = u[1];
        i += u[0].length;
      }
      let suffix = '';
      const suf = sticky(SUFFIX_RE, s, i);
      if (suf) {
        suffix = suf[0].slice(1);
        i += suf[0].length;
      }
      if (n) out.push({ t: 'num', n, suffix, ...(unit ? { unit } : {}), ...(sign ? { neg: true } : {}) });
      else out.push({ t: 'word' }); // e.g. "1,2,3": not a reading number
      continue;
    }
    if (c === '/') {
      out.push({ t: 'slash' });
      i++;
      continue;
    }
    const w = sticky(WORD_RE, s, i);
    if (w) {
      i += w[0].length;
      const suf = sticky(SUFFIX_RE, s, i);
      if (suf) i += suf[0].length;
      const k = keyword(w[0]);
      out.push(k ? { t: 'kw', k } : { t: 'word' });
      continue;
    }
    out.push({ t: 'sep' });
    i += c.length;
  }
  return out;
}

export type ReadingResult = { reading: Reading } | { warning: string } | null;

const GENITIVE = /^(n?[iu]n|l[iu]k)$/;

/**
 * Percentages stay as typed or computed (12,25 stays 12.25; rounding is for display only); only the
 * binary floating-point noise is dropped, so 3,2 / 4 is exactly 80 for the ≥ 80 % rule.
 */
const exact = (p: number) => round(p, 9);

/**
 * Interpret the folded text after a reading label. null: nothing reading-like there (no number, no %, no "sınırsız").
 * @example
 * readValue('disk', ": 3,1 / 4 gb") // { reading: { usedGB: 3.1, totalGB: 4, percent: 77.5 } }
 */
export function readValue(kind: ReadingKind, value: string): ReadingResult {
  // Drop the label's separator (": ", " - ") but keep a minus sign glued to a number.
  const shown = value
    .replace(/^[\s:=]+/u, '')
    .replace(/^[-–][ \t]+/u, '')
    .trim()
    .slice(0, 60);
  const say = (why: string) => ({ warning: `${kind} reading "${shown}": ${why}; reading ignored` });
  const toks = tokenize(value.slice(0, VALUE_CAP));
  // "yüzde 78" is a percentage.
  for (let i = 0; i + 1 < toks.length; i++) {
    const a = toks[i];
    const b = toks[i + 1];
    if (!a || !b) continue;
    if (a.t === 'kw' && a.k === 'percent' && b.t === 'num') toks[i + 1] = { t: 'pct', v: b.n.value };
  }
  const nums = toks.filter((t): t is Extract<Token, { t: 'num' }> => t.t === 'num');
  const hasPct = toks.some((t) => t.t === 'pct');
  const unlimited = toks.some((t) => t.t === 'kw' && t.k === 'unlimited');
  if (nums.length === 0 && !hasPct && !unlimited) return null;

  // Keywords before a number ("toplam 4 GB", "kalan 0,8 GB"), then after one ("3,2 GB dolu").
  for (let i = 0; i + 1 < toks.length; i++) {
    const a = toks[i];
    const b = toks[i + 1];
    if (!a || !b) continue;
    if (a.t === 'kw' && (a.k === 'used' || a.k === 'total' || a.k === 'remaining') && b.t === 'num' && !b.role) {
      b.role = a.k;
      a.used = true;
    }
  }
  for (let i = 1; i < toks.length; i++) {
    const a = toks[i - 1];
    const b = toks[i];
    if (!a || !b) continue;
    if (b.t === 'kw' && !b.used && (b.k === 'used' || b.k === 'total' || b.k === 'remaining') && a.t === 'num' && !a.role) {
      a.role = b.k;
      b.used = true;
    }
  }

  // Pairs: "used / total", "used of total", and the Turkish total-first "4 GB'ın 3,2 GB'ı" / "4 GB'lık … 3,2".
  const pairs: Array<[Extract<Token, { t: 'num' }>, Extract<Token, { t: 'num' }> | 'unlimited']> = [];
  for (let i = 0; i < toks.length; i++) {
    const tk = toks[i];
    if (!tk) continue;
    if (tk.t === 'slash' || (tk.t === 'kw' && tk.k === 'of')) {
      let left: Extract<Token, { t: 'num' }> | null = null;
      for (let j = i - 1; j >= 0 && j >= i - 3; j--) {
        const x = toks[j];
        if (!x) break;
        if (x.t === 'num') {
          left = x;
          break;
        }
        if (x.t === 'slash' || x.t === 'sep') break;
      }
      let r: Extract<Token, { t: 'num' }> | 'unlimited' | null = null;
      for (let j = i + 1; j < toks.length && j <= i + 3; j++) {
        const x = toks[j];
        if (!x) break;
        if (x.t === 'num') {
          r = x;
          break;
        }
        if (x.t === 'kw' && x.k === 'unlimited') {
          r = 'unlimited';
          break;
        }
        if (x.t === 'slash' || x.t === 'sep') break;
      }
      if (left && r) pairs.push([left, r]);
    } else if (tk.t === 'num' && GENITIVE.test(tk.suffix)) {
      for (let j = i + 1; j < toks.length && j <= i + 3; j++) {
        const x = toks[j];
        if (!x) break;
        if (x.t === 'num') {
          pairs.push([x, tk]);
          break;
        }
        if (x.t !== 'word' && x.t !== 'kw') break;
      }
    }
  }
  for (const [a, b] of pairs) {
    if (b !== 'unlimited') {
      // A unit written on one side only applies to both (docs/grammar.md: "3,1 / 4 GB").
      if (!a.unit && b.unit) a.unit = b.unit;
      if (!b.unit && a.unit) b.unit = a.unit;
      if (!b.role) b.role = 'total';
    }
    if (!a.role) a.role = 'used';
  }

  const gb = (t: Extract<Token, { t: 'num' }>, v = t.n.value) => v * (UNIT_GB[t.unit ?? 'gb'] ?? 1);
  const withRole = (r: Role) => nums.find((t) => t.role === r);
  let usedT = withRole('used');
  let totalT = withRole('total');
  const remT = withRole('remaining');
  const pctT = toks.find((t): t is Extract<Token, { t: 'pct' }> => t.t === 'pct');
  const pct = pctT?.v;

  if (!usedT) {
    // A single bare quantity is the used amount (R37 asks for "how much is used"): "3,2 GB",
    // "3,2 GB (%80)", "3,2 GB, kalan 0,8 GB", or "3,1 GB'ı kullanılmış, toplam 4 GB" beside a total. After a percentage it
    // is the total the percentage is of: "%80 (4 GB)" is 3,2 of 4 GB.
    const free = nums.filter((t) => !t.role);
    const only = free.length === 1 ? free[0] : undefined;
    if (only) {
      const at = toks.indexOf(only);
      const next = toks[at + 1];
      // "3 gün", "2 hafta": a count of something else, not a size.
      if (only.unit || !next || next.t !== 'word') {
        if (pctT && !totalT && toks.indexOf(pctT) < at) totalT = only;
        else usedT = only;
      }
    } else if (free.length > 1 && !totalT && pct === undefined && !unlimited) {
      return say('several numbers and no "used / total"');
    }
  }

  // A unit written on one amount only applies to the remaining one too ("3100 MB, kalan 900").
  const unitOf = usedT?.unit ?? totalT?.unit;
  if (remT && !remT.unit && unitOf) remT.unit = unitOf;
  else if (remT?.unit && usedT && !usedT.unit && !totalT) usedT.unit = remT.unit;

  // R37: an amount below zero is a typo, never a reading.
  const negative = [usedT, totalT, remT, pctT].find((t) => t?.neg);
  if (negative) {
    const shownNeg = negative.t === 'pct' ? `%-${formatTrNumber(negative.v)}` : `-${formatTrNumber(negative.n.value)}`;
    return say(`a negative amount (${shownNeg}) is not a reading`);
  }

  if (unlimited) {
    // A10: no total and no percentage, so no quota thresholds.
    const r: Reading = { unlimited: true };
    if (usedT) r.usedGB = round(gb(usedT), 3);
    return { reading: r };
  }

  if (pct !== undefined && (pct < 0 || pct > 1000)) return say(`${pct} % is not a usable percentage`);

  let used = usedT ? gb(usedT) : undefined;
  let total = totalT ? gb(totalT) : undefined;
  const remaining = remT ? gb(remT) : undefined;

  // "3,2 GB kullanıldı, kalan 0,8 GB": the total is what is used plus what remains.
  if (total === undefined && used !== undefined && remaining !== undefined) total = used + remaining;

  if (total !== undefined) {
    if (total === 0) return say('the total is 0');
    if (used === undefined && remaining !== undefined) {
      if (remaining > total) return say('more remains than the total');
      used = total - remaining;
    }
    // "1.024" read as thousands but too big for the total: it was a decimal point (3.125 / 4 GB).
    if (used !== undefined && usedT?.n.alt !== undefined && used > total) {
      const alt = gb(usedT, usedT.n.alt);
      if (alt <= total) used = alt;
    }
    if (used === undefined && pct !== undefined) used = (total * pct) / 100;
    if (used === undefined) return { reading: { totalGB: round(total, 3) } };
    return { reading: { usedGB: round(used, 3), totalGB: round(total, 3), percent: exact((used / total) * 100) } };
  }
  if (remaining !== undefined && used === undefined && pct === undefined) {
    return say('a remaining amount without a total or a used amount (write "toplam 4 GB, kalan 0,8 GB", "3,2 GB, kalan 0,8 GB" or used / total)');
  }
  if (used !== undefined) {
    const r: Reading = { usedGB: round(used, 3) };
    if (pct !== undefined) r.percent = exact(pct);
    return { reading: r };
  }
  if (pct !== undefined) return { reading: { percent: exact(pct) } };
  return say('no used / total or percentage found');
}

export interface ReadingsFound {
  disk?: Reading;
  traffic?: Reading;
  warnings: string[];
}

/** A real comment has a handful of labels; past this many, the rest of a pasted wall of text is plain text. */
const LABEL_BUDGET = 500;
/** A value after `label:` with something written, or a fill word (dolu, kullanılan, kalan, toplam) without a number. */
const NO_AMOUNT = /^[ \t]*[:=][ \t]*[^\s]|(?<![\p{L}])(?:dolu|doluluk|kullan\p{L}*|kalan|bos|toplam|full|used)(?![\p{L}])/u;
const MARKUP_ONLY = /^[\s\-*•·>_~.)\d]*$/u;
const TAG_RUN = /#\s?[\p{L}\p{M}\p{N}-]+/gu;

/**
 * Readings in folded text. A label at the start of a line (after bullets, markdown or tags) reports
 * what it cannot read as a warning; a label mid-line ("…, disk 3,1/4 GB") counts only when readable.
 * The first readable reading of each kind wins.
 */
export function findReadings(folded: string): ReadingsFound {
  const found: ReadingsFound = { warnings: [] };
  let budget = 0;
  let seen = 0;
  const warn = (w: string) => {
    if (found.warnings.length < 20) found.warnings.push(w);
  };
  let start = 0;
  while (start <= folded.length) {
    let end = folded.indexOf('\n', start);
    if (end === -1) end = folded.length;
    const line = folded.slice(start, end);
    start = end + 1;
    if (!/disk|kota|quota|traf/.test(line)) continue;

    const labels: Array<{ kind: ReadingKind; index: number; end: number }> = [];
    LABEL.lastIndex = 0;
    for (let m = LABEL.exec(line); m && seen < LABEL_BUDGET; m = LABEL.exec(line)) {
      seen++;
      const kind: ReadingKind = m[1]?.startsWith('traf') ? 'traffic' : 'disk';
      const last = labels[labels.length - 1];
      // The same kind again inside a value ("4 GB'lık kotanın 3,2 GB'ı") is part of that value.
      if (last && last.kind === kind) continue;
      labels.push({ kind, index: m.index, end: m.index + m[0].length });
    }
    labels.forEach((l, n) => {
      const stop = labels[n + 1]?.index ?? line.length;
      const value = line.slice(l.end, Math.min(stop, l.end + VALUE_CAP));
      const strict = n === 0 && l.index <= VALUE_CAP && MARKUP_ONLY.test(line.slice(0, l.index).replace(TAG_RUN, ''));
      if (found[l.kind] && !strict) return;
      if (++budget > LABEL_BUDGET) return;
      const r = readValue(l.kind, value);
      if (r === null) {
        // "Disk: çok dolu": a label with a value but no amount is a reading that could not be read
        // (docs/grammar.md); "Disk kontrol edildi, sorun yok" stays plain text.
        if (strict && NO_AMOUNT.test(value))
          warn(
            `${l.kind} reading "${value
              .replace(/^[\s:=]+/u, '')
              .trim()
              .slice(0, 60)}": no amount or percentage; reading ignored`,
          );
        return;
      }
      if ('warning' in r) {
        if (strict) warn(r.warning);
        return;
      }
      if (found[l.kind]) {
        if (strict) warn(`a second ${l.kind} reading ("${value.trim().slice(0, 60)}") was ignored; the first one counts`);
        return;
      }
      found[l.kind] = r.reading;
    });
    if (start > folded.length) break;
  }
  return found;
}

/** Index of the first reading label in a folded line, or -1 (the for-date is looked for before it). */
export function firstLabelIndex(foldedLine: string): number {
  LABEL.lastIndex = 0;
  const m = LABEL.exec(foldedLine);
  return m ? m.index : -1;
}
