/**
 * A stand-in for the Apps Script server inside the page: google.script.run with the functions
 * the sidebar calls (src/entrypoints.ts), answering asynchronously like the real one. Every call is
 * recorded in window.__calls so tests can check what the sidebar sent.
 * installFakeServer runs in the browser (page.addInitScript), so it must be self-contained.
 */
import type { FormInfo, FormPreview, ReviewPair, RunPreview, RunSummary, SidebarState } from '../../src/rpc';

export interface FakeConfig {
  state: SidebarState;
  summary: RunSummary;
  review: ReviewPair[];
  form: FormInfo | null;
  /** continueRun calls until done; each moves the run by 1/steps. */
  steps: number;
  /** Milliseconds each call takes. */
  delay: number;
  /** Per-function delays that replace `delay`. */
  delays?: Record<string, number>;
  /** continueRun reports half a step through getProgress while it is still working. */
  midway?: boolean;
  /** Server functions that fail, with the message they fail with. */
  failures?: Record<string, string>;
  /** What a run started with `preview: true` shows before writing (a default one when absent). */
  preview?: RunPreview;
  /** The answer of claimLaunch (the menu's one-time launch token). */
  launch?: boolean;
  /** The intake form's question preview. */
  formPreview?: FormPreview;
  /** What undoRun answers (undo engineer's view); a plain success when absent. */
  undoResult?: unknown;
}

