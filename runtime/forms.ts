/** FormApp: forms, items, validation, a spreadsheet destination and simulated responses. */
import { MESSAGES, fail } from './errors';
import { Host, ServiceObject } from './host';
import { Sheet, Spreadsheet } from './spreadsheet';

export const ItemType = {
  TEXT: 'TEXT',
  PARAGRAPH_TEXT: 'PARAGRAPH_TEXT',
  MULTIPLE_CHOICE: 'MULTIPLE_CHOICE',
  LIST: 'LIST',
  CHECKBOX: 'CHECKBOX',
  DATE: 'DATE',
  SECTION_HEADER: 'SECTION_HEADER',
} as const;
const QUESTION_TYPES = new Set<string>([ItemType.TEXT, ItemType.PARAGRAPH_TEXT, ItemType.MULTIPLE_CHOICE, ItemType.LIST, ItemType.CHECKBOX, ItemType.DATE]);

export class TextValidation extends ServiceObject {
  static override serviceName = 'TextValidation';
  constructor(readonly _rule: string, readonly _arg: unknown, readonly _helpText: string) {
    super();
  }
  _accepts(answer: string): boolean {
    switch (this._rule) {
      case 'email':
        return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(answer);
      case 'url':
        return /^https?:\/\/\S+$/.test(answer);
      case 'number':
        return answer.trim() !== '' && Number.isFinite(Number(answer));
      case 'maxLength':
        return answer.length <= Number(this._arg);
      case 'pattern':
        return new RegExp(String(this._arg)).test(answer);
      default:
        return true;
    }
  }
}

export class TextValidationBuilder extends ServiceObject {
  static override serviceName = 'TextValidationBuilder';
  private rule = '';
  private arg: unknown = null;
  private help = '';
  requireTextIsEmail(): TextValidationBuilder {
    this.rule = 'email';
    return this;
  }
  requireTextIsUrl(): TextValidationBuilder {
    this.rule = 'url';
    return this;
  }
  requireNumber(): TextValidationBuilder {
    this.rule = 'number';
    return this;
  }
  requireTextLengthLessThanOrEqualTo(n: number): TextValidationBuilder {
    this.rule = 'maxLength';
    this.arg = n;
    return this;
  }
  requireTextMatchesPattern(p: string): TextValidationBuilder {
    this.rule = 'pattern';
    this.arg = p;
    return this;
  }
  setHelpText(t: string): TextValidationBuilder {
    this.help = String(t);
    return this;
  }
  build(): TextValidation {
    return new TextValidation(this.rule, this.arg, this.help);
  }
}

export class Choice extends ServiceObject {
  static override serviceName = 'Choice';
  constructor(private value: string) {
    super();
  }
  getValue(): string {
    return this.value;
  }
}

