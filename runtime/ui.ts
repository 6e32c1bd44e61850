/** SpreadsheetApp, Ui, Menu and HtmlService. */
import { LOCATION_TYPE, VISIBILITY } from './spreadsheet/metadata';
import { MESSAGES, fail } from './errors';
import { Host, MenuRecord, ServiceObject } from './host';
import { Range, Spreadsheet, Sheet } from './spreadsheet';

export class HtmlOutput extends ServiceObject {
  static override serviceName = 'HtmlOutput';
  _title = '';
  _width = 300;
  _height = 400;
  constructor(public _content: string) {
    super();
  }
  getContent(): string {
    return this._content;
  }
  setContent(c: string): HtmlOutput {
    this._content = String(c);
    return this;
  }
  append(c: string): HtmlOutput {
    this._content += String(c);
    return this;
  }
  clear(): HtmlOutput {
    this._content = '';
    return this;
  }
  getTitle(): string {
    return this._title;
  }
  setTitle(t: string): HtmlOutput {
    this._title = String(t);
    return this;
  }
  getWidth(): number {
    return this._width;
  }
  setWidth(w: number): HtmlOutput {
    this._width = w;
    return this;
  }
  getHeight(): number {
    return this._height;
  }
  setHeight(h: number): HtmlOutput {
    this._height = h;
    return this;
  }
  setSandboxMode(_m: string): HtmlOutput {
    return this;
  }
  setXFrameOptionsMode(_m: string): HtmlOutput {
    return this;
  }
  addMetaTag(_name: string, _content: string): HtmlOutput {
    return this;
  }
  setFaviconUrl(_url: string): HtmlOutput {
    return this;
  }
}

/** Minimal HtmlTemplate: `<?= name ?>` (escaped) and `<?!= name ?>` (raw) of template properties. */
export class HtmlTemplate extends ServiceObject {
  static override serviceName = 'HtmlTemplate';
  [key: string]: unknown;
  constructor(readonly _source: string) {
    super();
  }
  getRawContent(): string {
    return this._source;
  }
  evaluate(): HtmlOutput {
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    const html = this._source.replace(/<\?(!?)=\s*([A-Za-z_$][\w$]*)\s*\?>/g, (_m, raw: string, name: string) => {
      const v = this[name];
      const s = v === undefined || v === null ? '' : String(v);
      return raw ? s : esc(s);
    });
    return new HtmlOutput(html);
  }
}

