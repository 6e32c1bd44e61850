/**
 * Shared set-up of the sidebar's hostile cases and browser tests: the generated sample sheet
 * with a re-entered customer whose pair lands in the review band, and a runtime that has run
 * CDM on it once (so CDM Review holds pairs to decide).
 */
import { runPipeline } from '../../src/core/pipeline';
import { generateSample } from '../../src/core/sample';
import type { Table } from '../../src/core/table';
import { CUSTOMERS, FLAG, newRuntime, type Runtime } from '../gas/helpers';

type Row = Table['rows'][number];

/**
 * Re-entries of a customer that a matcher may well be unsure about: someone who moved (same
 * name and e-mail or phone, everything else new), or whose e-mail got a typo. Each copies the
 * named columns of customer `src` onto the row of another customer.
 */
const CANDIDATES: Array<{ keep: string[]; src: number; typo?: boolean }> = [
  { keep: ['Name', 'Email'], src: 5 },
  { keep: ['Name', 'Email'], src: 10 },
  { keep: ['Name', 'Phone'], src: 40 },
  { keep: ['Name', 'Email', 'City', 'Country'], src: 10 },
  { keep: ['Name', 'Phone', 'City', 'Country'], src: 5 },
  { keep: ['Email'], src: 30, typo: true },
  { keep: ['Name', 'Street', 'City', 'Postcode', 'Country'], src: 40 },
  { keep: ['Name', 'Email'], src: 20 },
  { keep: ['Name', 'Phone'], src: 50 },
];

/**
 * The generated sample sheet as a CSV, with a customer named `markup` first (so the sidebar
 * shows it as a column sample) and one re-entered customer whose pair lands in the review band.
 * The matcher is tuned by others as it improves, so this does not hard-code which re-entry is
 * uncertain: it asks the same core pipeline the server runs (clean + dedupe) and plants the
 * first candidate that lands in review.
 */
export function plantedReviewTable(opts: { markup?: string; rows?: number; seed?: number } = {}): Table {
  const { table } = generateSample({ rows: opts.rows ?? 200, seed: opts.seed ?? 1 });
  const col = (name: string) => table.header.indexOf(name);
  const first = table.rows[0].slice();
  if (opts.markup) {
    first[col('Name')] = opts.markup;
    first[col('Email')] = 'markup@example.com';
  }
  let chosen: Row[] | null = null;
  for (const c of CANDIDATES) {
    const twin = table.rows[150 + (c.src % 50)].slice();
    for (const k of c.keep) twin[col(k)] = table.rows[c.src][col(k)];
    if (c.typo) twin[col('Name')] = String(table.rows[c.src][col('Name')]).slice(0, -1) + 'y';
    const rows = opts.markup ? [first, ...table.rows, twin] : [...table.rows, twin];
    // seed 1: the options the server's run uses (src/gas/run.ts), so the band here is the band there.
    const state = runPipeline({ header: table.header, rows }, { steps: ['clean', 'dedupe'], region: 'US', seed: 1 });
    const twinIndex = rows.length - 1;
    const pairs = state.reports.dedupe?.pairs ?? [];
    if (pairs.some((p) => p.band === 'review' && (p.a === twinIndex || p.b === twinIndex))) {
      chosen = rows;
      break;
    }
  }
  if (!chosen) throw new Error('none of the planted re-entries lands in the review band with the current matcher: add a candidate');
  return { header: table.header, rows: chosen };
}

export interface ReviewPairView {
  id: string;
  a: { row: number; values: Record<string, string> };
  b: { row: number; values: Record<string, string> };
  score: number;
}

/** A runtime whose customer sheet has been run through CDM once, with its review queue. */
export function reviewRuntime(opts: { locale?: string } = {}): { rt: Runtime; queue: ReviewPairView[] } {
  const rt = newRuntime({ locale: opts.locale ?? 'en_US' });
  const table = plantedReviewTable();
  rt.fillSheet(CUSTOMERS, [table.header, ...table.rows]);
  const ex = rt.run('startRun', [FLAG]);
  if (ex.error) throw new Error(ex.error.text);
  const q = rt.run('getReviewQueue', []);
  if (q.error) throw new Error(q.error.text);
  const queue = q.result as ReviewPairView[];
  if (queue.length === 0) throw new Error('the planted pair did not reach the review queue');
  return { rt, queue };
}

