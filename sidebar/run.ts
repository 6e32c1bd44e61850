/**
 * Drives a run from the sidebar: startRun, then continueRun until it is done (each call is one
 * Apps Script execution). While a call works, progress is polled from the document cache
 * (getProgress), soon at first and then less and less often until it moves again, so an
 * execution costs a handful of cheap cache reads instead of one properties read every 800 ms.
 *
 * A run is never started by a page: the menu's "Clean & analyze" sidebar carries a one-time
 * launch token (claimLaunch), and any sidebar that opens finds an unfinished run (getProgress) and
 * shows its card with Resume and Cancel. If another window (or the hourly trigger) is working
 * on the run, this one follows its progress and takes over when it stops.
 */
import type { Roles } from '../src/core/table';
import type { RunChoices, RunOptions, RunProgress, StepName } from '../src/rpc';
import { app, refreshState, render } from './app';
import { t } from './i18n';
import { call, errorMessage } from './server';

/** First poll this long after a call starts; each quiet poll waits longer, up to POLL_MAX_MS. */
export const POLL_FIRST_MS = 700;
export const POLL_GROWTH = 1.5;
export const POLL_MAX_MS = 8000;
/** How long a run may show no sign of life while another window has it before this one takes over. */
export const TAKE_OVER_AFTER_MS = 7 * 60 * 1000;

/** What the run card needs besides app.progress. */
export const runUi: {
  cancelling: boolean;
  /** Another window or the background holds the run; this sidebar follows. */
  elsewhere: boolean;
  previewHandler: ((p: RunProgress) => void) | null;
} = { cancelling: false, elsewhere: false, previewHandler: null };

/**
 * The preview panel (sidebar engineer) registers here: it is called when a run stops in its
 * 'preview' phase, and answers with confirmRun / cancelRun below.
 */
