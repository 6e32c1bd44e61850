/**
 * One order for every setting, on every surface (src/core/settings.ts): what the user gives
 * now, then what they chose before, then (phone region only) the spreadsheet's locale, then
 * CDM's default. Each case below would pass under only one of the orders the surfaces used to
 * have (locale → saved → US in the sidebar, saved → locale → US in the form, locale → US in
 * =CDM_PHONE), so swapping two steps fails a test.
 */
import { DEFAULT_SETTINGS, K_RANGE, SettingError, parseK, parseMode, parseRegion, resolveSetting, resolveSettings } from '../../src/core/settings';

describe('phone region order: given → saved → locale → US', () => {
  it('the value given now beats the saved one and the locale', () => {
    expect(resolveSetting('region', { given: { region: 'gb' }, saved: { region: 'FR' }, locale: 'de_DE' })).toBe('GB');
  });
  it('the saved choice beats the locale', () => {
    expect(resolveSetting('region', { saved: { region: 'FR' }, locale: 'de_DE' })).toBe('FR');
  });
  it('the locale beats the default', () => {
    expect(resolveSetting('region', { locale: 'de_DE' })).toBe('DE');
    expect(resolveSetting('region', { locale: 'zh_CN' })).toBe('CN');
  });
  it('US when nothing says otherwise (the command line: no saved choice, no locale)', () => {
    expect(resolveSetting('region', {})).toBe('US');
    expect(resolveSetting('region', { locale: 'xx' })).toBe('US');
  });
  it('a blank given value is "not given"; a broken saved value is passed over', () => {
    expect(resolveSetting('region', { given: { region: '  ' }, saved: { region: 'FR' } })).toBe('FR');
    expect(resolveSetting('region', { given: { region: undefined }, saved: { region: 'France' }, locale: 'en_GB' })).toBe('GB');
  });
  it('a given value that is no country code is refused, naming the setting as the surface calls it', () => {
    let error: unknown;
    try { resolveSetting('region', { given: { region: 'England' }, saved: { region: 'FR' } }, { labels: { region: '--region' } }); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(SettingError);
    expect((error as Error).message).toBe('--region must be a two-letter country code such as US, GB or DE, not "England".');
  });
});

describe('k, mode and in place: given → saved → default, one range', () => {
  it('k is one range everywhere: 2 to 10', () => {
    expect(K_RANGE).toEqual({ min: 2, max: 10 });
    expect([1, 2, 10, 11, 2.5, '7', ' auto ', 'AUTO', 'many', -3].map(parseK)).toEqual([null, 2, 10, null, null, 7, 'auto', 'auto', null, null]);
  });
  it('k given beats k saved; saved beats auto', () => {
    expect(resolveSetting('k', { given: { k: 4 }, saved: { k: 6 } })).toBe(4);
    expect(resolveSetting('k', { saved: { k: 6 } })).toBe(6);
    expect(resolveSetting('k', { saved: { k: 60 } })).toBe('auto');
    expect(() => resolveSetting('k', { given: { k: 20 } }, { labels: { k: '--k' } })).toThrow('--k must be auto or a whole number from 2 to 10, not "20".');
  });
  it('mode and in place: the saved choice is the next run\'s default', () => {
    expect(resolveSettings({ saved: { mode: 'merge', inPlace: false } })).toEqual({ mode: 'merge', region: 'US', inPlace: false, k: 'auto' });
    expect(resolveSettings({ given: { mode: 'flag', inPlace: true }, saved: { mode: 'merge', inPlace: false } })).toMatchObject({ mode: 'flag', inPlace: true });
    expect(parseMode(' Merge ')).toBe('merge');
    expect(parseMode('banana')).toBeNull();
  });
  it('nothing given or saved: CDM\'s defaults', () => {
    expect(resolveSettings({})).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toEqual({ mode: 'flag', region: 'US', inPlace: true, k: 'auto' });
  });
  it('messages in Chinese for a Chinese spreadsheet, with the typed words kept', () => {
    expect(() => resolveSetting('mode', { given: { mode: 'x' } }, { lang: 'zh', labels: { mode: '重复记录' } })).toThrow('重复记录 只能是 flag（标记）或 merge（合并），不能是“x”。');
    expect(parseRegion('cn')).toBe('CN');
  });
});
