/**
 * The sidebar's state and the few actions every panel shares. Views read `app` and call these
 * actions; every action ends in render(), which rebuilds the current view from state. State
 * that only one panel needs lives in that panel's file.
 */
import type { RunOptions, RunProgress, RunSummary, SidebarState } from '../src/rpc';
import { getView, hasView } from './registry';
import { call, errorMessage } from './server';

export type ViewName = string;

export interface AppState {
  state: SidebarState | null;
  view: ViewName;
  options: RunOptions;
  /** Stop before writing and show the preview panel (on unless the user turns it off). */
  previewFirst: boolean;
  progress: RunProgress | null;
  /** Highest fraction shown so far in this run: the bar never moves backwards. */
  shownFraction: number;
  summary: RunSummary | null;
  running: boolean;
  busy: boolean;
  error: string | null;
  notice: string | null;
}

export const app: AppState = {
  state: null,
  view: 'main',
  options: { mode: 'flag', region: 'US', inPlace: true, k: 'auto' },
  previewFirst: true,
  progress: null,
  shownFraction: 0,
  summary: null,
  running: false,
  busy: false,
  error: null,
  notice: null,
};

let renderer: () => void = () => undefined;
export function setRenderer(fn: () => void): void {
  renderer = fn;
}
export function render(): void {
  renderer();
}

export function parseView(value: string | undefined | null): ViewName {
  return hasView(value) ? value : 'main';
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
      // A remembered target that is no longer a valid one is not sent.
      if (app.options.target && state.targets && !state.targets.includes(app.options.target)) delete app.options.target;
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
  app.view = parseView(view);
  app.error = null;
  app.notice = null;
  render();
  await getView(app.view)?.enter?.();
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
