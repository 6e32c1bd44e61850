/**
 * The sidebar's language: strings live in src/i18n/sidebar.ts (English and Simplified
 * Chinese); this file only remembers which language is on and fills placeholders.
 */
import type { ColumnRole } from '../src/core/table';
import { fill, langFor, type Lang } from '../src/i18n/index';
import { SIDEBAR_TEXT, type SidebarKey } from '../src/i18n/sidebar';

export type MessageKey = SidebarKey;
export { langFor, type Lang };

/** Every role a user can pick, in the order the menu lists them. */
export const ROLES: ColumnRole[] = [
  'name', 'first_name', 'last_name', 'company', 'email', 'phone', 'street', 'city', 'postcode',
  'state', 'state_code', 'country', 'country_code', 'id', 'order_id', 'date', 'birth_date', 'birth_year',
  'gender', 'money', 'count', 'number', 'boolean', 'consent', 'category', 'product', 'tags', 'text', 'unknown',
];

let current: Lang = 'en';

export function setLang(lang: Lang): void {
  current = lang;
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

export function getLang(): Lang {
  return current;
}

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return fill(SIDEBAR_TEXT[current][key] ?? SIDEBAR_TEXT.en[key], params);
}

export function roleLabel(role: ColumnRole): string {
  const key = `role_${role}` as MessageKey;
  return key in SIDEBAR_TEXT.en ? t(key) : role;
}
