/**
 * Dedupe quality and speed benchmark. `benchDedupe()` returns one row per data
 * set: FEBRL1 and FEBRL2 from the repository's data/ (truth from rec_id), the generated sample (truth
 * from src/core/sample.ts), and generated tables of 10k/50k/100k rows for dedupe time. The
 * generated sheets are normalised first, as the pipeline does (the clean command's own time
 * and memory are measured by tools/bench.ts in child processes). peakRssMB is this process's
 * peak so far, so sizes run in ascending order.
 * Run on its own: `npx esbuild tools/bench/dedupe.ts --bundle --platform=node --outfile=/tmp/dedupe.cjs && node /tmp/dedupe.cjs [sizes…]`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { Roles, Table } from '../../src/core/table';
import { dedupeTable } from '../../src/core/dedupe';
import { pairwiseQuality } from '../../src/core/dedupe/quality';
import { generateSample } from '../../src/core/sample';
import { detectRoles } from '../../src/core/roles';
import { normaliseTable } from '../../src/core/normalize';

export type Row = Record<string, string | number>;

/** FEBRL's columns by role; rec_id holds the answer and is left out as a row key. */
export const FEBRL_ROLES: Roles = {
  rec_id: 'id',
  given_name: 'first_name',
  surname: 'last_name',
  street_number: 'street',
  address_1: 'street',
  address_2: 'text',
  suburb: 'city',
  postcode: 'postcode',
  state: 'state',
  date_of_birth: 'date',
  soc_sec_id: 'id',
};

/** The repository's data/ folder, found from wherever this code runs (src or dist). */
export function findDataDir(start = __dirname): string {
  for (const from of [start, process.cwd()]) {
    let dir = from;
    for (let i = 0; i < 6; i++) {
      const candidate = path.join(dir, 'data');
      if (existsSync(path.join(candidate, 'febrl1.csv'))) return candidate;
      dir = path.dirname(dir);
    }
  }
  return path.resolve(process.cwd(), 'data');
}

export function loadFebrl(name: 'febrl1' | 'febrl2', dir = findDataDir()): { table: Table; truth: string[] } {
  const text = readFileSync(path.join(dir, `${name}.csv`), 'utf8');
  const parsed = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true });
  // FEBRL writes ", " between fields.
  const [header, ...rows] = parsed.data.map((r) => r.map((v) => v.trim()));
  const idCol = header.indexOf('rec_id');
  const truth = rows.map((r) => /^rec-(\d+)-/.exec(r[idCol])?.[1] ?? r[idCol]);
  return { table: { header, rows }, truth };
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(since);
  return Math.round((c.user + c.system) / 1000);
}

/** One data set deduplicated: its size, pairwise precision / recall / F1 against the truth, and the time taken. */
export function qualityRow(name: string, table: Table, roles: Roles, truth: string[]): Row {
  const t0 = Date.now();
  const c0 = process.cpuUsage();
  const { report, table: out } = dedupeTable(table, roles);
  const ms = Date.now() - t0;
  const groupCol = out.header.indexOf('CDM Duplicate Group');
  const q = pairwiseQuality(out.rows.map((r) => r[groupCol] as number | ''), truth);
  return {
    data: name, rows: table.rows.length, candidatePairs: report.candidatePairs,
    precision: +q.precision.toFixed(4), recall: +q.recall.toFixed(4), f1: +q.f1.toFixed(4),
    reviewPairs: report.reviewPairs, dedupeMs: ms, cpuMs: cpuMs(c0),
  };
}

function mb(bytes: number): number {
  return Math.round(bytes / 1048576);
}

/** A generated sheet as the pipeline sees it before dedupe: roles detected, values normalised. */
export function normalisedSample(rows: number, seed: number): { table: Table; roles: Roles; truth: string[]; normaliseMs: number } {
  const s = generateSample({ rows, seed });
  const t0 = Date.now();
  const roles = detectRoles(s.table).roles;
  const table = normaliseTable(s.table, roles).table;
  return { table, roles, truth: s.truth, normaliseMs: Date.now() - t0 };
}

export interface LabelledSet { name: string; table: Table; roles: Roles; truth: string[] }

/** The data sets with a known answer that every dedupe figure starts with: FEBRL1, FEBRL2, the 2k sample at two seeds. */
export function* labelledSets(): Generator<LabelledSet> {
  for (const name of ['febrl1', 'febrl2'] as const) {
    const { table, truth } = loadFebrl(name);
    yield { name: name.toUpperCase(), table, roles: FEBRL_ROLES, truth };
  }
  for (const seed of [42, 7]) {
    const s = normalisedSample(2000, seed);
    yield { name: `sample 2k seed ${seed}`, table: s.table, roles: s.roles, truth: s.truth };
  }
}

export function benchDedupe(sizes: number[] = [10000, 50000, 100000]): Row[] {
  const rows: Row[] = [];
  for (const set of labelledSets()) rows.push(qualityRow(set.name, set.table, set.roles, set.truth));
  let first = 0;
  for (const n of sizes.slice().sort((a, b) => a - b)) {
    const s = normalisedSample(n, 7);
    const row = qualityRow(`sample ${n / 1000}k`, s.table, s.roles, s.truth);
    if (!first) first = row.dedupeMs as number;
    rows.push({
      ...row, normaliseMs: s.normaliseMs,
      dedupeGrowth: +((row.dedupeMs as number) / first).toFixed(2),
      peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
    });
  }
  return rows;
}

// Bundled, every module is `require.main`: only run alone when the entry file is named after
// this one (tools/bench/dedupe.ts, or a bundle such as /tmp/dedupe.cjs).
if (require.main === module && /(^|[\\/])dedupe(\.[cm]?[jt]s)?$/.test(process.argv[1] ?? '')) {
  const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
  console.table(benchDedupe(sizes.length ? sizes : undefined));
}
