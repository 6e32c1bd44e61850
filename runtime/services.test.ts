// Properties, Cache, Lock, ScriptApp triggers, FormApp, Ui/HtmlService, Utilities, Session.
// Limits are Apps Script's documented quotas (developers.google.com/apps-script/guides/services/quotas):
// 9 KB per property value, 500 KB per property store, 100 KB per cache value, 250-char cache keys,
// 6 h max cache expiration, 20 triggers per user per script.
import { createRuntime, Execution } from './index';

const SCRIPT = `
function setProp(key, value) { PropertiesService.getDocumentProperties().setProperty(key, value); }
function getProp(key) { return PropertiesService.getDocumentProperties().getProperty(key); }
function putCache(key, value, secs) { CacheService.getScriptCache().put(key, value, secs); }
function getCache(key) { return CacheService.getScriptCache().get(key); }
function withLock(ms) { var l = LockService.getDocumentLock(); l.waitLock(ms); SpreadsheetApp.getActive().toast('working'); var h = l.hasLock(); l.releaseLock(); return h; }
function holdAndWork() { var l = LockService.getDocumentLock(); l.waitLock(30000); SpreadsheetApp.getActive().toast('holding'); return 'A done'; }
function busyFor(n) { var l = LockService.getDocumentLock(); l.waitLock(1000); for (var i = 0; i < n; i++) SpreadsheetApp.getActive().toast('step ' + i); l.releaseLock(); }
function tryIt(ms) { return LockService.getDocumentLock().tryLock(ms); }
function installFormTrigger() {
  var ss = SpreadsheetApp.getActive();
  var form = FormApp.create('Sign up').setDescription('Join us');
  form.addTextItem().setTitle('Name').setRequired(true);
  form.addTextItem().setTitle('Email').setValidation(FormApp.createTextValidation().requireTextIsEmail().build());
  form.addMultipleChoiceItem().setTitle('Product').setChoiceValues(['Tea', 'Coffee']);
  form.addCheckboxItem().setTitle('Consent').setChoiceValues(['I agree']).setRequired(true);
  form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
  form.setPublished(true);
  ScriptApp.newTrigger('onFormSubmit').forSpreadsheet(ss).onFormSubmit().create();
  return [form.getId(), form.getPublishedUrl(), form.getItems().length, ss.getSheets()[0].getName(), ss.getFormUrl() === form.getEditUrl()];
}
function onFormSubmit(e) {
  return { values: e.values, named: e.namedValues, a1: e.range.getA1Notation(), sheet: e.range.getSheet().getName(),
           source: e.source.getId(), uid: e.triggerUid, auth: e.authMode === ScriptApp.AuthMode.FULL,
           rowValues: e.range.getValues()[0], isDate: e.range.getValues()[0][0] instanceof Date };
}
function everyHour() { ScriptApp.newTrigger('tick').timeBased().everyHours(1).create(); }
function once() { ScriptApp.newTrigger('tick').timeBased().after(10 * 60 * 1000).create(); }
function tick(e) { return [e.triggerUid, e.hour, Date.now()]; }
function listTriggers() { return ScriptApp.getProjectTriggers().map(function (t) { return [t.getHandlerFunction(), t.getEventType(), t.getTriggerSource()]; }); }
function dropTriggers() { ScriptApp.getProjectTriggers().forEach(function (t) { ScriptApp.deleteTrigger(t); }); }
function many(n) { for (var i = 0; i < n; i++) ScriptApp.newTrigger('tick').timeBased().everyHours(1).create(); }
function sidebar() { var h = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('CDM'); SpreadsheetApp.getUi().showSidebar(h); return h.getTitle(); }
function missingFile() { HtmlService.createHtmlOutputFromFile('Nope'); }
function template() { var t = HtmlService.createTemplateFromFile('Page'); t.name = '<b>Ann</b>'; return t.evaluate().getContent(); }
function alertIt() { var ui = SpreadsheetApp.getUi(); return ui.alert('Sure?', 'Delete it?', ui.ButtonSet.YES_NO) === ui.Button.YES; }
function fmt(ms, tz, p) { return Utilities.formatDate(new Date(ms), tz, p); }
function who() { return [Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail(), Session.getActiveUserLocale(), Session.getScriptTimeZone()]; }
function localTime(ms) { var d = new Date(ms); return [d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getDay(), d.getTimezoneOffset(), String(d).slice(0, 33)]; }
function localParts(y, m, day, h) { var d = new Date(y, m, day, h); var e = new Date(d.getTime()); e.setHours(e.getHours() + 30); return [d.getTime(), e.getTime(), new Date('2024-03-05 10:00').getTime(), new Date('2024-03-05').getTime(), Date.parse('2024-03-05T10:00:00Z'), new Intl.DateTimeFormat('en-US').resolvedOptions().timeZone]; }
function uuids() { return [Utilities.getUuid(), Utilities.getUuid()]; }
function b64(s) { return Utilities.newBlob(Utilities.base64Decode(Utilities.base64Encode(s))).getDataAsString(); }
`;

