/**
 * Every surface of the add-on takes its defaults from src/core/settings.ts in one order: the
 * user's saved choice (the last run's settings) before the spreadsheet's locale, CDM's default
 * last. Each case sets a saved choice that differs from what the locale would give, so a
 * surface that still put the locale first fails here. Runs the built dist/Code.js.
 */
import { CUSTOMERS, FLAG, newRuntime, sampleRows } from './helpers';
import { putJsonProperty } from '../forms/setup';

const SAVED = { mode: 'merge', region: 'GB', inPlace: false, k: 4, sheetId: null };

test('the sidebar offers the saved choices, not the locale\'s country', () => {
  const rt = newRuntime({ locale: 'de_DE' });
  rt.fillSheet(CUSTOMERS, sampleRows(30, 5));
  putJsonProperty(rt, 'cdm.settings', SAVED);
  const ex = rt.run('getSidebarState');
  expect(ex.error).toBeUndefined();
  expect((ex.result as { defaults: unknown }).defaults).toEqual({ mode: 'merge', region: 'GB', inPlace: false, k: 4 });
});

test('without a saved choice the sidebar offers the locale\'s country and CDM\'s defaults', () => {
  const rt = newRuntime({ locale: 'de_DE' });
  rt.fillSheet(CUSTOMERS, sampleRows(30, 5));
  expect((rt.run('getSidebarState').result as { defaults: unknown }).defaults).toEqual({ mode: 'flag', region: 'DE', inPlace: true, k: 'auto' });
});

test('=CDM_PHONE without a region uses the saved phone country before the locale\'s', () => {
  const rt = newRuntime({ locale: 'de_DE' });
  rt.fillSheet('Data', [['Phone'], ['020 7946 0958']], { raw: true });
  // Read as German (de_DE), a London number is no valid phone.
  expect(rt.customFunction('CDM_PHONE', '020 7946 0958').result).toBe('not a valid phone number');
  putJsonProperty(rt, 'cdm.settings', SAVED);
  expect(rt.customFunction('CDM_PHONE', '020 7946 0958').result).toBe('+442079460958');
  expect(rt.customFunction('CDM_PHONE', '020 7946 0958', 'DE').result).toBe('not a valid phone number');
});

test('a run refuses a setting it cannot use, in the sidebar\'s words, and changes nothing', () => {
  const rt = newRuntime();
  rt.fillSheet(CUSTOMERS, sampleRows(30, 5));
  const before = rt.snapshot(CUSTOMERS);
  const ex = rt.run('startRun', [{ ...FLAG, k: 15 }]);
  expect(ex.error?.message).toBe('Number of segments must be auto or a whole number from 2 to 10, not "15".');
  expect(rt.snapshot(CUSTOMERS)).toEqual(before);
});