export class HtmlServiceImpl extends ServiceObject {
  static override serviceName = 'HtmlService';
  readonly SandboxMode = { EMULATED: 'EMULATED', IFRAME: 'IFRAME', NATIVE: 'NATIVE' };
  readonly XFrameOptionsMode = { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' };
  constructor(private host: Host) {
    super();
  }
  private read(name: string): string {
    const html = this.host.file(String(name).replace(/\.html$/, ''));
    if (html === undefined) fail(MESSAGES.noHtmlFile(String(name)));
    return html;
  }
  createHtmlOutputFromFile(name: string): HtmlOutput {
    return new HtmlOutput(this.read(name));
  }
  createHtmlOutput(html?: string): HtmlOutput {
    return new HtmlOutput(html === undefined ? '' : String(html));
  }
  createTemplateFromFile(name: string): HtmlTemplate {
    return new HtmlTemplate(this.read(name));
  }
  createTemplate(html: string): HtmlTemplate {
    return new HtmlTemplate(String(html));
  }
}

export class Menu extends ServiceObject {
  static override serviceName = 'Menu';
  readonly _record: MenuRecord;
  constructor(private ui: UiImpl, kind: 'addon' | 'menu', caption: string) {
    super();
    this._record = { kind, caption, items: [] };
  }
  addItem(caption: string, functionName: string): Menu {
    this._record.items.push({ caption: String(caption), functionName: String(functionName) });
    return this;
  }
  addSeparator(): Menu {
    this._record.items.push({ separator: true });
    return this;
  }
  addSubMenu(menu: Menu): Menu {
    this._record.items.push({ caption: menu._record.caption, submenu: menu._record });
    return this;
  }
  addToUi(): void {
    this.ui._addMenu(this._record);
  }
}

export class UiImpl extends ServiceObject {
  static override serviceName = 'Ui';
  readonly Button = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' };
  readonly ButtonSet = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' };
  constructor(private host: Host) {
    super();
  }
  _addMenu(record: MenuRecord): void {
    const menus = this.host.ui.menus;
    const i = menus.findIndex((m) => m.kind === record.kind && m.caption === record.caption);
    const copy: MenuRecord = JSON.parse(JSON.stringify(record));
    if (i >= 0) menus[i] = copy;
    else menus.push(copy);
  }
  createAddonMenu(): Menu {
    return new Menu(this, 'addon', 'Add-on');
  }
  createMenu(caption: string): Menu {
    return new Menu(this, 'menu', String(caption));
  }
  showSidebar(html: HtmlOutput): void {
    if (!(html instanceof HtmlOutput)) fail(MESSAGES.signature('Object', 'Ui.showSidebar'));
    this.host.ui.sidebars.push({ title: html._title, content: html._content, width: html._width });
  }
  showModalDialog(html: HtmlOutput, title: string): void {
    this.host.ui.dialogs.push({ title: String(title), content: html._content, modal: true, width: html._width, height: html._height });
  }
  showModelessDialog(html: HtmlOutput, title: string): void {
    this.host.ui.dialogs.push({ title: String(title), content: html._content, modal: false, width: html._width, height: html._height });
  }
  alert(a: string, b?: string, c?: string): string {
    const [title, prompt, buttons] = b === undefined ? ['', a, 'OK'] : c === undefined ? ['', a, b] : [a, b, c];
    this.host.ui.alerts.push({ title: String(title), prompt: String(prompt), buttons: String(buttons) });
    return this.host.ui.responses.shift()?.button ?? 'OK';
  }
  prompt(a: string, b?: string, c?: string): { getResponseText(): string; getSelectedButton(): string } {
    const [title, prompt, buttons] = b === undefined ? ['', a, 'OK'] : c === undefined ? ['', a, b] : [a, b, c];
    this.host.ui.prompts.push({ title: String(title), prompt: String(prompt), buttons: String(buttons) });
    const r = this.host.ui.responses.shift() ?? { button: 'OK', text: '' };
    return { getResponseText: () => r.text ?? '', getSelectedButton: () => r.button };
  }
}

export class SpreadsheetAppImpl extends ServiceObject {
  static override serviceName = 'SpreadsheetApp';
  readonly ProtectionType = { RANGE: 'RANGE', SHEET: 'SHEET' };
  readonly SheetType = { GRID: 'GRID', OBJECT: 'OBJECT' };
  readonly DeveloperMetadataVisibility = { ...VISIBILITY };
  readonly DeveloperMetadataLocationType = { ...LOCATION_TYPE };
  private readonly ui: UiImpl;
  constructor(private host: Host, private ss: Spreadsheet) {
    super();
    this.ui = new UiImpl(host);
  }
  getActive(): Spreadsheet {
    return this.ss;
  }
  getActiveSpreadsheet(): Spreadsheet {
    return this.ss;
  }
  getActiveSheet(): Sheet {
    return this.ss.getActiveSheet();
  }
  getActiveRange(): Range | null {
    return this.ss.getActiveRange();
  }
  setActiveSheet(sheet: Sheet): Sheet {
    return this.ss.setActiveSheet(sheet);
  }
  getUi(): UiImpl {
    if (!this.host.uiAvailable()) fail(MESSAGES.noUi('SpreadsheetApp.getUi'));
    return this.ui;
  }
  flush(): void {}
  /** The manifest only grants spreadsheets.currentonly: opening another file is refused. */
  openById(_id: string): never {
    fail(`${MESSAGES.permission('SpreadsheetApp.openById')}. Required permissions: https://www.googleapis.com/auth/spreadsheets`);
  }
  openByUrl(_url: string): never {
    fail(`${MESSAGES.permission('SpreadsheetApp.openByUrl')}. Required permissions: https://www.googleapis.com/auth/spreadsheets`);
  }
}