describe('PropertiesService', () => {
  test('a value over 9 KB is refused with Apps Script text', () => {
    const rt = createRuntime({ code: SCRIPT });
    expect(rt.run('setProp', ['k', 'x'.repeat(9 * 1024)]).error).toBeUndefined();
    expect(rt.run('getProp', ['k']).result).toHaveLength(9 * 1024);
    expect(rt.run('setProp', ['k', 'x'.repeat(9 * 1024 + 1)]).error?.text).toBe('Exception: Argument too large: value');
    expect(rt.run('getProp', ['missing']).result).toBeNull();
  });

  test('a store over 500 KB is refused', () => {
    const rt = createRuntime({ code: SCRIPT });
    let error: string | undefined;
    let i = 0;
    for (; i < 100 && !error; i++) error = rt.run('setProp', [`k${i}`, 'x'.repeat(9000)]).error?.text;
    expect(error).toBe('Exception: You have exceeded the property storage quota. Please remove some properties and try again.');
    expect(i).toBe(Math.floor((500 * 1024) / 9002) + 1);
  });
});

describe('CacheService', () => {
  test('size limits on keys and values', () => {
    const rt = createRuntime({ code: SCRIPT });
    expect(rt.run('putCache', ['k'.repeat(251), 'v']).error?.text).toBe('Exception: Argument too large: key');
    expect(rt.run('putCache', ['k', 'v'.repeat(100 * 1024 + 1)]).error?.text).toBe('Exception: Argument too large: value');
    expect(rt.run('putCache', ['k', 'v'.repeat(100 * 1024)]).error).toBeUndefined();
  });

  test('expiry follows the simulated clock and is capped at 6 hours', () => {
    const rt = createRuntime({ code: SCRIPT, callCostMs: 0 });
    rt.run('putCache', ['short', 'a', 60]);
    rt.run('putCache', ['long', 'b', 100000]);
    rt.advanceClock(59_000);
    expect(rt.run('getCache', ['short']).result).toBe('a');
    rt.advanceClock(2_000);
    expect(rt.run('getCache', ['short']).result).toBeNull();
    rt.advanceClock(21600_000 - 61_000 - 1);
    expect(rt.run('getCache', ['long']).result).toBe('b');
    rt.advanceClock(1);
    expect(rt.run('getCache', ['long']).result).toBeNull();
  });
});