export class FormItem extends ServiceObject {
  static override serviceName = 'Item';
  _title = '';
  _help = '';
  _required = false;
  _choices: string[] = [];
  _validation: TextValidation | null = null;
  _otherOption = false;
  constructor(readonly _form: Form, readonly _id: number, readonly _type: string) {
    super();
  }
  getId(): number {
    return this._id;
  }
  getIndex(): number {
    return this._form._items.indexOf(this);
  }
  getType(): string {
    return this._type;
  }
  getTitle(): string {
    return this._title;
  }
  setTitle(t: string): FormItem {
    this._title = String(t);
    this._form._syncHeader();
    return this;
  }
  getHelpText(): string {
    return this._help;
  }
  setHelpText(t: string): FormItem {
    this._help = String(t);
    return this;
  }
  isRequired(): boolean {
    return this._required;
  }
  setRequired(r: boolean): FormItem {
    if (!QUESTION_TYPES.has(this._type)) fail(MESSAGES.invalidArgument('required'));
    this._required = !!r;
    return this;
  }
  private needChoices(): void {
    if (![ItemType.MULTIPLE_CHOICE, ItemType.LIST, ItemType.CHECKBOX].includes(this._type as 'LIST')) fail(MESSAGES.invalidArgument('choices'));
  }
  setChoiceValues(values: string[]): FormItem {
    this.needChoices();
    if (!Array.isArray(values) || values.length === 0) fail(MESSAGES.invalidArgument('values'));
    this._choices = values.map(String);
    return this;
  }
  setChoices(choices: Choice[]): FormItem {
    this.needChoices();
    this._choices = choices.map((c) => c.getValue());
    return this;
  }
  createChoice(value: string): Choice {
    return new Choice(String(value));
  }
  getChoices(): Choice[] {
    return this._choices.map((c) => new Choice(c));
  }
  showOtherOption(enabled: boolean): FormItem {
    this._otherOption = !!enabled;
    return this;
  }
  setValidation(v: TextValidation | null): FormItem {
    if (this._type !== ItemType.TEXT && this._type !== ItemType.PARAGRAPH_TEXT && this._type !== ItemType.CHECKBOX) fail(MESSAGES.invalidArgument('validation'));
    this._validation = v;
    return this;
  }
  private as(type: string): FormItem {
    if (this._type !== type) fail(`Invalid conversion for item type: ${this._type}`);
    return this;
  }
  asTextItem(): FormItem {
    return this.as(ItemType.TEXT);
  }
  asParagraphTextItem(): FormItem {
    return this.as(ItemType.PARAGRAPH_TEXT);
  }
  asMultipleChoiceItem(): FormItem {
    return this.as(ItemType.MULTIPLE_CHOICE);
  }
  asListItem(): FormItem {
    return this.as(ItemType.LIST);
  }
  asCheckboxItem(): FormItem {
    return this.as(ItemType.CHECKBOX);
  }
  asDateItem(): FormItem {
    return this.as(ItemType.DATE);
  }
}

