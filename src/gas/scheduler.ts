/**
 * Everything time-driven, through ONE time-based trigger per document (an add-on may have one of each type).
 *
 * Google's rules for an Editor add-on: one installable trigger of each type per user per
 * document, time-driven ones at most hourly, and none at all in a test deployment. So:
 * - The sidebar drives a run (continueRun after each execution); the trigger is only the
 *   fallback when the sidebar is closed, firing hourly.
 * - One handler, `onCdmTimer`, does all the background work: it carries on an unfinished run
 *   and adds the form responses that had to wait. When nothing is left it deletes itself.
 * - Triggers are found with getUserTriggers(this spreadsheet), never getProjectTriggers (which
 *   lists the user's triggers in every document).
 * - Every create() is guarded: a refusal (test deployment, the user's 20 triggers, a second
 *   trigger of the type) is a plain "no background work here", never a crash; the sidebar
 *   then stays the driver and waiting responses are handled on the next open, run or
 *   submission (processPendingWork).
 */
export const TIMER_HANDLER = 'onCdmTimer';
/** Handlers installed by earlier versions (two 60-second one-shot timers): removed on sight. */
export const OLD_HANDLERS = ['continueRunFromTrigger', 'processWaitingResponses'];
export const TIMER_HOURS = 1;

type Trigger = GoogleAppsScript.Script.Trigger;

function documentTriggers(): Trigger[] {
  try {
    return ScriptApp.getUserTriggers(SpreadsheetApp.getActiveSpreadsheet());
  } catch {
    return []; // no permission to manage triggers here (e.g. AuthMode.LIMITED)
  }
}

const isClock = (t: Trigger): boolean => {
  try {
    return t.getEventType() === ScriptApp.EventType.CLOCK;
  } catch {
    return false;
  }
};

export function timerTriggers(): Trigger[] {
  return documentTriggers().filter((t) => isClock(t) && t.getHandlerFunction() === TIMER_HANDLER);
}

/** Deletes time-based triggers of earlier versions (and stray copies of ours beyond the first). */
function tidy(all: Trigger[]): Trigger[] {
  const kept: Trigger[] = [];
  for (const t of all) {
    if (!isClock(t)) continue;
    const handler = t.getHandlerFunction();
    const stray = OLD_HANDLERS.includes(handler) || (handler === TIMER_HANDLER && kept.length > 0);
    if (!stray) {
      if (handler === TIMER_HANDLER) kept.push(t);
      continue;
    }
    try {
      ScriptApp.deleteTrigger(t);
    } catch {
      // Leave it: it finds nothing to do and is removed next time.
    }
  }
  return kept;
}

/**
 * Makes sure the hourly trigger exists. Returns false when it cannot be made here; the
 * caller says so in plain words (the sidebar must stay open), nothing else changes.
 */
export function ensureTimer(): boolean {
  const kept = tidy(documentTriggers());
  if (kept.length > 0) return true;
  try {
    ScriptApp.newTrigger(TIMER_HANDLER).timeBased().everyHours(TIMER_HOURS).create();
    return true;
  } catch (err) {
    console.warn(`CDM could not create its hourly trigger: ${String(err)}`);
    return false;
  }
}

/** Removes the trigger (nothing left to do in the background). */
export function clearTimer(): void {
  for (const t of documentTriggers()) {
    if (!isClock(t) || (t.getHandlerFunction() !== TIMER_HANDLER && !OLD_HANDLERS.includes(t.getHandlerFunction()))) continue;
    try {
      ScriptApp.deleteTrigger(t);
    } catch {
      // It will find nothing to do and try again to remove itself.
    }
  }
}
