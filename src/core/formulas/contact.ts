/** =CDM_PHONE and =CDM_EMAIL: one cleaned value per cell, in the shape of the argument. */
import type { Cell } from '../table';
import { normaliseEmail } from '../normalize/email';
import { normalisePhone } from '../normalize/phone';
import { parseRegion, settingError } from '../settings';
import { type FormulaArg, type FormulaResult, fail, isBlank, isRange, mapCells } from './args';

/**
 * `defaultRegion` is the phone country when the formula gives none (core/settings.ts's order);
 * a function is asked only then, so a formula that names its region reads nothing else.
 */
export function cdmPhone(value: FormulaArg, region?: FormulaArg, defaultRegion: string | (() => string) = 'US'): FormulaResult {
  if (isRange(region)) fail('region must be one two-letter country code, such as US or GB');
  const code = isBlank(region as Cell) ? (typeof defaultRegion === 'function' ? defaultRegion() : defaultRegion) : parseRegion(String(region));
  if (code === null) fail(settingError('region', region).message);
  return mapCells(value, (c) => {
    const typed = typeof c === 'number' ? String(c) : String(c).trim();
    const phone = normalisePhone(typed, code);
    return phone.valid && phone.e164 ? phone.display : 'not a valid phone number';
  });
}

export function cdmEmail(value: FormulaArg): FormulaResult {
  return mapCells(value, (c) => {
    const e = normaliseEmail(String(c));
    return e.valid ? e.email : 'not an e-mail address';
  });
}