export class Form extends ServiceObject {
  static override serviceName = 'Form';
  _items: FormItem[] = [];
  _description = '';
  _destination: { type: string; id: string; sheet: Sheet; columns: Map<number, number> } | null = null;
  _collectEmail = false;
  _confirmation = '';
  _accepting = true;
  /**
   * Google's Forms change: forms made through the API after 30 June 2026 start unpublished and
   * take no responses until Form.setPublished(true) (the runtime follows today's rule).
   */
  _published = false;
  constructor(readonly _host: Host, readonly _id: string, public _title: string, private spreadsheets: (id: string) => Spreadsheet | null) {
    super();
  }
  setPublished(on: boolean): Form {
    this._published = !!on;
    return this;
  }
  isPublished(): boolean {
    return this._published;
  }
  getId(): string {
    return this._id;
  }
  getTitle(): string {
    return this._title;
  }
  setTitle(t: string): Form {
    this._title = String(t);
    return this;
  }
  getDescription(): string {
    return this._description;
  }
  setDescription(d: string): Form {
    this._description = String(d);
    return this;
  }
  getPublishedUrl(): string {
    return `https://docs.google.com/forms/d/e/${this._id}/viewform`;
  }
  getEditUrl(): string {
    return `https://docs.google.com/forms/d/${this._id}/edit`;
  }
  setCollectEmail(c: boolean): Form {
    this._collectEmail = !!c;
    return this;
  }
  setConfirmationMessage(m: string): Form {
    this._confirmation = String(m);
    return this;
  }
  setAcceptingResponses(a: boolean): Form {
    this._accepting = !!a;
    return this;
  }
  isAcceptingResponses(): boolean {
    return this._accepting;
  }
  setAllowResponseEdits(_a: boolean): Form {
    return this;
  }
  setLimitOneResponsePerUser(_a: boolean): Form {
    return this;
  }
  setRequireLogin(_a: boolean): Form {
    return this;
  }
  private add(type: string): FormItem {
    const item = new FormItem(this, this._host.nextNumber(), type);
    this._items.push(item);
    this._syncHeader();
    return item;
  }
  addTextItem(): FormItem {
    return this.add(ItemType.TEXT);
  }
  addParagraphTextItem(): FormItem {
    return this.add(ItemType.PARAGRAPH_TEXT);
  }
  addMultipleChoiceItem(): FormItem {
    return this.add(ItemType.MULTIPLE_CHOICE);
  }
  addListItem(): FormItem {
    return this.add(ItemType.LIST);
  }
  addCheckboxItem(): FormItem {
    return this.add(ItemType.CHECKBOX);
  }
  addDateItem(): FormItem {
    return this.add(ItemType.DATE);
  }
  addSectionHeaderItem(): FormItem {
    return this.add(ItemType.SECTION_HEADER);
  }
  getItems(type?: string): FormItem[] {
    return this._items.filter((i) => type === undefined || i._type === type);
  }
  getItemById(id: number): FormItem | null {
    return this._items.find((i) => i._id === id) ?? null;
  }
  deleteItem(item: FormItem | number): void {
    const idx = typeof item === 'number' ? item : this._items.indexOf(item);
    if (idx < 0 || idx >= this._items.length) fail(MESSAGES.invalidArgument('item'));
    this._items.splice(idx, 1);
  }
  setDestination(type: string, id: string): Form {
    if (type !== 'SPREADSHEET') fail(MESSAGES.invalidArgument('type'));
    const ss = this.spreadsheets(String(id));
    if (!ss) fail(MESSAGES.noSuchForm);
    let n = 1;
    while (ss.getSheetByName(`Form Responses ${n}`)) n++;
    const sheet = ss._addSheet(`Form Responses ${n}`, 0);
    sheet._frozenRows = 1;
    ss._formUrlBySheet.set(sheet._id, this.getEditUrl());
    this._destination = { type, id: ss.getId(), sheet, columns: new Map() };
    this._syncHeader();
    return this;
  }
  getDestinationId(): string | null {
    return this._destination?.id ?? null;
  }
  getDestinationType(): string | null {
    return this._destination?.type ?? null;
  }
  removeDestination(): Form {
    if (this._destination) this._destination.sheet._ss._formUrlBySheet.delete(this._destination.sheet._id);
    this._destination = null;
    return this;
  }
  /** Keeps the response sheet's header (Timestamp + question titles) in step with the items. */
  _syncHeader(): void {
    const d = this._destination;
    if (!d) return;
    const sheet = d.sheet;
    sheet._set('value', 1, 1, 'Timestamp');
    for (const item of this._items) {
      if (!QUESTION_TYPES.has(item._type)) continue;
      let col = d.columns.get(item._id);
      if (col === undefined) {
        col = Math.max(1, ...d.columns.values()) + 1;
        d.columns.set(item._id, col);
        if (col > sheet._maxCols) {
          sheet._ss._checkGrowth((col - sheet._maxCols) * sheet._maxRows);
          sheet._maxCols = col;
        }
      }
      sheet._set('value', 1, col, item._title);
    }
    sheet._dirty();
  }
}

export class FormAppImpl extends ServiceObject {
  static override serviceName = 'FormApp';
  readonly ItemType = ItemType;
  readonly DestinationType = { SPREADSHEET: 'SPREADSHEET' };
  constructor(private host: Host, readonly _forms: Map<string, Form>, private spreadsheets: (id: string) => Spreadsheet | null) {
    super();
  }
  create(title: string): Form {
    const id = this.host.nextId('form');
    const form = new Form(this.host, id, String(title), this.spreadsheets);
    this._forms.set(id, form);
    return form;
  }
  openById(id: string): Form {
    const form = this._forms.get(String(id));
    if (!form) fail(MESSAGES.noSuchForm);
    return form;
  }
  openByUrl(url: string): Form {
    const m = /\/forms\/d\/(?:e\/)?([^/]+)/.exec(String(url));
    return this.openById(m ? m[1] : '');
  }
  createTextValidation(): TextValidationBuilder {
    return new TextValidationBuilder();
  }
  getActiveForm(): Form | null {
    return null;
  }
}
