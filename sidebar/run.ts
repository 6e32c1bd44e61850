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
  if (app.previewFirst) options.preview = true;
  else delete options.preview;
  app.progress = null;
  app.shownFraction = 0;
  await drive(() => call('startRun', options));
}

/**
 * Follows a run from its first answer until it is done, fails, or stops for the user's look
 * before writing (RunProgress.preview: the preview panel takes over, and confirmRun or
 * cancelRun goes on from there).
 */
export async function drive(first: () => Promise<RunProgress>): Promise<void> {
  if (app.running) return;
  app.running = true;
  app.error = null;
  app.notice = null;
  app.view = 'run';
  render();
  let paused = false;
  try {
    let p = await first();
    acceptProgress(p);
    while (!p.done && !p.error && !p.preview) {
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
    else if (p.preview && !p.done) {
      paused = true;
      app.progress = p;
      app.view = 'preview';
    }
  } catch (e) {
    app.error = errorMessage(e);
  } finally {
    app.running = false;
    render();
  }
  if (!paused) await refreshState();
}
