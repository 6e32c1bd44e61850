/**
 * Hostile catalogue, triggers an Editor add-on may have: one installable trigger
 * of each type per user per document, time-driven at most hourly, none at all in a test
 * deployment — and CDM keeps working within that: a run finishes from the sidebar with no
 * trigger, form responses that waited (a lock timeout, no trigger, an execution killed before it
 * marked its row) are added on the next sidebar open, once. The runtime refuses what Google
 * refuses (addOn rules, testDeployment), so a breach fails here. Run `npm run build` first.
 */
import { createRuntime, type Runtime } from '../../runtime/index';
import { CUSTOMER_HEADER, builtCode, customerRows, formIdOf } from '../forms/setup';
import { FLAG, HOUR, SAME_RUN, call, captureWorkbook, drive, expectSame, fresh, reference, type Progress } from './addon-exec-setup';

const CUSTOMERS = 'Customers';

function shop(opts: Parameters<typeof createRuntime>[0] = {}): Runtime {
  const rt = createRuntime({ code: builtCode(), locale: 'en_US', timeZone: 'Etc/UTC', now: Date.UTC(2025, 5, 30, 9), ...opts });
  rt.fillSheet(CUSTOMERS, [CUSTOMER_HEADER, ...customerRows(30)], { raw: true });
  rt.spreadsheet.deleteSheet(rt.sheet('Sheet1'));
  return rt;
}

interface FormInfo { formUrl: string; editUrl: string; triggerInstalled: boolean }

function intakeForm(rt: Runtime): { info: FormInfo; formId: string; consent: Record<string, string[]> } {
  const info = call<FormInfo>(rt, 'createIntakeForm');
  const formId = formIdOf(info);
  const form = rt.forms.get(formId)!;
  const consentItem = form.getItems().find((i) => i.getType() === 'CHECKBOX' && i.isRequired())!;
  return { info, formId, consent: { [consentItem.getTitle()]: [consentItem.getChoices()[0].getValue()] } };
}

const statusOf = (rt: Runtime, row: number): string => {
  const values = rt.sheetValues('Form Responses 1');
  const at = values[0].indexOf('CDM Status');
  return at < 0 ? '' : String(values[row - 1]?.[at] ?? '');
};
const customerNames = (rt: Runtime): string[] => rt.sheetValues(CUSTOMERS).slice(1).map((r) => String(r[0]));

