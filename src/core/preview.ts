/**
 * Preview before writing: what a finished pipeline state would change, by kind,
 * with a few examples; and the state narrowed to the user's choices (don't fill gaps, flag
 * duplicates only, only some CDM columns). Pure: the add-on shows the first and writes the
 * second; nothing here touches a sheet.
 */
import type { PipelineState } from './pipeline';
import { CDM_COLUMNS, isCdmColumn, type Cell, type Change } from './table';
import { ChangeLog, asChangeLog } from './changes';
import type { DedupeMode } from './settings';

/** What a run will change, by kind, shown before anything is written (src/rpc.ts re-exports these). */
export type ChangeKindShown = 'duplicates' | 'cleaned' | 'filled' | 'flagged' | 'columns';

export interface PreviewKind {
  kind: ChangeKindShown;
  /** Cells (or rows, for duplicates; columns, for columns) the run would change. */
  count: number;
  /** A few examples, sheet rows 1-based as the user sees them. */
  sample: Array<{ row: number; column: string; old: string; new: string; reason: string }>;
}

export interface RunPreview {
  kinds: PreviewKind[];
}

/** The user's choice per kind, after the preview. */
export interface RunChoices {
  duplicates: 'flag' | 'merge' | 'skip';
  cleaned: boolean;
  filled: boolean;
  /** CDM result columns to write (all when absent). */
  columns?: string[];
}

/** Examples shown per kind. */
export const SAMPLES = 5;
/** The columns the dedupe step writes (flag mode). */
const DUPLICATE_COLUMNS = ['CDM Duplicate Group', 'CDM Duplicate Of', 'CDM Match Score', 'CDM Match Reason'];
const FLAGS = 'CDM Flags';

const text = (v: Cell | undefined): string => {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  return v === undefined || v === null ? '' : String(v);
};

/** A sheet row as the user sees it before the run: data row 0 is sheet row 2. */
const sheetRow = (row: number): number => row + 2;

function sample(c: Change): PreviewKind['sample'][number] {
  return { row: sheetRow(c.row), column: c.column, old: text(c.old), new: text(c.new), reason: c.reason };
}

function kindOf(kind: ChangeKindShown, changes: Change[], count = changes.length): PreviewKind {
  return { kind, count, sample: changes.slice(0, SAMPLES).map(sample) };
}

/**
 * Rows marked as duplicates, read from the table's `CDM Duplicate Of` column (the add-on keeps no
 * per-cell changes of CDM's own columns), with the match reason as the why.
 */
function duplicatesMarked(state: PipelineState, count: number | null): PreviewKind {
  const at = state.table.header.indexOf('CDM Duplicate Of');
  const why = state.table.header.indexOf('CDM Match Reason');
  const sample: PreviewKind['sample'] = [];
  let marked = 0;
  if (at >= 0) {
    state.table.rows.forEach((r, i) => {
      if (r[at] === '' || r[at] === null || r[at] === undefined) return;
      marked++;
      if (sample.length < SAMPLES) sample.push({ row: sheetRow(state.rowOrigin[i]), column: 'CDM Duplicate Of', old: '', new: text(r[at]), reason: why >= 0 ? text(r[why]) : '' });
    });
  }
  return { kind: 'duplicates', count: count ?? marked, sample };
}

/** Counts and examples of what writing `state` over a sheet with `header` would change. */
export function buildPreview(state: PipelineState, header: string[]): RunPreview {
  const byKind = (k: Change['kind']) => state.changes.filter((c) => c.kind === k);
  const dedupe = state.reports.dedupe;
  const removed = dedupe?.removed ?? [];
  const duplicates: PreviewKind = removed.length
    ? {
        kind: 'duplicates',
        count: removed.length,
        sample: removed.slice(0, SAMPLES).map((r) => ({ row: sheetRow(r.row), column: '', old: '', new: String(sheetRow(r.mergedInto)), reason: 'merge' })),
      }
    : duplicatesMarked(state, dedupe ? dedupe.duplicateRows : null);
  const before = new Set(header);
  const added = state.table.header.filter((h) => !before.has(h));
  return {
    kinds: [
      duplicates,
      kindOf('cleaned', byKind('normalise')),
      kindOf('filled', byKind('impute')),
      kindOf('flagged', byKind('flag')),
      { kind: 'columns', count: added.length, sample: added.slice(0, SAMPLES).map((h) => ({ row: 1, column: h, old: '', new: h, reason: '' })) },
    ],
  };
}

/**
 * The dedupe mode a choice needs when it differs from the run's: merging rows (or keeping
 * rows a merge removed) changes every later step, so the steps run again in that mode.
 */
export function modeForChoice(runMode: DedupeMode, choices: RunChoices): DedupeMode | null {
  if (choices.duplicates === 'merge') return runMode === 'merge' ? null : 'merge';
  return runMode === 'merge' ? 'flag' : null;
}

