/**
 * Money text -> number. Handles currency signs and codes, thousands separators of both
 * conventions ("1,234.50" and "1.234,50"), spaces as separators ("1 200,5"), and accounting
 * negatives "(12.00)". Returns null when the text is not an amount, so it is never mangled.
 */
const CURRENCY_RE = /(us\$|a\$|c\$|nz\$|hk\$|r\$|\$|€|£|¥|￥|₹|₩|₽|₺|₪|฿|₫|元|円|usd|eur|gbp|cny|rmb|jpy|aud|cad|nzd|chf|hkd|inr|sek|nok|dkk|kr|zł|pln)/gi;
const SPACES_RE = /[\s\u00a0\u2009\u202f']/g;
const PLAIN_RE = /^\d+(\.\d+)?$/;
const GROUPED_COMMA_RE = /^\d{1,3}(,\d{3})+$/;

export function parseMoney(value: string): number | null {
  let text = String(value).trim();
  if (!text) return null;
  let negative = false;
  if (text.startsWith('(') && text.endsWith(')')) {
    negative = true;
    text = text.slice(1, -1);
  }
  text = text.replace(CURRENCY_RE, '').replace(SPACES_RE, '');
  if (text.startsWith('-') || text.startsWith('−')) { negative = !negative; text = text.slice(1); }
  else if (text.endsWith('-')) { negative = !negative; text = text.slice(0, -1); }
  else if (text.startsWith('+')) text = text.slice(1);
  if (!text) return null;
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  let plain: string;
  if (lastDot >= 0 && lastComma >= 0) {
    // Both separators: the one written last is the decimal point.
    plain = lastComma > lastDot ? text.replace(/\./g, '').replace(',', '.') : text.replace(/,/g, '');
  } else if (lastComma >= 0) {
    // "1,200" and "1,234,567" group thousands; "12,5" and "1,50" use a decimal comma.
    plain = GROUPED_COMMA_RE.test(text) ? text.replace(/,/g, '') : text.split(',').length === 2 ? text.replace(',', '.') : '';
  } else if (text.indexOf('.') !== lastDot) {
    plain = text.replace(/\./g, ''); // "1.234.567"
  } else {
    plain = text;
  }
  if (!PLAIN_RE.test(plain)) return null;
  const n = Number(plain);
  if (!Number.isFinite(n)) return null;
  return negative ? -n : n;
}
