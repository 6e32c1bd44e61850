/**
 * Drives one run: startRun, then continueRun until done. Each server call may take a while
 * (Apps Script runs them one execution at a time), so while one is in flight the sidebar
 * polls getProgress, which the server updates as it works.
 */
import type { Roles } from '../src/core/table';
import type { PreviewApi, RunChoices, RunOptions, RunProgress, StepName } from '../src/rpc';
import { app, refreshState, render } from './app';
import { t } from './i18n';
import { call, errorMessage } from './server';

const POLL_MS = 800;

let previewHandler: ((p: RunProgress) => void) | null = null;

/**
 * The preview panel registers here: it is called when a run stops before writing
 * (RunProgress.preview), and answers with confirmRun / cancelRun below.
 */
export function setPreviewHandler(handler: ((p: RunProgress) => void) | null): void {
  previewHandler = handler;
}

/**
 * confirmRun / cancelRun are the run state machine's (PreviewApi in src/rpc.ts); until they are
 * entry points, ServerApi does not list them, so they are called through this typed view of call().
 */
const callPreview = call as unknown as <K extends keyof PreviewApi>(name: K, ...args: Parameters<PreviewApi[K]>) => Promise<ReturnType<PreviewApi[K]>>;

/** After a preview: write with the user's choices, then follow the run to its end. */
export async function confirmRun(choices: RunChoices): Promise<void> {
  const p = app.progress;
  if (app.running || !p || !p.preview) return;
  await drive(() => callPreview('confirmRun', p.runId, choices));
}

/** After a preview: drop the run; every sheet stays as it was. */
export async function cancelRun(): Promise<void> {
  const p = app.progress;
  if (app.running || !p || p.done) return;
  app.busy = true;
  render();
  try {
    await callPreview('cancelRun', p.runId);
    app.progress = null;
    app.shownFraction = 0;
    app.view = 'main';
    app.notice = t('previewCancelled');
  } catch (e) {
    app.error = errorMessage(e);
  } finally {
    app.busy = false;
    render();
  }
  await refreshState();
}

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

export async function startRun(steps?: StepName[], extra: Partial<RunOptions> = {}): Promise<void> {
  if (app.running) return;
  const options: RunOptions = { ...app.options, ...extra };
  if (steps) options.steps = steps;
  else delete options.steps;
  const overrides = roleOverrides();
  if (overrides) options.roles = overrides;
  else delete options.roles;
  app.progress = null;
  app.shownFraction = 0;
  await drive(() => call('startRun', options));
}

/** Follows a run from its first answer until it is done, fails, or stops for the preview. */
async function drive(first: () => Promise<RunProgress>): Promise<void> {
  if (app.running) return;
  app.running = true;
  app.error = null;
  app.notice = null;
  app.view = 'run';
  render();
  let waiting = false;
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
      waiting = true;
      app.progress = p;
      if (previewHandler) previewHandler(p);
    }
  } catch (e) {
    app.error = errorMessage(e);
  } finally {
    app.running = false;
    render();
  }
  if (!waiting) await refreshState();
}