export function installFakeServer(config: FakeConfig): void {
  // Runs in the page, where globalThis is window (tests are typechecked without DOM types).
  const w = globalThis as unknown as Record<string, unknown>;
  const calls: Array<{ fn: string; args: unknown[] }> = [];
  w.__calls = calls;
  const stepNames = ['clean', 'dedupe', 'impute', 'analyze'];
  let run: { runId: string; at: number; preview: boolean; confirmed: boolean } | null = null;
  let launchClaimed = false;
  const defaultPreview = {
    kinds: [
      { kind: 'duplicates', count: 4, sample: [{ row: 5, column: 'Name', old: 'Katherrine Lee', new: 'group 1', reason: 'same e-mail as row 9' }] },
      { kind: 'cleaned', count: 12, sample: [{ row: 3, column: 'Phone', old: '(415) 555-0132', new: '+14155550132', reason: 'phone written in international format' }] },
      { kind: 'filled', count: 2, sample: [{ row: 8, column: 'Age', old: '', new: '41', reason: 'estimated (median)' }] },
      { kind: 'flagged', count: 1, sample: [{ row: 4, column: 'Phone', old: '12', new: '12', reason: 'not a valid phone number: kept as typed' }] },
      { kind: 'columns', count: 3, sample: [
        { row: 1, column: 'CDM Duplicate Group', old: '', new: '', reason: '' },
        { row: 1, column: 'CDM Segment', old: '', new: '', reason: '' },
        { row: 1, column: 'CDM Churn Risk', old: '', new: '', reason: '' },
      ] },
    ],
  };
  let review = config.review.slice();
  let form = config.form;
  const progress = () => {
    const at = run ? run.at : 0;
    const waiting = !!run && run.preview && !run.confirmed && at >= config.steps;
    const done = at >= config.steps && !waiting;
    const idx = Math.min(stepNames.length - 1, Math.floor((at / config.steps) * stepNames.length));
    return {
      runId: run ? run.runId : '',
      step: stepNames[idx],
      stepIndex: idx,
      stepCount: stepNames.length,
      fraction: at / config.steps,
      done,
      summary: done ? config.summary : undefined,
      preview: waiting ? config.preview ?? defaultPreview : undefined,
    };
  };
  const api: Record<string, (...args: unknown[]) => unknown> = {
    getSidebarState: () => config.state,
    startRun: (options: unknown) => {
      run = { runId: 'run-1', at: 0, preview: !!(options as { preview?: boolean }).preview, confirmed: false };
      return progress();
    },
    confirmRun: () => {
      if (run) run.confirmed = true;
      return progress();
    },
    cancelRun: () => {
      const p = progress();
      run = null;
      return { ...p, done: true, preview: undefined };
    },
    claimLaunch: () => {
      const fresh = !!config.launch && !launchClaimed;
      launchClaimed = true;
      return fresh;
    },
    previewIntakeForm: () => config.formPreview ?? {
      sheet: 'Customers',
      questions: [
        { title: 'Name', kind: 'text', required: true, help: '', choices: [], column: 'Name' },
        { title: 'Email', kind: 'email', required: true, help: 'Please enter a valid e-mail address.', choices: [], column: 'Email' },
        { title: 'Product', kind: 'choice', required: false, help: '', choices: ['Tea', 'Soap'], column: 'Product' },
        { title: 'Consent', kind: 'consent', required: true, help: '', choices: ['I agree that my details are stored and used to contact me.'], column: 'Consent given' },
      ],
      skipped: [{ column: 'Total Spend', reason: 'your own figure (spend, counts, dates…): customers are never asked for it' }],
      consentColumn: 'Consent given',
    },
    decideReviews: (items: unknown) => {
      const ids = (items as Array<{ id: string }>).map((i) => i.id);
      review = review.filter((p) => !ids.includes(p.id));
      return { remaining: review.length, decided: ids.length };
    },
    continueRun: () => {
      if (run) run.at = Math.floor(run.at) + 1;
      return progress();
    },
    getProgress: () => (run ? progress() : null),
    getReviewQueue: () => review,
    decideReview: (id: unknown) => {
      review = review.filter((p) => p.id !== id);
      return { remaining: review.length };
    },
    undoLastRun: () => ({ restored: true, message: 'The sheet is back as it was before the last run.' }),
    clearGroupColours: () => ({ cleared: 12, message: 'Duplicate-group colours were removed from 12 cells.' }),
    undoRun: () =>
      config.undoResult ?? { restored: true, message: 'The run was undone.', runId: '', restoredCells: 1, keptCount: 0, kept: [], missingRows: 0 },
    createIntakeForm: () => {
      form = {
        formUrl: 'https://docs.google.com/forms/d/e/fake/viewform',
        editUrl: 'https://docs.google.com/forms/d/fake/edit',
        triggerInstalled: true,
        responseSheet: 'Form Responses 1',
        mapping: [
          { response: 'Your name', customer: 'Name' },
          { response: 'Comments', customer: null },
        ],
      };
      return form;
    },
    removeFormTrigger: () => {
      if (form) form = { ...form, triggerInstalled: false };
      return form;
    },
    getFormInfo: () => form,
    setColumnRole: (column: unknown, role: unknown) =>
      config.state.roles.map((r) => (r.column === column ? { ...r, role: (role ?? r.detected) as typeof r.role, fixed: role !== null } : r)),
    selectRange: () => undefined,
  };
  const runner = (ok?: (v: unknown) => void, fail?: (e: unknown) => void): Record<string, unknown> => {
    const r: Record<string, unknown> = {
      withSuccessHandler: (f: (v: unknown) => void) => runner(f, fail),
      withFailureHandler: (f: (e: unknown) => void) => runner(ok, f),
    };
    for (const name of Object.keys(api)) {
      r[name] = (...args: unknown[]) => {
        calls.push({ fn: name, args: JSON.parse(JSON.stringify(args)) });
        if (config.midway && name === 'continueRun' && run) run.at += 0.5;
        setTimeout(() => {
          const failure = config.failures && config.failures[name];
          if (failure) {
            if (fail) fail(new Error(failure));
            return;
          }
          const value = api[name](...args);
          // The real bridge sends JSON: undefined arrives as null, objects are copies.
          if (ok) ok(value === undefined ? null : JSON.parse(JSON.stringify(value)));
        }, config.delays && name in config.delays ? config.delays[name] : config.delay);
      };
    }
    return r;
  };
  w.google = { script: { run: runner(), host: { close: () => undefined } } };
}