describe('LockService', () => {
  test('an execution arriving while another holds the document lock times out after its wait', () => {
    const rt = createRuntime({ code: SCRIPT, callCostMs: 0 });
    let b: Execution | undefined;
    rt.onServiceCall(({ execution, name }) => {
      if (execution.functionName === 'holdAndWork' && name === 'Lock.waitLock' && !b) b = rt.run('withLock', [10_000]);
    });
    const a = rt.run('holdAndWork');
    expect(a.result).toBe('A done');
    expect(b?.error?.text).toBe('Exception: Lock timeout: another process was holding the lock for too long.');
    expect(b?.elapsedMs).toBe(10_000);
    expect(b?.calls['Spreadsheet.toast']).toBeUndefined(); // B never got to work
    // A finished without releasing: the end of its execution released the lock.
    expect(rt.run('withLock', [0]).result).toBe(true);
  });

  test.each([
    [10, 30_000, true],
    [60, 30_000, false],
  ])('a deferred execution arriving while A works %i s more waits for A (timeout %i ms) -> gets the lock: %p', (seconds, timeout, gets) => {
    const rt = createRuntime({ code: SCRIPT, callCostMs: 0, methodCostMs: { 'Spreadsheet.toast': 1000 } });
    let b: Execution | undefined;
    rt.onServiceCall(({ execution, name }) => {
      if (execution.functionName === 'busyFor' && name === 'Lock.waitLock') rt.defer(() => (b = rt.run('withLock', [timeout])));
    });
    const a = rt.run('busyFor', [seconds]);
    expect(a.error).toBeUndefined();
    expect(b?.arrivedAt).toBe(a.startedAt);
    expect(b?.startedAt).toBe(a.startedAt + a.elapsedMs);
    if (gets) expect(b?.result).toBe(true);
    else expect(b?.error?.message).toBe('Lock timeout: another process was holding the lock for too long.');
  });

  test('tryLock returns false instead of throwing', () => {
    const rt = createRuntime({ code: SCRIPT, callCostMs: 0 });
    let got: unknown;
    rt.onServiceCall(({ execution, name }) => {
      if (execution.functionName === 'holdAndWork' && name === 'Lock.waitLock' && got === undefined) got = rt.run('tryIt', [500]).result;
    });
    rt.run('holdAndWork');
    expect(got).toBe(false);
  });

  test('a wait that outlasts an external holder succeeds when it lets go', () => {
    const rt = createRuntime({ code: SCRIPT, callCostMs: 0 });
    rt.holdLock('document', 3000);
    const ok = rt.run('withLock', [5000]);
    expect(ok.result).toBe(true);
    expect(ok.elapsedMs).toBe(3000);
    rt.holdLock('document', 3000);
    const late = rt.run('withLock', [1000]);
    expect(late.error?.message).toBe('Lock timeout: another process was holding the lock for too long.');
    expect(late.elapsedMs).toBe(1000);
  });
});

