/**
 * Drives one run: startRun, then continueRun until done. Each server call may take a while
 * (Apps Script runs them one execution at a time), so while one is in flight the sidebar
 * polls getProgress, which the server updates as it works.
 */
import type { Roles } from '../src/core/table';
import type { RunOptions, RunProgress, StepName } from '../src/rpc';
import { app, refreshState, render } from './app';
import { call, errorMessage } from './server';

const POLL_MS = 800;

export function acceptProgress(p: RunProgress | null): void {
  if (!p) return;
  if (app.progress && p.runId !== app.progress.runId) return;
  const fraction = Math.max(app.shownFraction, Math.min(1, Math.max(0, p.fraction)));
  app.shownFraction = p.done ? 1 : fraction;
  // A poll answer can arrive after the final one; it must not replace it.
  if (app.progress?.done) return;
  app.progress = p;
  if (p.summary) app.summary = p.summary;
  render();
}

/**
 * RunOptions.roles holds overrides only: roles that differ from what CDM detected, or that the
 * user changed in this sidebar (so resetting a remembered override to the detected role counts).
 */
export function roleOverrides(): Roles | undefined {
  const out: Roles = {};
  for (const info of app.state?.roles ?? []) {
    const chosen = app.options.roles?.[info.column] ?? info.role;
    if (chosen !== info.detected || chosen !== info.role) out[info.column] = chosen;
  }
  return Object.keys(out).length ? out : undefined;
}

export async function startRun(steps?: StepName[]): Promise<void> {
  if (app.running) return;
  const options: RunOptions = { ...app.options };
  if (steps) options.steps = steps;
  else delete options.steps;
  const overrides = roleOverrides();
  if (overrides) options.roles = overrides;
  else delete options.roles;
  app.running = true;
  app.error = null;
  app.notice = null;
  app.progress = null;
  app.shownFraction = 0;
  app.view = 'run';
  render();
  try {
    let p = await call('startRun', options);
    acceptProgress(p);
    while (!p.done && !p.error) {
      const runId = p.runId;
      const timer = setInterval(() => {
        call('getProgress').then(acceptProgress, () => undefined);
      }, POLL_MS);
      try {
        p = await call('continueRun', runId);
      } finally {
        clearInterval(timer);
      }
      acceptProgress(p);
    }
    if (p.error) app.error = p.error;
  } catch (e) {
    app.error = errorMessage(e);
  } finally {
    app.running = false;
    render();
  }
  await refreshState();
}
