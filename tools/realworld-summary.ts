/**
 * What a new user gets from CDM on the real-world exports (test/fixtures/realworld/), regenerated:
 *
 *   npm run realworld                 # Markdown on stdout
 *   npm run realworld -- --json       # the same figures as JSON
 *
 * For each of Shopify, WooCommerce, Stripe (customers + their orders/payments export), the
 * per-category-spend (marketing) sheet and an orders export, it runs the command line exactly as a
 * user would (dist/cli.cjs run … --transactions … --report …) and summarises the report: rows,
 * roles, duplicates, values cleaned, cells filled, flags, predictions with their cross-validated
 * R² or AUC, segments, RFM and churn counts, recommendations and the KPI sentences. Then it runs
 * the BUILT add-on (dist/Code.js in the local Apps Script runtime) on the same files typed as
 * Sheets types them, and says where the add-on's figures differ from the command line's.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRuntime } from '../runtime';
import { parseCsv } from '../src/core/csv';
import type { Cell } from '../src/core/table';

const ROOT = path.resolve(__dirname, '..');
const REALWORLD = path.join(ROOT, 'test/fixtures/realworld');
const ANALYSIS = path.join(ROOT, 'test/fixtures/analysis');

interface Case { name: string; customers: string; orders: string | null; asOf: string; source: string }

const CASES: Case[] = [
  { name: 'Shopify', customers: path.join(REALWORLD, 'shopify-customers.csv'), orders: path.join(REALWORLD, 'shopify-orders.csv'), asOf: '2025-06-30', source: 'customers export (20 columns) + orders export (79 columns)' },
  { name: 'WooCommerce', customers: path.join(REALWORLD, 'woocommerce-customers.csv'), orders: path.join(REALWORLD, 'woocommerce-orders.csv'), asOf: '2025-06-30', source: 'Analytics › Customers + Analytics › Orders downloads' },
  { name: 'Stripe', customers: path.join(REALWORLD, 'stripe-customers.csv'), orders: path.join(REALWORLD, 'stripe-payments.csv'), asOf: '2025-06-30', source: 'customers export + payments export (usd and eur)' },
  { name: 'Marketing (per-category spend)', customers: path.join(ANALYSIS, 'marketing.csv'), orders: null, asOf: '2015-01-01', source: 'marketing-campaign layout, 300 customers' },
  { name: 'Orders export (UCI online-retail layout)', customers: path.join(REALWORLD, 'online-retail.csv'), orders: null, asOf: '2025-06-30', source: 'one row per order line' },
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Report = Record<string, any>;

interface Figures {
  rows: number;
  rowsIn: number;
  roles: Record<string, string>;
  duplicateRows: number;
  duplicateGroups: number;
  reviewPairs: number;
  valuesCleaned: number;
  cellsFilled: number;
  flaggedCells: number;
  valuesWorthALook: number;
  predictions: Array<{ column: string; target: string; kind: string; r2cv: number | null; auc: number | null; method: string }>;
  segments: Array<{ name: string; size: number }>;
  rfm: { scored: number; segments: Record<string, number> } | null;
  churn: Record<string, number> | null;
  recommendations: { customers: number; topRule: string | null } | string;
  kpis: Record<string, number | string | null>;
  sentences: string[];
  messages: string[];
}

function runCli(c: Case, dir: string): { report: Report; out: string; stdout: string } {
  const base = path.join(dir, path.basename(c.customers, '.csv'));
  const args = [path.join(ROOT, 'dist/cli.cjs'), 'run', c.customers, '--out', `${base}.out.csv`, '--report', `${base}.json`, '--asof', c.asOf];
  if (c.orders) args.push('--transactions', c.orders);
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 600000 });
  if (r.status !== 0) throw new Error(`${c.name}: cdm run failed: ${r.stderr}`);
  return { report: JSON.parse(readFileSync(`${base}.json`, 'utf8')), out: readFileSync(`${base}.out.csv`, 'utf8'), stdout: r.stdout };
}

const groupsOf = (groups: Cell[]): number => new Set(groups.filter((g) => g !== '' && g !== undefined).map(String)).size;

function figuresFromCli(report: Report, out: string): Figures {
  const table = parseCsv(out);
  const col = (h: string): Cell[] => { const i = table.header.indexOf(h); return i < 0 ? [] : table.rows.map((r) => r[i]); };
  const a = report.analysis;
  const s = report.summary;
  const k = a.kpis;
  return {
    rows: s.rows,
    rowsIn: report.rowsIn,
    roles: Object.fromEntries(report.roles.map((d: { column: string; role: string }) => [d.column, d.role])),
    duplicateRows: s.duplicatesFound,
    duplicateGroups: groupsOf(col('CDM Duplicate Group')),
    reviewPairs: s.reviewPairs,
    valuesCleaned: s.valuesNormalised,
    cellsFilled: s.cellsImputed,
    flaggedCells: report.quality.clean?.valuesFlagged ?? 0,
    valuesWorthALook: a.outliers.flagged,
    predictions: a.predictions.map((p: Report) => ({
      column: p.column, target: p.target ?? p.column, kind: p.kind, r2cv: p.cv?.r2 ?? null, auc: p.auc?.auc ?? null, method: p.method,
    })),
    segments: s.segments.map((g: { name: string; size: number }) => ({ name: g.name, size: g.size })),
    rfm: a.rfm ? { scored: a.rfm.scored, segments: Object.fromEntries(a.rfm.segments.map((x: { segment: string; customers: number }) => [x.segment, x.customers])) } : null,
    churn: a.churn ? a.churn.counts : null,
    recommendations: a.recommendations
      ? { customers: a.recommendations.recommended, topRule: a.recommendations.rules[0] ? `${a.recommendations.rules[0].from} → ${a.recommendations.rules[0].to} (confidence ${pct(a.recommendations.rules[0].confidence)}, lift ${a.recommendations.rules[0].lift.toFixed(2)})` : null }
      : (a.skipped.find((x: { what: string }) => x.what === 'recommendations')?.reason ?? 'not run'),
    kpis: {
      customers: k.customers, buyers: k.buyers, revenue: k.revenue, revenueFrom: k.revenueFrom, orders: k.orders,
      repeatRate: round(k.repeatRate, 4), aov: round(k.aov, 2), clv: round(k.clv, 2), activeShare: round(k.activeShare, 4),
      guestLines: k.guests?.lines ?? null, cancelledLines: k.cancelled?.lines ?? null, voidedOrders: k.voided?.orders ?? null,
      currency: k.currency ?? null, otherCurrencies: (k.otherCurrencies ?? []).map((o: Report) => `${o.currency} ${o.lines} lines`).join(', ') || null,
    },
    sentences: a.sentences,
    messages: s.messages,
  };
}

/** The add-on's own figures for the same files (typed as Sheets types them), to compare. */
function runAddon(c: Case, keyColumn: string): Partial<Figures> & { customersScored: number } {
  const now = Date.parse(`${c.asOf}T09:00:00Z`);
  const rt = createRuntime({ code: readFileSync(path.join(ROOT, 'dist/Code.js'), 'utf8'), locale: 'en_US', timeZone: 'Etc/UTC', user: 'owner@example.com', now });
  const typed = (file: string): Cell[][] => { const t = parseCsv(readFileSync(file, 'utf8')); return [t.header, ...t.rows]; };
  if (c.orders) rt.fillSheet('Orders', typed(c.orders), { activate: false });
  rt.fillSheet('Customers', typed(c.customers));
  let ex = rt.run('startRun', [{ mode: 'flag', region: 'US', inPlace: true, k: 'auto' }]);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let p = ex.result as any;
  for (let i = 0; ex.error === undefined && !p.done && i < 20; i++) { ex = rt.run('continueRun', [p.runId]); p = ex.result; }
  if (ex.error) throw new Error(`${c.name}: add-on run failed: ${ex.error.text}`);
  const values = rt.sheetValues('Customers');
  const col = (h: string): Cell[] => { const i = values[0].indexOf(h); return i < 0 ? [] : values.slice(1).map((r) => r[i]); };
  const analysis = rt.sheetValues('CDM Analysis').map((r) => String(r[0]).replace(/^'/, ''));
  const from = analysis.indexOf('What the figures say');
  const to = analysis.indexOf('Key figures');
  const churn: Record<string, number> = {};
  for (const v of col('CDM Churn Risk')) { const level = String(v).split(':')[0]; if (level) churn[level] = (churn[level] ?? 0) + 1; }
  const revenueRow = rt.sheetValues('CDM Analysis').find((r) => r[0] === 'Revenue');
  return {
    rows: p.summary.rows,
    duplicateRows: p.summary.duplicatesFound,
    duplicateGroups: groupsOf(col('CDM Duplicate Group')),
    reviewPairs: p.summary.reviewPairs,
    valuesCleaned: p.summary.valuesNormalised,
    cellsFilled: p.summary.cellsImputed,
    segments: p.summary.segments.map((g: { name: string; size: number }) => ({ name: g.name, size: g.size })),
    predictions: p.summary.r2cv === null ? [] : [{ column: 'CDM Predicted Spend', target: '', kind: 'numeric', r2cv: p.summary.r2cv, auc: null, method: '' }],
    rfm: { scored: col('CDM RFM').filter((v) => v !== '').length, segments: {} },
    // On a sheet of order lines each customer's results are on every line of theirs: customers, not lines.
    customersScored: new Set(col(keyColumn).filter((_, i) => col('CDM RFM')[i] !== '').map(String)).size,
    churn,
    kpis: { revenue: revenueRow ? (revenueRow[1] as number) : null },
    sentences: from >= 0 && to > from ? analysis.slice(from + 1, to).filter((x) => x !== '') : [],
    messages: p.summary.messages,
  };
}

const round = (x: number | null | undefined, d: number): number | null => (x === null || x === undefined ? null : Math.round(x * 10 ** d) / 10 ** d);
const pct = (x: number): string => `${Math.round(x * 100)}%`;

function compare(cli: Figures, addon: Partial<Figures> & { customersScored: number }): string[] {
  const out: string[] = [];
  const check = (what: string, a: unknown, b: unknown) => { if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${what}: command line ${JSON.stringify(a)}, add-on ${JSON.stringify(b)}`); };
  const lines = cli.rows !== cli.rowsIn;
  if (lines) out.push(`the add-on keeps all ${addon.rows} order lines and writes each customer's results on their lines (the command line writes one row per customer)`);
  else check('rows', cli.rows, addon.rows);
  check('review pairs', cli.reviewPairs, addon.reviewPairs);
  check('duplicate rows', cli.duplicateRows, addon.duplicateRows);
  check('duplicate groups', cli.duplicateGroups, addon.duplicateGroups);
  check('cells filled', cli.cellsFilled, addon.cellsFilled);
  check('segments', cli.segments, addon.segments);
  check('spend prediction CV R²', round(cli.predictions.find((p) => p.column === 'CDM Predicted Spend')?.r2cv ?? null, 6), round(addon.predictions?.[0]?.r2cv ?? null, 6));
  check('customers with an RFM score', cli.rfm?.scored ?? 0, lines ? addon.customersScored : addon.rfm?.scored ?? 0);
  check('revenue', cli.kpis.revenue, addon.kpis?.revenue ?? null);
  if (cli.valuesCleaned !== addon.valuesCleaned) out.push(`values cleaned: command line ${cli.valuesCleaned}, add-on ${addon.valuesCleaned} (Sheets types numbers, dates and booleans on import, so the add-on has less text to turn into them)`);
  return out;
}

function markdown(c: Case, f: Figures, diff: string[]): string {
  const lines: string[] = [];
  lines.push(`### ${c.name} — ${c.source}`);
  lines.push(`- Rows: ${f.rowsIn} in${f.rows !== f.rowsIn ? `, ${f.rows} customers out (order lines rolled up)` : ''}; roles: ${Object.entries(f.roles).map(([k, v]) => `${k}=${v}`).join(', ')}`);
  lines.push(`- Duplicates: ${f.duplicateRows} rows in ${f.duplicateGroups} groups; ${f.reviewPairs} pairs for review`);
  lines.push(`- Values cleaned: ${f.valuesCleaned}; cells filled: ${f.cellsFilled}; values flagged as doubtful: ${f.flaggedCells}; values worth a look (analysis): ${f.valuesWorthALook}`);
  for (const p of f.predictions) lines.push(`- Prediction ${p.column}: ${p.kind === 'yesno' ? `cross-validated AUC ${p.auc?.toFixed(4)}` : `cross-validated R² ${p.r2cv?.toFixed(4)}`} — ${p.method}`);
  if (!f.predictions.length) lines.push('- Prediction: none');
  lines.push(`- Segments: ${f.segments.map((s) => `${s.name} (${s.size})`).join('; ') || 'none'}`);
  lines.push(`- RFM: ${f.rfm ? `${f.rfm.scored} customers scored (${Object.entries(f.rfm.segments).map(([k, v]) => `${k} ${v}`).join(', ')})` : 'not run'}; churn risk: ${f.churn ? Object.entries(f.churn).map(([k, v]) => `${k} ${v}`).join(', ') : 'not run'}`);
  lines.push(`- Recommendations: ${typeof f.recommendations === 'string' ? `none — ${f.recommendations}` : `${f.recommendations.customers} customers; strongest rule ${f.recommendations.topRule}`}`);
  const k = f.kpis;
  lines.push(`- KPIs: revenue ${k.revenue} (${k.revenueFrom}), orders ${k.orders}, repeat rate ${k.repeatRate}, AOV ${k.aov}, CLV ${k.clv}, bought in 90 days ${k.activeShare}${k.guestLines !== null ? `, guest lines ${k.guestLines}` : ''}${k.voidedOrders ? `, cancelled/failed orders ${k.voidedOrders}` : ''}${k.cancelledLines ? `, returned lines ${k.cancelledLines}` : ''}${k.otherCurrencies ? `, other currencies: ${k.otherCurrencies}` : ''}`);
  lines.push('- KPI sentences:');
  for (const s of f.sentences) lines.push(`  - ${s}`);
  const notes = f.messages.filter((m) => !/skipped: (too sparse|every row has the same value)/.test(m));
  if (notes.length) lines.push(`- Messages: ${notes.join(' / ')}`);
  lines.push(`- Add-on (dist/Code.js, typed cells): ${diff.length ? diff.join('; ') : 'same figures as the command line'}`);
  return lines.join('\n');
}

function main(): void {
  const json = process.argv.includes('--json');
  const dir = mkdtempSync(path.join(tmpdir(), 'cdm-realworld-summary-'));
  const all: Array<{ case: string; cli: Figures; addon: Partial<Figures>; differences: string[] }> = [];
  try {
    for (const c of CASES) {
      const { report, out } = runCli(c, dir);
      // Rows of the file as given (an orders export is rolled up to fewer rows by the command line).
      const cli = { ...figuresFromCli(report, out), rowsIn: parseCsv(readFileSync(c.customers, 'utf8')).rows.length };
      const addon = runAddon(c, Object.keys(cli.roles)[0]);
      all.push({ case: c.name, cli, addon, differences: compare(cli, addon) });
      if (!json) process.stdout.write(markdown(c, cli, compare(cli, addon)) + '\n\n');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (json) process.stdout.write(JSON.stringify(all, null, 2) + '\n');
}

main();