interface Cellref {
  at: number;
  k: number;
}

/**
 * The state with only what the user chose: cleaned values put back as read, filled gaps left
 * empty, duplicate marks left out, CDM columns left out — and the matching changes dropped, so
 * the audit and the undo record list exactly what is written. A choice that needs another
 * dedupe mode is not handled here (modeForChoice).
 */
export function applyChoices(state: PipelineState, choices: RunChoices): PipelineState {
  const header = state.table.header.slice();
  const rows = state.table.rows.map((r) => r.slice());
  const position = new Map<number, number>();
  state.rowOrigin.forEach((o, i) => position.set(o, i));
  const columnAt = new Map(header.map((h, k) => [h, k]));
  const ref = (c: Change): Cellref | null => {
    const at = position.get(c.row);
    const k = columnAt.get(c.column);
    return at === undefined || k === undefined ? null : { at, k };
  };
  const dropColumns = new Set<string>();
  if (choices.duplicates === 'skip') for (const h of DUPLICATE_COLUMNS) dropColumns.add(h);
  if (choices.columns) {
    const keep = new Set(choices.columns);
    for (const h of CDM_COLUMNS) if (!keep.has(h)) dropColumns.add(h);
  }

  // Cells put back: the value the cell had before the first change of a dropped kind (and the
  // place of that change in the log: what came before it on the cell stays).
  const revert = new Map<string, Cell>();
  const revertFrom = new Map<string, number>();
  const keyOf = (r: Cellref) => `${r.at}:${r.k}`;
  const dropKind = (c: Change): boolean =>
    (!choices.cleaned && c.kind === 'normalise') || (!choices.filled && c.kind === 'impute');
  const all = asChangeLog(state.changes);
  for (let i = 0; i < all.length; i++) {
    const c = all.get(i);
    if (!dropKind(c) || (isCdmColumn(c.column) && !isCleanedCopy(c.column, header))) continue;
    const r = ref(c);
    if (r && !revert.has(keyOf(r))) {
      revert.set(keyOf(r), c.old);
      revertFrom.set(keyOf(r), i);
    }
  }
  // A gap CDM filled after clearing a placeholder stays as typed when cleaning is declined; a
  // placeholder cleared to a gap stays cleared when only the filling is declined.
  const changes: Change[] = [];
  const flagNotes = new Map<number, string[]>();
  for (let i = 0; i < all.length; i++) {
    const c = all.get(i);
    if (dropColumns.has(c.column)) continue;
    const r = ref(c);
    const from = r ? revertFrom.get(keyOf(r)) : undefined;
    const reverted = from !== undefined && i >= from;
    if (dropKind(c) || (reverted && (c.kind === 'impute' || c.kind === 'normalise' || c.kind === 'merge'))) {
      if (c.kind === 'impute' && r) {
        const notes = flagNotes.get(r.at) ?? [];
        notes.push(`${c.column} estimated (${c.method ?? 'estimate'})`);
        flagNotes.set(r.at, notes);
      }
      continue;
    }
    changes.push(c);
  }
  for (const [key, value] of revert) {
    const [at, k] = key.split(':').map(Number);
    rows[at][k] = value;
  }
  // The "X estimated (method)" notes of gaps left empty go from CDM Flags.
  const flagsAt = columnAt.get(FLAGS);
  if (flagsAt !== undefined) {
    for (const [at, notes] of flagNotes) {
      const kept = String(rows[at][flagsAt] ?? '').split('; ').filter((n) => n !== '' && !notes.includes(n));
      rows[at][flagsAt] = kept.join('; ');
    }
  }
  const keepAt = header.map((h, k) => (dropColumns.has(h) ? -1 : k)).filter((k) => k >= 0);
  const table = keepAt.length === header.length ? { header, rows } : { header: keepAt.map((k) => header[k]), rows: rows.map((r) => keepAt.map((k) => r[k])) };

  const reports = { ...state.reports };
  if (!choices.cleaned && reports.clean) reports.clean = { ...reports.clean, changed: 0 };
  if (!choices.filled && reports.impute) reports.impute = { ...reports.impute, columns: reports.impute.columns.map((c) => ({ ...c, filled: 0 })) };
  if (choices.duplicates === 'skip') delete reports.dedupe;
  return { ...state, table, changes: ChangeLog.from(changes), reports };
}

/** `CDM X` holding the cleaned values of user column X (RunOptions.inPlace false). */
function isCleanedCopy(column: string, header: string[]): boolean {
  if (!column.startsWith('CDM ') || (CDM_COLUMNS as readonly string[]).includes(column)) return false;
  const user = column.slice(4).replace(/ \(cleaned\)$/, '');
  return header.includes(user);
}
