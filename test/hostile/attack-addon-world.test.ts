/**
 * The rest of the world through dist/Code.js (`npm run build` first): spreadsheets in time zones
 * far from UTC (Sheets hands over dates as midnight in the SPREADSHEET's zone, runtime/README.md),
 * and a Chinese sheet holding Arabic, Hebrew and emoji. Every user cell is compared before and
 * after: unchanged, or exactly the documented change written out by hand; Undo gives back the
 * workbook as it was.
 */
import { CUSTOMERS, newRuntime, type Runtime } from '../gas/helpers';
import { call, runToEnd, type UndoResult } from './attack-addon-helpers';
import { captureWorkbook, diffWorkbooks, formatDifferences, type WorkbookSnapshot } from './sheet-diff';

const NOW = Date.UTC(2025, 5, 30, 9); // the runtime's clock (test/gas/helpers.ts)
const NAMES = ['Ann Lee', 'Bo Chen', 'Cy Diaz', 'Di Moss', 'Ed Park', 'Flo Ross', 'Gus Tan', 'Hal Ng', 'Ida Wu', 'Jo Kim', 'Kay Lo', 'Lu Xi'];

/** Cells of the user's columns (A..lastUserColumn) that differ, beyond the documented ones. */
function userDiffs(before: WorkbookSnapshot, rt: Runtime, lastUserColumn: string, documented: string[] = []): string[] {
  const next = String.fromCharCode(lastUserColumn.charCodeAt(0) + 1);
  return diffWorkbooks(before, captureWorkbook(rt), [
    { sheet: /^CDM /, why: 'CDM’s own sheets' },
    { sheet: CUSTOMERS, a1: `${next}:AZ`, why: 'CDM’s own columns' },
    { sheet: CUSTOMERS, layers: ['grid'], why: 'room for CDM’s columns' },
    ...documented.map((a1) => ({ sheet: CUSTOMERS, a1, layers: ['value' as const], why: 'documented cleaning (checked by value below)' })),
  ]).map((d) => d.text);
}

function undoExactly(before: WorkbookSnapshot, rt: Runtime): void {
  expect(call<UndoResult>(rt, 'undoLastRun').restored).toBe(true);
  const left = diffWorkbooks(before, captureWorkbook(rt), [{ sheet: /^CDM (Audit|Undo|State|Backup .+)$/, why: 'CDM’s records and hidden working sheets' }]);
  if (left.length) throw new Error(`Undo left ${left.length} differences:\n${formatDifferences(left)}`);
}

/** The calendar day of an instant in a zone, as whole days since 1970 (Intl, independent of CDM). */
function localDay(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
  return Date.UTC(+parts.slice(0, 4), +parts.slice(5, 7) - 1, +parts.slice(8, 10)) / 86400000;
}

describe('hostile: time zones', () => {
  test.each([
    ['Asia/Shanghai', 'zh_CN', NOW],
    ['America/Los_Angeles', 'en_US', NOW],
    ['Pacific/Kiritimati', 'en_US', NOW], // UTC+14: 23:00 on 30 June
    ['Pacific/Kiritimati', 'en_US', NOW + 3 * 3600000], // 12:00 UTC: already 1 July there
    ['Pacific/Pago_Pago', 'en_US', NOW], // UTC−11: still 29 June
  ])('hostile: time zones: a sheet in %s (%s, clock %d) keeps every date exactly, and recency counts the days of that zone', (timeZone, locale, now) => {
    const rt = newRuntime({ timeZone, locale, now });
    rt.fillSheet(CUSTOMERS, [
      ['Name', 'Email', 'Signup Date', 'Last Purchase', 'Orders', 'Total Spend', 'Birth Date'],
      ...NAMES.map((n, i) => [n, `${n.split(' ')[0].toLowerCase()}@example.com`, `2024-03-${String(i + 1).padStart(2, '0')}`, `2025-0${1 + (i % 6)}-15`, i + 1, 100 + i * 10, `19${70 + i}-01-01`]),
    ]);
    const before = captureWorkbook(rt);
    runToEnd(rt, { mode: 'flag', region: 'US', inPlace: true, k: 'auto' });
    expect(userDiffs(before, rt, 'G')).toEqual([]);
    // Ann Lee: last purchase 15 January 2025 in the sheet's zone; "today" is NOW's day in that zone.
    const values = rt.sheetValues(CUSTOMERS);
    const header = values[0] as string[];
    const days = localDay(now, timeZone) - Date.UTC(2025, 0, 15) / 86400000;
    expect(String(values[1][header.indexOf('CDM Churn Risk')])).toMatch(new RegExp(`(^|\\D)${days}( days|\\s*天)`));
    // Born 1 January 1970 in that zone: 55 on 30 June 2025, whatever the zone.
    expect(values[1][header.indexOf('CDM Age')]).toBe(55);
    undoExactly(before, rt);
  });
});

describe('hostile: the world\'s data', () => {
  test('hostile: world data: a Chinese sheet with Arabic, Hebrew and emoji — only e-mails and phones change, exactly as documented; Undo gives it back', () => {
    const rt = newRuntime({ timeZone: 'Asia/Shanghai', locale: 'zh_CN' });
    rt.fillSheet(CUSTOMERS, [
      ['姓名', '电子邮件', '手机', '城市', '备注', '消费金额'],
      ['张伟', 'ZHANGWEI@163.COM', '138 0013 8000', '北京', '老客户😀', 1200],
      ['王芳', 'wangfang@qq.com', '+86 139 0013 9000', '上海', '', 980],
      ['محمد علي', 'mohamed@example.eg', '+20 10 1234 5678', 'القاهرة', 'عميل مهم', 300],
      ['דוד כהן', 'david@example.co.il', '+972 52-555-1234', 'תל אביב', 'לקוח', 450],
      ['José 🎉 Núñez', 'jose@example.es', '+34 612 34 56 78', 'Madrid', '👍🏽 family 👨‍👩‍👧', 500],
      ['李娜', 'lina@163.com', '021-6123 4567', '深圳', '', 700],
      ['陈静', 'chenjing@qq.com', '+86 186 1234 5678', '上海', '', 650],
      ['刘洋', 'liuyang@126.com', '+86 150 1234 5678', '广州', '', 300],
      ['杨磊', 'yanglei@sina.com', '+86 186 1234 5679', '杭州', '', 880],
      ['赵敏', 'zhaomin@qq.com', '+86 135 1234 5678', '成都', '', 120],
    ]);
    const before = captureWorkbook(rt);
    runToEnd(rt, { mode: 'flag', region: 'CN', inPlace: true, k: 'auto' });
    expect(userDiffs(before, rt, 'F', ['B2', 'C2:C11'])).toEqual([]);
    const values = rt.sheetValues(CUSTOMERS);
    // Documented (README "What CDM changes"): e-mails lower-cased, phones in E.164 (region CN for numbers without a country code).
    expect(values[1][1]).toBe('zhangwei@163.com');
    expect(values.slice(1).map((r) => r[2])).toEqual([
      '+8613800138000', '+8613900139000', '+201012345678', '+972525551234', '+34612345678',
      '+862161234567', '+8618612345678', '+8615012345678', '+8618612345679', '+8613512345678',
    ]);
    undoExactly(before, rt);
  });
});
