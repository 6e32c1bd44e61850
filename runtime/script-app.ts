/** ScriptApp: auth modes, installable triggers (spreadsheet, form and time-based). */
import { MESSAGES, fail } from './errors';
import { Host, ServiceObject } from './host';
import { Spreadsheet } from './spreadsheet';

export const MAX_TRIGGERS_PER_USER = 20;
export const AuthMode = { NONE: 'NONE', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION', LIMITED: 'LIMITED', FULL: 'FULL' } as const;
export type AuthModeName = keyof typeof AuthMode;
export const EventType = { CLOCK: 'CLOCK', ON_OPEN: 'ON_OPEN', ON_EDIT: 'ON_EDIT', ON_FORM_SUBMIT: 'ON_FORM_SUBMIT', ON_CHANGE: 'ON_CHANGE', ON_EVENT_UPDATED: 'ON_EVENT_UPDATED' } as const;
export const TriggerSource = { SPREADSHEETS: 'SPREADSHEETS', CLOCK: 'CLOCK', FORMS: 'FORMS', DOCUMENTS: 'DOCUMENTS', CALENDAR: 'CALENDAR' } as const;

export interface TriggerRecord {
  id: string;
  handler: string;
  eventType: string;
  source: string;
  sourceId: string | null;
  owner: string;
  /** The document the trigger belongs to (an add-on's time-based trigger: the one it was made in). */
  documentId: string | null;
  /** Made in a test deployment run as 'inert': listed, never fired. */
  inert?: boolean;
  /** Time-based: next firing time, repeat interval (none for after()/at()), fired count. */
  nextAt?: number;
  everyMs?: number;
  fired: number;
}

export class TriggerRegistry {
  list: TriggerRecord[] = [];
  /** Clock triggers due at `now`, earliest first (one-shot triggers fire once and stay listed, as in Apps Script). */
  due(now: number): TriggerRecord[] {
    return this.list
      .filter((t) => !t.inert && t.nextAt !== undefined && t.nextAt <= now && (t.everyMs !== undefined || t.fired === 0))
      .sort((a, b) => (a.nextAt as number) - (b.nextAt as number));
  }
}

export class Trigger extends ServiceObject {
  static override serviceName = 'Trigger';
  constructor(readonly _record: TriggerRecord) {
    super();
  }
  getHandlerFunction(): string {
    return this._record.handler;
  }
  getEventType(): string {
    return this._record.eventType;
  }
  getUniqueId(): string {
    return this._record.id;
  }
  getTriggerSource(): string {
    return this._record.source;
  }
  getTriggerSourceId(): string | null {
    return this._record.sourceId;
  }
}

class BuilderBase extends ServiceObject {
  constructor(protected app: ScriptAppImpl, protected draft: Partial<TriggerRecord>) {
    super();
  }
  create(): Trigger {
    return this.app._create(this.draft);
  }
}

export class SpreadsheetTriggerBuilder extends BuilderBase {
  static override serviceName = 'SpreadsheetTriggerBuilder';
  onFormSubmit(): SpreadsheetTriggerBuilder {
    this.draft.eventType = EventType.ON_FORM_SUBMIT;
    return this;
  }
  onOpen(): SpreadsheetTriggerBuilder {
    this.draft.eventType = EventType.ON_OPEN;
    return this;
  }
  onEdit(): SpreadsheetTriggerBuilder {
    this.draft.eventType = EventType.ON_EDIT;
    return this;
  }
  onChange(): SpreadsheetTriggerBuilder {
    this.draft.eventType = EventType.ON_CHANGE;
    return this;
  }
}

export class FormTriggerBuilder extends BuilderBase {
  static override serviceName = 'FormTriggerBuilder';
  onFormSubmit(): FormTriggerBuilder {
    this.draft.eventType = EventType.ON_FORM_SUBMIT;
    return this;
  }
  onOpen(): FormTriggerBuilder {
    this.draft.eventType = EventType.ON_OPEN;
    return this;
  }
}

export class ClockTriggerBuilder extends BuilderBase {
  static override serviceName = 'ClockTriggerBuilder';
  after(ms: number): ClockTriggerBuilder {
    this.draft.nextAt = this.app._now() + Number(ms);
    delete this.draft.everyMs;
    return this;
  }
  at(date: Date): ClockTriggerBuilder {
    this.draft.nextAt = date.getTime();
    delete this.draft.everyMs;
    return this;
  }
  everyMinutes(n: number): ClockTriggerBuilder {
    if (![1, 5, 10, 15, 30].includes(Number(n))) fail(MESSAGES.invalidArgument('minutes'));
    return this.every(Number(n) * 60000);
  }
  everyHours(n: number): ClockTriggerBuilder {
    if (!(Number(n) >= 1)) fail(MESSAGES.invalidArgument('hours'));
    return this.every(Number(n) * 3600000);
  }
  everyDays(n: number): ClockTriggerBuilder {
    return this.every(Number(n) * 86400000);
  }
  everyWeeks(n: number): ClockTriggerBuilder {
    return this.every(Number(n) * 7 * 86400000);
  }
  atHour(_h: number): ClockTriggerBuilder {
    return this;
  }
  nearMinute(_m: number): ClockTriggerBuilder {
    return this;
  }
  inTimezone(_tz: string): ClockTriggerBuilder {
    return this;
  }
  private every(ms: number): ClockTriggerBuilder {
    this.draft.everyMs = ms;
    this.draft.nextAt = this.app._now() + ms;
    return this;
  }
}

export class TriggerBuilder extends ServiceObject {
  static override serviceName = 'TriggerBuilder';
  constructor(private app: ScriptAppImpl, private handler: string) {
    super();
  }
  forSpreadsheet(ss: Spreadsheet | string): SpreadsheetTriggerBuilder {
    const id = typeof ss === 'string' ? ss : ss instanceof Spreadsheet ? ss.getId() : fail(MESSAGES.invalidArgument('spreadsheet'));
    return new SpreadsheetTriggerBuilder(this.app, { handler: this.handler, source: TriggerSource.SPREADSHEETS, sourceId: id });
  }
  forForm(form: { getId(): string } | string): FormTriggerBuilder {
    const id = typeof form === 'string' ? form : form.getId();
    return new FormTriggerBuilder(this.app, { handler: this.handler, source: TriggerSource.FORMS, sourceId: id });
  }
  timeBased(): ClockTriggerBuilder {
    return new ClockTriggerBuilder(this.app, { handler: this.handler, source: TriggerSource.CLOCK, sourceId: null, eventType: EventType.CLOCK });
  }
}

export class AuthorizationInfo extends ServiceObject {
  static override serviceName = 'AuthorizationInfo';
  getAuthorizationStatus(): string {
    return 'NOT_REQUIRED';
  }
  getAuthorizationUrl(): string | null {
    return null;
  }
}

/**
 * How strict trigger creation is. An Editor add-on (the default: CDM is one) may hold one
 * installable trigger of each event type per user per document, and recurring time-based
 * triggers no more often than hourly; a test deployment runs no installable triggers at all
 * (Google: "Installable triggers aren't supported when testing") — `true` makes create()
 * throw, `'inert'` lets it succeed and never fires the trigger (both are possible readings;
 * CDM must cope with either).
 */
export interface TriggerRules {
  addOn: boolean;
  testDeployment: boolean | 'inert';
  /** The document the script runs in (the spreadsheet). */
  documentId: () => string;
}

const HOUR_MS = 3600000;

const EVENT_WORDS: Record<string, string> = {
  CLOCK: 'time-based',
  ON_OPEN: 'open',
  ON_EDIT: 'edit',
  ON_CHANGE: 'change',
  ON_FORM_SUBMIT: 'form-submit',
};

export class ScriptAppImpl extends ServiceObject {
  static override serviceName = 'ScriptApp';
  readonly AuthMode = AuthMode;
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;
  readonly AuthorizationStatus = { REQUIRED: 'REQUIRED', NOT_REQUIRED: 'NOT_REQUIRED' };
  readonly WeekDay = { MONDAY: 'MONDAY', TUESDAY: 'TUESDAY', WEDNESDAY: 'WEDNESDAY', THURSDAY: 'THURSDAY', FRIDAY: 'FRIDAY', SATURDAY: 'SATURDAY', SUNDAY: 'SUNDAY' };
  constructor(private host: Host, readonly _registry: TriggerRegistry, private scriptId: string, private rules: TriggerRules = { addOn: false, testDeployment: false, documentId: () => '' }) {
    super();
  }
  _now(): number {
    return this.host.clock.now();
  }
  private user(): string {
    return this.host.effectiveUser();
  }
  _create(draft: Partial<TriggerRecord>): Trigger {
    if (!draft.eventType) fail(MESSAGES.invalidArgument('trigger event type'));
    if (draft.source === TriggerSource.CLOCK && draft.nextAt === undefined) fail(MESSAGES.invalidArgument('time based trigger needs after(), at() or every...()'));
    if (this.rules.testDeployment === true) fail(MESSAGES.testDeploymentTriggers);
    const owner = this.user();
    if (this._registry.list.filter((t) => t.owner === owner).length >= MAX_TRIGGERS_PER_USER) fail(MESSAGES.tooManyTriggers);
    const documentId = draft.source === TriggerSource.CLOCK ? this.rules.documentId() : draft.sourceId ?? null;
    if (this.rules.addOn) {
      if (draft.everyMs !== undefined && draft.everyMs < HOUR_MS) fail(MESSAGES.addOnTriggerTooOften);
      const same = this._registry.list.filter((t) => t.owner === owner && t.eventType === draft.eventType && t.documentId === documentId);
      if (same.length > 0) fail(MESSAGES.addOnTooManyTriggers(EVENT_WORDS[draft.eventType] ?? String(draft.eventType).toLowerCase()));
    }
    const rec: TriggerRecord = {
      id: String(this.host.nextNumber() * 1000003),
      handler: String(draft.handler),
      eventType: draft.eventType,
      source: draft.source ?? TriggerSource.CLOCK,
      sourceId: draft.sourceId ?? null,
      owner,
      nextAt: draft.nextAt,
      everyMs: draft.everyMs,
      fired: 0,
      documentId,
      ...(this.rules.testDeployment === 'inert' ? { inert: true } : {}),
    };
    this._registry.list.push(rec);
    return new Trigger(rec);
  }
  newTrigger(functionName: string): TriggerBuilder {
    if (typeof functionName !== 'string' || !functionName) fail(MESSAGES.invalidArgument('functionName'));
    return new TriggerBuilder(this, functionName);
  }
  getProjectTriggers(): Trigger[] {
    const user = this.user();
    return this._registry.list.filter((t) => t.owner === user).map((t) => new Trigger(t));
  }
  /** The user's triggers for this document: its event triggers and (an add-on's) time-based ones made in it. */
  getUserTriggers(doc: { getId(): string }): Trigger[] {
    const user = this.user();
    const id = doc.getId();
    return this._registry.list.filter((t) => t.owner === user && (t.sourceId === id || t.documentId === id)).map((t) => new Trigger(t));
  }
  deleteTrigger(trigger: Trigger): void {
    if (!(trigger instanceof Trigger)) fail(MESSAGES.signature('Object', 'ScriptApp.deleteTrigger'));
    this._registry.list = this._registry.list.filter((t) => t.id !== trigger._record.id);
  }
  getAuthorizationInfo(_authMode: string): AuthorizationInfo {
    return new AuthorizationInfo();
  }
  getScriptId(): string {
    return this.scriptId;
  }
  invalidateAuth(): void {}
}
