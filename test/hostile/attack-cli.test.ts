/**
 * The attacker's own command-line cases, beyond the first catalogue's examples: data from the rest of the
 * world (Chinese, right-to-left, emoji), date-times, the machine's time zone, a second run on
 * CDM's own output, the smallest files. Through the BUILT CLI as a process (`npm run build`
 * first); every output cell against the input as typed, or the documented change stated by hand.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cdm, column, csvText, flagsOf, folder, readCsv, removeSandboxes, requireCli, userCellDiffs, withInput } from './attack-cli-helpers';

beforeAll(requireCli);
afterAll(removeSandboxes);

function through(command: string, rows: string[][], extra: string[] = [], env: NodeJS.ProcessEnv = {}): string[][] {
  const { dir, before } = withInput('in.csv', csvText(rows));
  const r = cdm(dir, [command, 'in.csv', '--out', 'out.csv', '--asof', '2025-06-30', ...extra], { env });
  expect({ code: r.code, signal: r.signal, err: r.code === 0 ? '' : r.err }).toEqual({ code: 0, signal: null, err: '' });
  expect(folder(dir)['in.csv']).toBe(before['in.csv']);
  return readCsv(path.join(dir, 'out.csv'));
}

describe('hostile: date-times', () => {
  test('hostile: date-times: 12/1/10 8:26 keeps its time of day in OUT.csv (it came out as 2010-12-01)', () => {
    const input = [
      ['Name', 'Email', 'Last Purchase'],
      ['Ann Lee', 'ann@example.com', '12/1/10 8:26'],
      ['Bo Chen', 'bo@example.com', '12/13/10 17:05'],
      ['Cy Diaz', 'cy@example.com', '1/2/11 0:00'],
    ];
    // Month-first (13 cannot be a month); the column is date-times, so midnight is written as 00:00.
    const documented = { '1,2': '2010-12-01 08:26', '2,2': '2010-12-13 17:05', '3,2': '2011-01-02 00:00' };
    expect(userCellDiffs(input, through('clean', input), documented)).toEqual([]);
  });

  test('hostile: date-times: seconds are kept; a column of plain dates stays plain', () => {
    const input = [
      ['Name', 'Email', 'Signed Up', 'Birth Date'],
      ['Ann Lee', 'ann@example.com', '2024-03-05 14:30', '1980-02-29'],
      ['Bo Chen', 'bo@example.com', '2024-03-06 09:15:59', '1975-12-31'],
    ];
    expect(userCellDiffs(input, through('clean', input), { '1,2': '2024-03-05 14:30:00' })).toEqual([]);
  });
});

describe('hostile: second run', () => {
  test.each(['clean', 'run'])('hostile: second run: `cdm %s` on its own output writes the same file again — every value it made up is still marked', (command) => {
    const { dir } = withInput('seed.txt', '');
    expect(cdm(dir, ['sample', '--out', 'in.csv', '--rows', '200', '--seed', '9', '--quiet']).code).toBe(0);
    for (const [from, to] of [['in.csv', 'once.csv'], ['once.csv', 'twice.csv']]) {
      const r = cdm(dir, [command, from, '--out', to, '--asof', '2025-06-30', '--quiet']);
      expect(r.code).toBe(0);
    }
    const once = readCsv(path.join(dir, 'once.csv'));
    const estimated = flagsOf(once).filter((f) => / estimated \(/.test(f));
    expect(estimated.length).toBeGreaterThan(5);
    // It used to forget: "Total Spend estimated (regression on Orders, Age)" vanished, the made-up 911.15 passed for real.
    expect(readCsv(path.join(dir, 'twice.csv'))).toEqual(once);
  });

  test('hostile: second run: a made-up value the user cleared is filled again and marked once, not twice', () => {
    const input = [['Name', 'Email', 'Income', 'CDM Flags'],
      ...['Ann Lee', 'Bo Chen', 'Cy Diaz', 'Di Moss', 'Ed Park', 'Flo Ross'].map((n, i) => [n, `${n[0].toLowerCase()}${i}@example.com`, i === 0 ? '' : String(30000 + i * 1000), i === 0 ? 'Income estimated (median)' : ''])];
    const out = through('clean', input);
    expect(flagsOf(out)[0]).toBe('Income estimated (median)');
    // The median of 31,000…35,000, by hand.
    expect(column(out, 'Income')[0]).toBe('33000');
  });
});
