/**
 * E-mail clean-up and the dedupe match key. The key is never written to the sheet: it only
 * helps decide that two rows are the same person.
 */
// Practical check (not full RFC 5322): one @, a dotted domain with a 2+ letter TLD, no spaces.
const EMAIL_RE = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i;
const UNICODE_EMAIL_RE = /^[^\s@"(),:;<>[\]\\]+@(?:[^\s@"(),:;<>[\]\\.]+\.)+[^\s@"(),:;<>[\]\\.]{2,}$/u;

export function normaliseEmail(value: string): { email: string; valid: boolean } {
  // People paste "mailto:" links and "<bob@x.com>" from mail clients.
  const email = String(value).trim().replace(/^mailto:/i, '').replace(/^<(.*)>$/, '$1').trim().toLowerCase();
  const valid = !email.includes('..') && (EMAIL_RE.test(email) || UNICODE_EMAIL_RE.test(email));
  return { email: valid ? email : String(value).trim().toLowerCase(), valid };
}

const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

export function emailMatchKey(value: string): string {
  const email = String(value).trim().toLowerCase();
  const at = email.lastIndexOf('@');
  if (at < 0) return email;
  let local = email.slice(0, at);
  let domain = email.slice(at + 1);
  const plus = local.indexOf('+');
  if (plus >= 0) local = local.slice(0, plus);
  // Gmail ignores dots in the local part and treats googlemail.com as the same mailbox.
  if (GMAIL_DOMAINS.has(domain)) {
    local = local.replace(/\./g, '');
    domain = 'gmail.com';
  }
  // Joined into one flat string: a template would give a rope over slices of the lower-cased
  // text, which every later hash (dedupe blocks 100k of them) and comparison walks piece by
  // piece, and which keeps that whole text alive.
  return [local, domain].join('@');
}