describe('forms and triggers', () => {
  test('a simulated submission appends a row and fires the trigger with a real event object', () => {
    const rt = createRuntime({ code: SCRIPT, callCostMs: 0, now: Date.UTC(2025, 2, 4, 15, 30, 5) });
    const [formId, url, items, firstSheet, linked] = rt.call('installFormTrigger') as [string, string, number, string, boolean];
    expect(url).toMatch(/^https:\/\/docs\.google\.com\/forms\/d\/e\/.+\/viewform$/);
    expect([items, firstSheet, linked]).toEqual([4, 'Form Responses 1', true]);
    expect(rt.sheetValues('Form Responses 1')).toEqual([['Timestamp', 'Name', 'Email', 'Product', 'Consent']]);
    const [ex] = rt.submitForm(formId, { Name: 'Ann Lee', Email: 'ann@example.com', Product: 'Tea', Consent: ['I agree'] });
    expect(ex.error).toBeUndefined();
    expect(ex.authMode).toBe('FULL');
    expect(ex.ui).toBe(false);
    const r = ex.result as Record<string, unknown>;
    expect(r.values).toEqual(['3/4/2025 15:30:05', 'Ann Lee', 'ann@example.com', 'Tea', 'I agree']);
    expect(r.named).toEqual({ Timestamp: ['3/4/2025 15:30:05'], Name: ['Ann Lee'], Email: ['ann@example.com'], Product: ['Tea'], Consent: ['I agree'] });
    expect([r.a1, r.sheet, r.source, r.auth, r.isDate]).toEqual(['A2:E2', 'Form Responses 1', rt.spreadsheet.getId(), true, true]);
    expect(r.uid).toBe(rt.triggers.list[0].id);
    expect(rt.sheetValues('Form Responses 1')[1]).toEqual([new Date(Date.UTC(2025, 2, 4, 15, 30, 5)), 'Ann Lee', 'ann@example.com', 'Tea', 'I agree']);
  });

  test('event values are the answers as submitted; the sheet parses numbers and keeps formula-looking text as text', () => {
    const rt = createRuntime({ code: SCRIPT });
    const [formId] = rt.call('installFormTrigger') as [string];
    const [ex] = rt.submitForm(formId, { Name: '=HYPERLINK("http://x.example","win")', Email: 'a@b.co', Product: '0123', Consent: ['I agree'] });
    const r = ex.result as { values: string[]; rowValues: unknown[] };
    expect(r.values.slice(1)).toEqual(['=HYPERLINK("http://x.example","win")', 'a@b.co', '0123', 'I agree']);
    expect(r.rowValues.slice(1)).toEqual(['=HYPERLINK("http://x.example","win")', 'a@b.co', 123, 'I agree']);
    expect(rt.sheet('Form Responses 1').getRange('B2').getFormula()).toBe('');
  });

  test('a deferred submission during another execution appends the row at once and runs the trigger after it', () => {
    const rt = createRuntime({ code: SCRIPT, callCostMs: 0 });
    const [formId] = rt.call('installFormTrigger') as [string];
    let fired: Execution[] = [];
    let rowsDuringA = 0;
    rt.onServiceCall(({ execution, name }) => {
      if (execution.functionName !== 'busyFor' || name !== 'Lock.waitLock') return;
      fired = rt.submitForm(formId, { Name: 'Bo', Consent: ['I agree'] }, { defer: true });
      rowsDuringA = rt.sheetValues('Form Responses 1').length;
    });
    rt.run('busyFor', [3]);
    expect(rowsDuringA).toBe(2);
    expect(fired.map((e) => [e.functionName, e.error])).toEqual([['onFormSubmit', undefined]]);
  });

  test('a form made through the API is unpublished until setPublished(true), and takes no responses', () => {
    const rt = createRuntime({ code: `${SCRIPT}\nfunction bare() { var f = FormApp.create('X'); f.addTextItem().setTitle('Name'); f.setDestination(FormApp.DestinationType.SPREADSHEET, SpreadsheetApp.getActive().getId()); return [f.getId(), f.isPublished()]; }\nfunction pub(id) { FormApp.openById(id).setPublished(true); return FormApp.openById(id).isPublished(); }` });
    const [id, published] = rt.call('bare') as [string, boolean];
    expect(published).toBe(false);
    expect(() => rt.submitForm(id, { Name: 'Ann' })).toThrow(/not published/);
    expect(rt.call('pub', id)).toBe(true);
    expect(rt.submitForm(id, { Name: 'Ann' })).toEqual([]);
    expect(rt.sheetValues('Form Responses 1')).toHaveLength(2);
  });

  test('Google Forms refuses missing required answers and invalid e-mails', () => {
    const rt = createRuntime({ code: SCRIPT });
    const [formId] = rt.call('installFormTrigger') as [string];
    expect(() => rt.submitForm(formId, { Email: 'a@b.co', Consent: ['I agree'] })).toThrow(/required question "Name"/);
    expect(() => rt.submitForm(formId, { Name: 'A', Email: 'not-an-email', Consent: ['I agree'] })).toThrow(/validation/);
    expect(rt.sheetValues('Form Responses 1')).toHaveLength(1);
  });

  test('time-based triggers fire as executions when the clock reaches them', () => {
    // A plain script: two time-based triggers (an add-on may hold only one per document).
    const rt = createRuntime({ code: SCRIPT, callCostMs: 0, now: Date.UTC(2025, 0, 1, 0, 0), addOn: false });
    rt.call('everyHour');
    rt.call('once');
    expect(rt.fireDueTriggers()).toEqual([]);
    const fired = rt.advanceClockAndFire(2 * 3600_000);
    expect(fired.map((e) => [e.functionName, (e.result as number[])[1]])).toEqual([
      ['tick', 0],
      ['tick', 1],
      ['tick', 2],
    ]);
    expect((fired[0].result as number[])[2]).toBe(Date.UTC(2025, 0, 1, 0, 10));
    // The one-shot trigger fired once and, as in Apps Script, stays listed until deleted.
    expect(rt.call('listTriggers')).toEqual([
      ['tick', 'CLOCK', 'CLOCK'],
      ['tick', 'CLOCK', 'CLOCK'],
    ]);
    rt.call('dropTriggers');
    expect(rt.triggers.list).toEqual([]);
  });

  test('at most 20 triggers per user', () => {
    const rt = createRuntime({ code: SCRIPT, addOn: false });
    expect(rt.run('many', [20]).error).toBeUndefined();
    expect(rt.run('many', [1]).error?.text).toBe(
      'Exception: This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
  });
});

describe('Editor add-on trigger rules (the default), test deployments', () => {
  const ADDON = `${SCRIPT}
function clockAfter(ms) { ScriptApp.newTrigger('tick').timeBased().after(ms).create(); }
function everyMinutes(n) { ScriptApp.newTrigger('tick').timeBased().everyMinutes(n).create(); }
function formSubmitTrigger() { ScriptApp.newTrigger('onFormSubmit').forSpreadsheet(SpreadsheetApp.getActive()).onFormSubmit().create(); }
function mine() { return ScriptApp.getUserTriggers(SpreadsheetApp.getActive()).map(function (t) { return [t.getHandlerFunction(), t.getEventType()]; }); }
`;
  const TOO_MANY_CLOCK = 'Exception: This add-on has created too many time-based triggers in this document for this Google user account.';

  test('one time-based and one form-submit trigger per user per document; a second of a type is refused', () => {
    const rt = createRuntime({ code: ADDON });
    expect(rt.run('everyHour').error).toBeUndefined();
    expect(rt.run('everyHour').error?.text).toBe(TOO_MANY_CLOCK);
    expect(rt.run('clockAfter', [3600_000]).error?.text).toBe(TOO_MANY_CLOCK);
    expect(rt.run('formSubmitTrigger').error).toBeUndefined();
    expect(rt.run('formSubmitTrigger').error?.text).toBe(
      'Exception: This add-on has created too many form-submit triggers in this document for this Google user account.',
    );
    // Another user of the same document has their own allowance.
    expect(rt.run('everyHour', [], { user: 'other@example.com' }).error).toBeUndefined();
    expect(rt.triggers.list.map((t) => [t.handler, t.owner])).toEqual([
      ['tick', 'owner@example.com'],
      ['onFormSubmit', 'owner@example.com'],
      ['tick', 'other@example.com'],
    ]);
  });

  test('recurring time-based triggers at most hourly; a one-shot trigger is allowed', () => {
    const rt = createRuntime({ code: ADDON });
    for (const n of [1, 5, 10, 15, 30]) {
      expect(rt.run('everyMinutes', [n]).error?.text).toBe('Exception: Add-ons may not create time-based triggers that run more often than once an hour.');
    }
    expect(rt.triggers.list).toEqual([]);
    expect(rt.run('clockAfter', [60_000]).error).toBeUndefined();
    // The same script as a plain (bound) script may run every minute.
    const plain = createRuntime({ code: ADDON, addOn: false });
    expect(plain.run('everyMinutes', [1]).error).toBeUndefined();
  });

  test("getUserTriggers(document) lists the document's triggers, the add-on's time-based one included", () => {
    const rt = createRuntime({ code: ADDON });
    rt.call('everyHour');
    rt.call('formSubmitTrigger');
    expect(rt.call('mine')).toEqual([
      ['tick', 'CLOCK'],
      ['onFormSubmit', 'ON_FORM_SUBMIT'],
    ]);
    expect(rt.run('mine', [], { user: 'other@example.com' }).result).toEqual([]);
  });

  test('test deployment: creating an installable trigger is refused', () => {
    const rt = createRuntime({ code: ADDON, testDeployment: true });
    expect(rt.run('everyHour').error?.text).toBe('Exception: Installable triggers are not supported in test deployments.');
    expect(rt.run('formSubmitTrigger').error?.text).toBe('Exception: Installable triggers are not supported in test deployments.');
    expect(rt.triggers.list).toEqual([]);
  });

  test("test deployment ('inert'): triggers can be made but never run", () => {
    const rt = createRuntime({ code: ADDON, testDeployment: 'inert' });
    const [formId] = rt.call('installFormTrigger') as [string];
    rt.call('everyHour');
    expect(rt.triggers.list).toHaveLength(2);
    expect(rt.submitForm(formId, { Name: 'Ann', Consent: ['I agree'] })).toEqual([]);
    expect(rt.sheetValues('Form Responses 1')).toHaveLength(2); // the response itself is kept
    expect(rt.advanceClockAndFire(5 * 3600_000)).toEqual([]);
  });
});

describe('Ui, HtmlService, Utilities, Session', () => {
  test('sidebars, templates, alerts and a missing HTML file', () => {
    const rt = createRuntime({ code: SCRIPT, files: { Sidebar: '<p>hi</p>', Page: '<h1><?= name ?></h1><?!= name ?>' } });
    expect(rt.call('sidebar')).toBe('CDM');
    expect(rt.ui.sidebars).toEqual([{ title: 'CDM', content: '<p>hi</p>', width: 300 }]);
    expect(rt.run('missingFile').error?.text).toBe('Exception: No HTML file named Nope was found.');
    expect(rt.call('template')).toBe('<h1>&lt;b&gt;Ann&lt;/b&gt;</h1><b>Ann</b>');
    rt.ui.responses.push({ button: 'YES' });
    expect(rt.call('alertIt')).toBe(true);
    expect(rt.call('alertIt')).toBe(false); // default answer OK, not YES
    expect(rt.ui.alerts[0]).toEqual({ title: 'Sure?', prompt: 'Delete it?', buttons: 'YES_NO' });
  });

  test('formatDate follows Java patterns and time zones (values checked against Intl/ICU)', () => {
    const rt = createRuntime({ code: SCRIPT });
    const t = Date.UTC(2024, 6, 4, 22, 5, 9);
    expect(rt.call('fmt', t, 'Etc/UTC', "yyyy-MM-dd'T'HH:mm:ss")).toBe('2024-07-04T22:05:09');
    expect(rt.call('fmt', t, 'Asia/Shanghai', 'yyyy-MM-dd HH:mm Z')).toBe('2024-07-05 06:05 +0800');
    expect(rt.call('fmt', t, 'America/New_York', 'EEE, MMM d, h:mm a')).toBe('Thu, Jul 4, 6:05 PM');
  });

  test("local time inside the script is the script's time zone, whatever the machine's zone (values checked with Intl/ICU)", () => {
    const t = Date.UTC(2024, 2, 4, 20, 30); // 2024-03-05 04:30 in Shanghai, 2024-03-04 12:30 in Los Angeles
    const utc = createRuntime({ code: SCRIPT, timeZone: 'Asia/Shanghai' });
    expect(utc.call('localTime', t)).toEqual([2024, 2, 4, 20, 1, 0, 'Mon Mar 04 2024 20:30:00 GMT+0000']);
    const sh = createRuntime({ code: SCRIPT, scriptTimeZone: 'Asia/Shanghai' });
    expect(sh.call('localTime', t)).toEqual([2024, 2, 5, 4, 2, -480, 'Tue Mar 05 2024 04:30:00 GMT+0800']);
    const la = createRuntime({ code: SCRIPT, scriptTimeZone: 'America/Los_Angeles' });
    expect(la.call('localTime', t)).toEqual([2024, 2, 4, 12, 1, 480, 'Mon Mar 04 2024 12:30:00 GMT-0800']);
    // Constructing from parts and setting local fields are local too (across the DST change of 10 March).
    const [made, plus30h, parsedLocal, parsedIsoDay, parsedZ, intlZone] = la.call('localParts', 2024, 2, 9, 12) as number[];
    expect(made).toBe(Date.UTC(2024, 2, 9, 20)); // noon PST
    expect(plus30h).toBe(Date.UTC(2024, 2, 11, 1)); // 18:00 PDT (UTC-7) the next day
    expect(parsedLocal).toBe(Date.UTC(2024, 2, 5, 18)); // 10:00 PST
    expect(parsedIsoDay).toBe(Date.UTC(2024, 2, 5)); // a date-only ISO string is UTC (ECMAScript)
    expect(parsedZ).toBe(Date.UTC(2024, 2, 5, 10));
    expect(intlZone).toBe('America/Los_Angeles');
  });

  test('Session and Utilities basics', () => {
    // The script's time zone is the project's (appsscript.json; an add-on's own), not the
    // spreadsheet's: it used to follow the spreadsheet, which hid code reading dates in the wrong zone.
    const rt = createRuntime({ code: SCRIPT, user: 'me@shop.example', locale: 'zh_CN', timeZone: 'Asia/Shanghai' });
    expect(rt.call('who')).toEqual(['me@shop.example', 'me@shop.example', 'zh', 'Etc/UTC']);
    const la = createRuntime({ code: SCRIPT, timeZone: 'Asia/Shanghai', scriptTimeZone: 'America/Los_Angeles' });
    expect((la.call('who') as string[])[3]).toBe('America/Los_Angeles');
    const [a, b] = rt.call('uuids') as string[];
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
    expect(rt.call('b64', '客户 ok')).toBe('客户 ok');
  });
});
