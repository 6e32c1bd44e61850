/**
 * Missing-value placeholders: what people type into a cell when they mean "nothing".
 * They are turned into a truly empty cell so counts, dedupe and imputation see a gap.
 */
const PLACEHOLDERS = new Set([
  '', 'n/a', 'na', 'n.a.', 'n.a', '#n/a', '-', '--', '---', '—', '–', '?', '??', '.', 'x',
  'unknown', 'unk', 'none', 'null', 'nil', 'nan', 'undefined', 'missing', 'not available',
  'not applicable', 'no data', 'tbd', 'tba', '(blank)', '(none)', '(empty)', 'empty', 'blank',
  '无', '没有', '未知', '不详', '暂无', '空', '缺失', '不明', '—', '／', '/',
]);

const LONGEST = Math.max(...Array.from(PLACEHOLDERS, (p) => p.length));

// First characters (ASCII, lower case) a placeholder can start with: "(212) 555-0100" or
// "+44 …" is ruled out by one look at its first character, without trimming and lower-casing.
const FIRST_ASCII = new Uint8Array(128);
for (const p of PLACEHOLDERS) {
  const c = p.charCodeAt(0);
  if (c < 128) { FIRST_ASCII[c] = 1; if (c >= 97 && c <= 122) FIRST_ASCII[c - 32] = 1; }
}

export function isPlaceholder(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'number') return Number.isNaN(value);
  if (typeof value !== 'string') return false;
  const first = value.charCodeAt(0);
  if (first > 32 && first < 128 && !FIRST_ASCII[first]) return false;
  const v = value.length > LONGEST ? value.trim() : value;
  if (v.length > LONGEST) return false; // cheap exit for the usual long value
  return PLACEHOLDERS.has(v.trim().toLowerCase());
}
