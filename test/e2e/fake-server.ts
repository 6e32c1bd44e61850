/**
 * A stand-in for the Apps Script server inside the page: google.script.run with the functions
 * the sidebar calls (src/entrypoints.ts), answering asynchronously like the real one. Every call is
 * recorded in window.__calls so tests can check what the sidebar sent.
 * installFakeServer runs in the browser (page.addInitScript), so it must be self-contained.
 */
import type { FormInfo, ReviewPair, RunSummary, SidebarState } from '../../src/rpc';

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
  /** What undoRun answers (undo engineer's view); a plain success when absent. */
  undoResult?: unknown;
}

export function installFakeServer(config: FakeConfig): void {
  // Runs in the page, where globalThis is window (tests are typechecked without DOM types).
  const w = globalThis as unknown as Record<string, unknown>;
  const calls: Array<{ fn: string; args: unknown[] }> = [];
  w.__calls = calls;
  const stepNames = ['clean', 'dedupe', 'impute', 'analyze'];
  let run: { runId: string; at: number } | null = null;
  let review = config.review.slice();
  const claimed: string[] = [];
  let form = config.form;
  const progress = () => {
    const at = run ? run.at : 0;
    const done = at >= config.steps;
    const idx = Math.min(stepNames.length - 1, Math.floor((at / config.steps) * stepNames.length));
    return {
      runId: run ? run.runId : '',
      step: stepNames[idx],
      stepIndex: idx,
      stepCount: stepNames.length,
      fraction: at / config.steps,
      done,
      summary: done ? config.summary : undefined,
    };
  };
  const api: Record<string, (...args: unknown[]) => unknown> = {
    getSidebarState: () => config.state,
    startRun: () => {
      run = { runId: 'run-1', at: 0 };
      return progress();
    },
    continueRun: () => {
      if (run) run.at = Math.floor(run.at) + 1;
      return progress();
    },
    getProgress: () => (run ? progress() : null),
    // The menu's start token is good once (a reload must not start another run).
    claimStart: (token: unknown) => {
      if (claimed.includes(String(token))) return false;
      claimed.push(String(token));
      return true;
    },
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