export function setPreviewHandler(handler: ((p: RunProgress) => void) | null): void {
  runUi.previewHandler = handler;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The run stopped before writing and waits for the user's choices (RunProgress.preview). */
const waitsForUser = (p: RunProgress): boolean => p.phase === 'preview' || (!!p.preview && !p.done && !p.error);

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

/** Polls getProgress while `busy` holds, backing off while nothing changes. */
function follow(runId: string): { stop(): void } {
  let stopped = false;
  let delay = POLL_FIRST_MS;
  let last = '';
  const tick = () => {
    if (stopped) return;
    call('getProgress').then(
      (p) => {
        if (stopped || !p || p.runId !== runId) return;
        const seen = `${p.phase}|${p.stepIndex}|${p.fraction}|${p.updatedAt}`;
        delay = seen === last ? Math.min(POLL_MAX_MS, delay * POLL_GROWTH) : POLL_FIRST_MS;
        last = seen;
        acceptProgress(p);
      },
      () => undefined,
    );
    timer = setTimeout(tick, delay);
  };
  let timer = setTimeout(tick, delay);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
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

function begin(): void {
  app.running = true;
  app.error = null;
  app.notice = null;
  app.view = 'run';
  runUi.elsewhere = false;
  render();
}

async function end(): Promise<void> {
  app.running = false;
  render();
  await refreshState();
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
  begin();
  try {
    const p = await call('startRun', options);
    if (p.existing) {
      // An unfinished run: nothing was started; its card offers Resume and Cancel.
      app.progress = p;
      app.shownFraction = Math.max(0, Math.min(1, p.fraction));
      return;
    }
    acceptProgress(p);
    await drive(p);
  } catch (e) {
    app.error = errorMessage(e);
  } finally {
    await end();
  }
}

/** Carries an unfinished run on from this sidebar (the card's Resume). */
export async function resumeRun(): Promise<void> {
  const p = app.progress;
  if (app.running || !p || p.done) return;
  begin();
  try {
    await drive(p);
  } catch (e) {
    app.error = errorMessage(e);
  } finally {
    await end();
  }
}

/** After a preview: write with the user's choices (or run the steps again in the mode they need). */
export async function confirmRun(choices: RunChoices): Promise<void> {
  const p = app.progress;
  if (app.running || !p || !waitsForUser(p)) return;
  begin();
  try {
    const next = await call('confirmRun', p.runId, choices);
    acceptProgress(next);
    await drive(next);
  } catch (e) {
    app.error = errorMessage(e);
  } finally {
    await end();
  }
}

/**
 * The card's (or the preview panel's) Cancel: every sheet stays as it was before the run. From
 * the preview, the sidebar goes back to the options and says nothing was written.
 */
export async function cancelRun(): Promise<void> {
  const p = app.progress;
  if (!p || p.done || runUi.cancelling) return;
  const fromPreview = waitsForUser(p);
  runUi.cancelling = true;
  render();
  try {
    let next = await call('cancelRun', p.runId);
    // Asked while an execution works on it: that execution stops after its current step.
    while (!next.done) {
      await wait(POLL_FIRST_MS * 2);
      next = (await call('getProgress')) ?? next;
    }
    app.shownFraction = 0;
    if (fromPreview) {
      app.progress = null;
      app.view = 'main';
      app.notice = t('previewCancelled');
    } else {
      app.progress = next;
    }
  } catch (e) {
    app.error = errorMessage(e);
  } finally {
    runUi.cancelling = false;
    render();
  }
  await refreshState();
}

/** continueRun until the run ends or waits for the user (preview), following another driver when there is one. */
async function drive(start: RunProgress): Promise<void> {
  let p = start;
  while (!p.done && !p.error && !waitsForUser(p)) {
    const poll = follow(p.runId);
    try {
      p = await call('continueRun', p.runId);
    } finally {
      poll.stop();
    }
    runUi.elsewhere = !!p.busy;
    if (p.busy) {
      render();
      p = await followElsewhere(p);
    }
    acceptProgress(p);
  }
  if (p.error) app.error = p.error;
  if (waitsForUser(p) && runUi.previewHandler) runUi.previewHandler(p);
}

/** Follows a run another execution holds until it moves on, ends, or shows no sign of life for long. */
async function followElsewhere(p: RunProgress): Promise<RunProgress> {
  let delay = POLL_FIRST_MS;
  let latest = p;
  let lastChange = Date.now();
  for (;;) {
    await wait(delay);
    const now = await call('getProgress').catch(() => null);
    if (!now || now.runId !== p.runId) return latest;
    if (now.done || waitsForUser(now)) return now;
    if (now.updatedAt !== latest.updatedAt || now.stepIndex !== latest.stepIndex) {
      lastChange = Date.now();
      delay = POLL_FIRST_MS;
      latest = now;
      acceptProgress(now);
      // The other execution finished a stretch: try to carry on from here.
      return now;
    }
    delay = Math.min(POLL_MAX_MS, delay * POLL_GROWTH);
    if (Date.now() - lastChange > TAKE_OVER_AFTER_MS) return latest;
  }
}

/**
 * On opening: a sidebar the menu opened to run starts its run once (its launch token, with
 * `extra` options: the preview unless turned off); any sidebar shows an unfinished run's card
 * (SidebarState.run). Returns whether a run card is shown.
 */
export async function openRun(launch: string | null, toRunView: boolean, extra: Partial<RunOptions> = {}): Promise<boolean> {
  if (launch && (await call('claimLaunch', launch).catch(() => false))) {
    await startRun(undefined, extra);
    return true;
  }
  const p = app.state?.run ?? null;
  if (!p || p.done) return false;
  app.progress = p;
  app.shownFraction = Math.max(0, Math.min(1, p.fraction));
  if (toRunView) app.view = 'run';
  render();
  if (waitsForUser(p) && runUi.previewHandler) runUi.previewHandler(p);
  return true;
}