describe('hostile: triggers: none in a test deployment, and the run still finishes', () => {
  test.each([
    ['refused (create throws)', true],
    ['inert (made, never fired)', 'inert'],
  ] as const)('hostile: triggers: test deployment %s: the sidebar drives the run to the same end', (_name, mode) => {
    const rt = fresh({ testDeployment: mode });
    const p = call(rt, 'startRun', FLAG);
    expect(p.background).toBe(mode === 'inert'); // made-but-inert cannot be told apart from working
    // The clock passing does nothing by itself (no trigger runs in a test deployment)...
    expect(rt.advanceClockAndFire(3 * HOUR)).toEqual([]);
    // ...the sidebar (or its reopening) carries the run on.
    expect(drive(rt, p)).toMatchObject({ done: true });
    expectSame(reference(), captureWorkbook(rt), SAME_RUN);
    if (mode === true) expect(rt.triggers.list).toEqual([]);
  });

  test('hostile: triggers: test deployment: no form trigger can be made; responses are added when the sidebar next opens, once', () => {
    const rt = shop({ testDeployment: true });
    const { info, formId, consent } = intakeForm(rt);
    expect(info.triggerInstalled).toBe(false);
    expect(info.formUrl).toMatch(/^https:\/\//); // published and reachable
    expect(rt.submitForm(formId, { Name: 'Ann Lee', Email: 'ann@example.com', ...consent })).toEqual([]);
    expect(rt.submitForm(formId, { Name: 'Bo Chen', Email: 'bo@example.com', ...consent })).toEqual([]);
    expect(customerNames(rt)).toHaveLength(30);
    call(rt, 'getSidebarState');
    expect(customerNames(rt).slice(30)).toEqual(['Ann Lee', 'Bo Chen']);
    expect(statusOf(rt, 2)).toMatch(/^new customer; added as row 32/);
    const after = captureWorkbook(rt);
    call(rt, 'getSidebarState'); // opening again adds nothing twice
    expectSame(after, captureWorkbook(rt));
  });
});

describe('hostile: triggers: one of each type per document, hourly', () => {
  test('hostile: triggers: a long run, the intake form and a response that waited never hold more than one trigger of a type', () => {
    const rt = fresh();
    let worst = 0;
    const off = rt.onServiceCall(() => {
      const byType = new Map<string, number>();
      for (const t of rt.triggers.list) byType.set(t.eventType, (byType.get(t.eventType) ?? 0) + 1);
      worst = Math.max(worst, ...byType.values(), 0);
    });
    const p = call(rt, 'startRun', FLAG);
    const { formId, consent } = intakeForm(rt);
    rt.holdLock('document', 10 * 60 * 1000);
    rt.submitForm(formId, { Name: 'Ann Lee', Email: 'ann@example.com', ...consent });
    rt.advanceClock(11 * 60 * 1000); // the other process lets go of the lock
    drive(rt, p);
    off();
    expect(worst).toBe(1);
    for (const t of rt.triggers.list) if (t.eventType === 'CLOCK') expect(t.everyMs ?? Infinity).toBeGreaterThanOrEqual(3600_000);
  });

  test('hostile: triggers: time-driven triggers of an earlier version (60-second one-shots) are replaced by the one hourly trigger', () => {
    const rt = fresh();
    rt.triggers.list.push({ id: 'old-1', handler: 'continueRunFromTrigger', eventType: 'CLOCK', source: 'CLOCK', sourceId: null, owner: 'owner@example.com', documentId: rt.spreadsheet.getId(), nextAt: rt.now() + 60_000, fired: 0 });
    const p = call(rt, 'startRun', FLAG);
    expect(rt.triggers.list.map((t) => t.handler)).toEqual(['onCdmTimer']);
    expect(drive(rt, p)).toMatchObject({ done: true });
    expect(rt.triggers.list).toEqual([]);
  });

  test('hostile: triggers: the sidebar gone for good, the hourly trigger finishes the run and removes itself', () => {
    const rt = fresh();
    call(rt, 'startRun', FLAG);
    const fired = rt.advanceClockAndFire(8 * HOUR);
    expect(fired.every((e) => e.functionName === 'onCdmTimer' && !e.error)).toBe(true);
    expect(call<Progress>(rt, 'getProgress')).toMatchObject({ done: true, phase: 'done' });
    expect(rt.triggers.list).toEqual([]);
    expectSame(reference(), captureWorkbook(rt), SAME_RUN);
  });

  test("hostile: triggers: the user's trigger allowance is used up: the run says the sidebar must stay open and finishes from it", () => {
    const rt = fresh();
    // Another document's add-on triggers fill the user's 20.
    for (let i = 0; i < 20; i++) rt.triggers.list.push({ id: `x${i}`, handler: 'other', eventType: 'CLOCK', source: 'CLOCK', sourceId: null, owner: 'owner@example.com', documentId: `doc-${i}`, nextAt: rt.now() + HOUR, everyMs: HOUR, fired: 0 });
    const p = call(rt, 'startRun', FLAG);
    expect(p.background).toBe(false);
    expect(drive(rt, p)).toMatchObject({ done: true });
    expectSame(reference(), captureWorkbook(rt), SAME_RUN);
  });
});

describe('hostile: lock: form responses never get stuck', () => {
  test('hostile: lock: a response that waited out the lock is added on the next sidebar open, before any trigger fires', () => {
    const rt = shop();
    const { formId, consent } = intakeForm(rt);
    rt.holdLock('document', 10 * 60 * 1000);
    const [ex] = rt.submitForm(formId, { Name: 'Ann Lee', Email: 'ann@example.com', ...consent });
    expect(ex.error).toBeUndefined();
    expect(statusOf(rt, 2)).toMatch(/^waiting: /);
    rt.advanceClock(11 * 60 * 1000); // the lock is free again; no trigger has fired yet
    call(rt, 'getSidebarState');
    expect(statusOf(rt, 2)).toBe('new customer; added as row 32');
    expect(customerNames(rt).filter((n) => n === 'Ann Lee')).toHaveLength(1);
    // The hourly trigger then finds nothing to do and removes itself.
    rt.advanceClockAndFire(2 * HOUR);
    expect(customerNames(rt).filter((n) => n === 'Ann Lee')).toHaveLength(1);
    expect(rt.triggers.list.filter((t) => t.eventType === 'CLOCK')).toEqual([]);
  });

  test('hostile: lock: a response whose handler was killed before it marked the row is added once on the next open', () => {
    const rt = shop();
    const { formId, consent } = intakeForm(rt);
    let armed = true;
    const off = rt.onServiceCall(({ execution, name }) => {
      // Killed at its first read of the response sheet (after the lock, before anything is written).
      if (armed && execution.functionName === 'onFormSubmit' && name === 'Range.getValues') {
        armed = false;
        rt.advanceClock(7 * 60 * 1000);
      }
    });
    const [ex] = rt.submitForm(formId, { Name: 'Ann Lee', Email: 'ann@example.com', ...consent });
    off();
    expect(ex.timedOut).toBe(true);
    expect(statusOf(rt, 2)).toBe('');
    call(rt, 'getSidebarState');
    expect(statusOf(rt, 2)).toBe('new customer; added as row 32');
    call(rt, 'getSidebarState');
    expect(customerNames(rt).filter((n) => n === 'Ann Lee')).toHaveLength(1);
  });

  test('hostile: lock: a response arriving during a run waits, and the run adds it when it ends (no trigger needed)', () => {
    const rt = shop({ testDeployment: 'inert' });
    rt.properties.script.data.set('CDM_TIME_BUDGET_MS', '1'); // one step per execution: the run spans several
    const { formId, consent } = intakeForm(rt);
    const p = call(rt, 'startRun', FLAG);
    expect(p.done).toBe(false);
    rt.submitForm(formId, { Name: 'Ann Lee', Email: 'ann@example.com', ...consent }); // its trigger never runs
    expect(drive(rt, p)).toMatchObject({ done: true });
    expect(statusOf(rt, 2)).toMatch(/^new customer; added as row 32/);
    expect(customerNames(rt).filter((n) => n === 'Ann Lee')).toHaveLength(1);
  });
});
