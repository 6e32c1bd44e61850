import * as fs from 'fs';
import { createRuntime } from '../../runtime';
import { bundle } from '../gas/helpers';
import { readCsv, FIXTURES } from '../core/analysis/load';
import * as path from 'path';
test('mkt', () => {
  const rt = createRuntime({ code: bundle(), locale: 'en_US', timeZone: 'Etc/UTC', user: 'o@example.com', now: Date.UTC(2015, 0, 1, 9) });
  const t = readCsv(path.join(FIXTURES, 'marketing.csv'));
  rt.fillSheet('Customers', [t.header, ...t.rows]);
  const ex = rt.run('startRun', [{ mode: 'flag', region: 'US', inPlace: true, k: 'auto' }]);
  const res = ex.result as any;
  const a = rt.sheetValues('CDM Analysis');
  const after = rt.sheetValues('Customers');
  fs.writeFileSync('/tmp/rw/mkt-addon.txt', [ex.error?.text, JSON.stringify(res.summary).slice(0, 1500), (after[0] as string[]).join('|'), JSON.stringify(after[8]), a.slice(0, 80).map((r) => r.filter((x) => x !== '').join(' ; ')).join('\n')].join('\n'));
});
