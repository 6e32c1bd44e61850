/**
 * Dates in the spreadsheet's time zone. Sheets hands a date over as midnight in
 * the spreadsheet's zone; CDM must read it there. The same customers typed into an
 * Asia/Shanghai (UTC+8) and an America/Los_Angeles (UTC-8/-7) spreadsheet must come out exactly
 * as in a UTC one: every date shows the same day, and churn, RFM, segments and the analysis
 * (recency, signup months) are the same — the reference is the UTC sheet, where instant and
 * day coincide. The clock (09:00 UTC) is the same day in all three zones.
 */
import { fromWallClock } from '../../runtime/dates';
import { sheetDates } from '../../src/gas/dates';
import { CUSTOMERS, FLAG, newRuntime, sampleRows, type Runtime } from './helpers';

const ROWS = 120;
const ZONES = ['Asia/Shanghai', 'America/Los_Angeles'];
/** Columns that hold a time of the run itself (shown in each zone's local time), not customer dates. */
const RUN_TIME = new Set(['Time', 'Removed at']);

function sheetWith(timeZone: string): Runtime {
  const rt = newRuntime({ timeZone });
  // Typed as the user would: '8/14/2018' becomes that day at midnight in the sheet's zone.
  rt.fillSheet(CUSTOMERS, sampleRows(ROWS));
  rt.fillSheet('Dates', [['Day', 'Text'], ['2024-03-05', 'x']], { activate: false });
  rt.spreadsheet.setActiveSheet(rt.sheet(CUSTOMERS));
  return rt;
}

function run(rt: Runtime): void {
  const ex = rt.run('startRun', [FLAG]);
  expect(ex.error).toBeUndefined();
  expect((ex.result as { done: boolean }).done).toBe(true);
}

/**
 * Every sheet as the user sees it, without the columns that show when the run happened. CDM's
 * hidden sheets are not shown: its undo data holds the old cells as the instants Sheets handed
 * over, which are other instants in another zone (the same days: Undo puts back what was there).
 */
function shown(rt: Runtime): Record<string, string[][]> {
  const out: Record<string, string[][]> = {};
  for (const s of rt.spreadsheet.getSheets()) {
    const name = s.getName();
    if (s.isSheetHidden() || s.getLastRow() === 0) continue;
    const grid = rt.displayValues(name);
    const header = grid[0] ?? [];
    const drop = header.map((h, j) => (RUN_TIME.has(h) ? j : -1)).filter((j) => j >= 0);
    out[name] = grid.map((r) => r.filter((_, j) => !drop.includes(j)));
  }
  return out;
}

describe('a run gives the same sheet whatever the spreadsheet time zone', () => {
  let reference: Record<string, string[][]>;
  beforeAll(() => {
    const rt = sheetWith('Etc/UTC');
    run(rt);
    reference = shown(rt);
  });

  test.each(ZONES)('%s: every sheet shows what the UTC sheet shows (dates, churn, RFM, analysis)', (zone) => {
    const rt = sheetWith(zone);
    const typed = String(sampleRows(ROWS)[1][7]);
    const [m, d, y] = typed.split('/').map(Number);
    const signup = rt.sheetValues(CUSTOMERS)[1][7];
    run(rt);
    const now = shown(rt);
    expect(Object.keys(now).sort()).toEqual(Object.keys(reference).sort());
    for (const name of Object.keys(reference)) expect({ name, grid: now[name] }).toEqual({ name, grid: reference[name] });
    // A date the run did not change is the very instant Sheets handed over (midnight in the zone).
    expect(typed).toMatch(/^\d{1,2}\/\d{1,2}\/\d{4}$/);
    expect(signup).toEqual(new Date(fromWallClock(zone, y, m, d)));
    expect(rt.sheetValues(CUSTOMERS)[1][7]).toEqual(signup);
  });
});

describe('dates are read in the spreadsheet zone', () => {
  test.each(ZONES)('%s: 2024-03-05 is shown as 2024-03-05 in the sidebar (not the day before or after)', (zone) => {
    const rt = newRuntime({ timeZone: zone });
    rt.fillSheet(CUSTOMERS, [['Name', 'Email', 'Signup Date'], ['Ann Lee', 'ann@example.com', '2024-03-05'], ['Bo Chen', 'bo@example.com', '2023-12-31']]);
    const state = rt.call('getSidebarState') as { roles: Array<{ column: string; sample: string[] }> };
    expect(state.roles.find((r) => r.column === 'Signup Date')?.sample).toEqual(['2024-03-05', '2023-12-31']);
  });

  test.each(ZONES)('%s: =CDM_CHURN on date cells gives what it gives in a UTC sheet', (zone) => {
    const rows = [['Last', 'Orders', 'First'], ['2025-06-01', 4, '2024-06-01'], ['2024-12-31', 2, '2024-01-01'], ['2025-06-29', 10, '2023-01-05']];
    const results = ['Etc/UTC', zone].map((tz) => {
      const rt = newRuntime({ timeZone: tz });
      rt.fillSheet('S', rows);
      rt.fillSheet('AsOf', [['2025-06-30']], { activate: false });
      const ex = rt.customFunction('CDM_CHURN', rt.rangeArg('S!A2:A4'), rt.rangeArg('S!B2:B4'), rt.rangeArg('S!C2:C4'), rt.rangeArg('AsOf!A1'));
      expect(ex.error).toBeUndefined();
      return ex.result;
    });
    expect(results[1]).toEqual(results[0]);
  });
});

describe('sheetDates (src/gas/dates.ts): instants from Sheets <-> calendar dates', () => {
  test.each([
    ['Asia/Shanghai', Date.UTC(2024, 2, 4, 16)],
    ['America/Los_Angeles', Date.UTC(2024, 2, 5, 8)],
    ['Etc/UTC', Date.UTC(2024, 2, 5)],
  ])('%s: midnight of 2024-03-05 there is the calendar date 2024-03-05, and back', (zone, instant) => {
    const d = sheetDates(zone);
    expect(d.toCalendar(new Date(instant))).toEqual(new Date(Date.UTC(2024, 2, 5)));
    expect(d.toSheet(new Date(Date.UTC(2024, 2, 5)))).toEqual(new Date(instant));
    expect(d.toCalendar('2024-03-05')).toBe('2024-03-05');
    expect(d.toSheet(42)).toBe(42);
  });

  test('across daylight saving (Los Angeles, 10 March 2024) every midnight goes there and back', () => {
    const d = sheetDates('America/Los_Angeles');
    for (let day = 1; day <= 31; day++) {
      const calendar = new Date(Date.UTC(2024, 2, day));
      const instant = d.toSheet(calendar) as Date;
      expect(instant.getTime()).toBe(fromWallClock('America/Los_Angeles', 2024, 3, day));
      expect(d.toCalendar(instant)).toEqual(calendar);
    }
  });

  test("today is the spreadsheet's day", () => {
    const t = Date.UTC(2025, 5, 30, 20); // 1 July 04:00 in Shanghai, 30 June 13:00 in Los Angeles
    expect(sheetDates('Asia/Shanghai').today(t)).toEqual(new Date(Date.UTC(2025, 6, 1)));
    expect(sheetDates('America/Los_Angeles').today(t)).toEqual(new Date(Date.UTC(2025, 5, 30)));
  });
});
