/**
 * Bench section: one intake-form submission against 1 000 and 50 000 existing customers, in
 * the local Apps Script runtime running dist/Code.js (build first). The bar: under 1 s of
 * script time, and the same number of service calls at both sizes (only the key columns are
 * read, in one batch; one write for the new row).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readsPlusWrites } from '../../runtime/index';
import { spreadsheetWithCustomers, formIdOf } from '../../test/forms/setup';

export type Row = Record<string, string | number | boolean>;

const CONSENT = ['I agree that my details are stored and used to contact me.'];

/** dist/Code.js beside the bundled bench (dist/bench.cjs), or from the repository root. */
function findCode(): string {
  for (const p of [path.resolve(__dirname, 'Code.js'), path.resolve(__dirname, '../../dist/Code.js'), path.resolve(process.cwd(), 'dist/Code.js')]) {
    if (fs.existsSync(p)) return fs.readFileSync(p, 'utf8');
  }
  throw new Error('dist/Code.js not found: run `npm run build` first');
}

export function benchFormSubmission(sizes: number[] = [1000, 50000]): Row[] {
  const code = findCode();
  const rows: Row[] = [];
  for (const n of sizes) {
    const rt = spreadsheetWithCustomers(n, code);
    const created = rt.run('createIntakeForm');
    if (created.error) throw new Error(created.error.text);
    const formId = formIdOf(created.result as { editUrl: string });
    // A warm-up submission (a new customer), then the measured one: a duplicate of row 2.
    rt.submitForm(formId, { Name: 'Warm Up', Email: 'warm@example.com', Consent: CONSENT });
    // CPU time too: on a shared machine wall time also counts other processes' turns.
    const cpu0 = process.cpuUsage();
    const [ex] = rt.submitForm(formId, { Name: 'Maria Garcia', Email: 'Maria.Garcia0@example.com', Phone: '(415) 200-0000', Consent: CONSENT });
    const cpu = process.cpuUsage(cpu0);
    if (ex.error) throw new Error(ex.error.text);
    const calls = Object.values(ex.calls).reduce((a, b) => a + b, 0);
    rows.push({
      customers: n,
      scriptMs: Math.round(ex.wallMs),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      duplicateOfRow: Number(ex.error ? -1 : rt.sheetValues('Customers').slice(-1)[0][rt.sheetValues('Customers')[0].indexOf('CDM Duplicate Of')]),
      serviceCalls: calls,
      sheetReadsWrites: readsPlusWrites(ex.calls),
      bar: '< 1000 ms CPU, calls equal',
    });
  }
  const same = rows.every((r) => r.serviceCalls === rows[0].serviceCalls && r.sheetReadsWrites === rows[0].sheetReadsWrites);
  for (const r of rows) r.pass = same && Number(r.cpuMs) < 1000 && r.duplicateOfRow === 2;
  return rows;
}
