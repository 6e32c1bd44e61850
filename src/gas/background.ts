/**
 * The work CDM does without the user watching: the hourly trigger's handler, and the pending
 * work any other execution picks up on its way (the sidebar opening, a run starting or ending,
 * a form submission) so that nothing waits for a trigger that may not exist (test deployments).
 */
import { UserError } from './messages';
import { continueRunInBackground } from './run';
import { isFinished, loadRunMeta } from './run-state';
import { clearTimer } from './scheduler';
import { processWaitingResponses } from './form-submit';

/** Lock wait when pending work is picked up on the way (the sidebar must not hang on it). */
export const ON_THE_WAY_WAIT_MS = 2000;

/** The hourly trigger: waiting form responses, then the unfinished run; removes itself when idle. */
export function onTimer(): void {
  let formsLeft = false;
  try {
    formsLeft = processWaitingResponses() === null;
  } catch (err) {
    console.error(`CDM could not add waiting form responses: ${String(err)}`);
    formsLeft = true;
  }
  let runLeft = false;
  try {
    runLeft = continueRunInBackground();
  } catch (err) {
    // A failed run has recorded its plain message for the sidebar; nothing to retry.
    if (!(err instanceof UserError)) console.error(`CDM background run: ${String(err)}`);
    const meta = loadRunMeta();
    runLeft = !!meta && !isFinished(meta.phase);
  }
  if (!formsLeft && !runLeft) clearTimer();
}

/**
 * Waiting form responses, added now if the lock is free within a moment. Never throws: the
 * caller (opening the sidebar, starting a run) goes on whatever happens here.
 */
export function processPendingWork(): void {
  try {
    processWaitingResponses(ON_THE_WAY_WAIT_MS);
  } catch (err) {
    console.warn(`CDM could not add waiting form responses now: ${String(err)}`);
  }
}
