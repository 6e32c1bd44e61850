import * as fs from 'fs';
import { createRuntime } from '../../runtime';
import { bundle } from '../gas/helpers';
import { readCsv, FIXTURES } from '../core/analysis/load';
import * as path from 'path';
test('mkt', () => {
  const rt = createRuntime({ code: bundle(), locale: 'en_US', timeZone: 'Etc/UTC', user: 'o@example.com', now: Date.UTC(2015, 0, 1, 9) });
  const t = readCsv(path.join(FIXTURES, 'marketing.csv'));
  rt.fillSheet('Customers', [t.header, ...t.rows]);
  rt.run('startRun', [{ mode: 'flag', region: 'US', inPlace: true, k: 'auto' }]);
  const a = rt.sheetValues('CDM Analysis');
  fs.writeFileSync('/tmp/rw/mkt-addon2.txt', a.map((r) => r.filter((x) => x !== '').join(' ; ')).filter((l) => /Response|AUC/i.test(l)).join('\n'));
});
