/**
 * The sidebar's state and the few actions that change it. Views read `app` and call these
 * actions; every action ends in render(), which rebuilds the current view from state.
 */
import type { FormInfo, ReviewPair, RunOptions, RunProgress, RunSummary, SidebarState } from '../src/rpc';
import { call, errorMessage } from './server';

export type ViewName = 'main' | 'run' | 'review' | 'form' | 'undo' | 'help';
export const VIEWS: ViewName[] = ['main', 'run', 'review', 'form', 'undo', 'help'];

export interface AppState {
  state: SidebarState | null;
  view: ViewName;
  options: RunOptions;
  progress: RunProgress | null;
  /** Highest fraction shown so far in this run: the bar never moves backwards. */
  shownFraction: number;
  summary: RunSummary | null;
  running: boolean;
  busy: boolean;
  error: string | null;
  notice: string | null;
  review: ReviewPair[] | null;
  form: FormInfo | null | undefined;
}

export const app: AppState = {
  state: null,
  view: 'main',
  options: { mode: 'flag', region: 'US', inPlace: true, k: 'auto' },
  progress: null,
  shownFraction: 0,
  summary: null,
  running: false,
  busy: false,
  error: null,
  notice: null,
  review: null,
  form: undefined,
};

let renderer: () => void = () => undefined;
export function setRenderer(fn: () => void): void {
  renderer = fn;
}
export function render(): void {
  renderer();
}

export function parseView(value: string | undefined | null): ViewName {
  return VIEWS.includes(value as ViewName) ? (value as ViewName) : 'main';
}

/**
 * Runs a server call with the busy flag set and any failure shown in plain words; `apply`
 * stores the answer before the view is drawn again.
 */
export async function guarded<T>(work: () => Promise<T>, apply: (value: T) => void = () => undefined): Promise<T | undefined> {
  app.busy = true;
  app.error = null;
  render();
  try {
    const value = await work();
    apply(value);
    return value;
  } catch (e) {
    app.error = errorMessage(e);
    return undefined;
  } finally {
    app.busy = false;
    render();
  }
}

export async function loadState(): Promise<void> {
  await guarded(
    () => call('getSidebarState'),
    (state) => {
      app.state = state;
      // The run works on the sheet whose columns the user is looking at.
      app.options = { sheet: state.sheetName, ...state.defaults, roles: rolesOf(state) };
      if (!app.summary && state.lastRun) app.summary = state.lastRun;
    },
  );
}

function rolesOf(state: SidebarState): Record<string, RoleValue> {
  const roles: Record<string, RoleValue> = {};
  for (const r of state.roles) roles[r.column] = r.role;
  return roles;
}
type RoleValue = SidebarState['roles'][number]['role'];

export async function refreshState(): Promise<void> {
  try {
    const state = await call('getSidebarState');
    app.state = state;
  } catch {
    // The view keeps the state it had; the next action will report a real problem.
  }
  render();
}

export async function showView(view: ViewName): Promise<void> {
  app.view = view;
  app.error = null;
  app.notice = null;
  render();
  if (view === 'review') await loadReview();
  if (view === 'form') await loadForm();
}

export async function loadReview(): Promise<void> {
  await guarded(
    () => call('getReviewQueue'),
    (pairs) => {
      app.review = pairs;
    },
  );
}

export async function decide(id: string, decision: 'accept' | 'reject'): Promise<void> {
  const res = await guarded(
    () => call('decideReview', id, decision),
    (r) => {
      app.review = (app.review ?? []).filter((p) => p.id !== id);
      if (app.state) app.state = { ...app.state, reviewCount: r.remaining };
    },
  );
  if (res && app.review?.length === 0 && res.remaining > 0) await loadReview();
}

export async function loadForm(): Promise<void> {
  await guarded(
    () => call('getFormInfo'),
    (info) => (app.form = info),
  );
}

export async function createForm(): Promise<void> {
  await guarded(
    () => call('createIntakeForm'),
    (info) => (app.form = info),
  );
}

export async function removeTrigger(): Promise<void> {
  await guarded(
    () => call('removeFormTrigger'),
    (info) => (app.form = info),
  );
}

export async function undo(): Promise<void> {
  const res = await guarded(
    () => call('undoLastRun'),
    (r) => {
      app.notice = r.message;
      if (r.restored) app.summary = null;
    },
  );
  if (res) await refreshState();
}

export function selectRange(sheet: string, a1: string): void {
  call('selectRange', sheet, a1).catch((e) => {
    app.error = errorMessage(e);
    render();
  });
}
