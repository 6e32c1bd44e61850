/** Spreadsheet: the sheets, their order and names, locale and time zone, the 10M-cell limit. */
import { columnLetters, parseA1, quoteSheetName } from '../a1';
import { MESSAGES, fail, typeNames } from '../errors';
import { type Host, ServiceObject } from '../host';
import { DEFAULT_COLUMNS, DEFAULT_ROWS, MAX_CELLS, isInt } from './grid';
import { DeveloperMetadata, DeveloperMetadataFinder, METADATA_CHARS_LIMIT, METADATA_MESSAGES, type MetaLocation, metadataArgs } from './metadata';
import { Protection, SheetUser } from './protection';
import { Range } from './range';
import { Sheet } from './sheet';

export class Spreadsheet extends ServiceObject {
  static override serviceName = 'Spreadsheet';
  _sheets: Sheet[] = [];
  _active: Sheet | null = null;
  _activeRange: Range | null = null;
  /** The ranges of a multi-range selection (RangeList.activate), else null. */
  _activeRanges: Range[] | null = null;
  _formUrlBySheet = new Map<number, string>();
  /** Developer metadata of the spreadsheet, its sheets, rows and columns (metadata.ts). */
  _metadata: DeveloperMetadata[] = [];
  private nextSheetId = 0;
  private nextMetadataId = 0;

  constructor(
    readonly _host: Host,
    readonly _id: string,
    private name: string,
    private locale: string,
    private timeZone: string,
  ) {
    super();
  }
  _addSheet(name: string, index: number, rows = DEFAULT_ROWS, cols = DEFAULT_COLUMNS): Sheet {
    if (this._sheets.some((s) => s.getName().toLowerCase() === name.toLowerCase())) fail(MESSAGES.sheetExists(name));
    this._checkGrowth(rows * cols);
    const id = this.nextSheetId === 0 ? 0 : 100000000 + ((this.nextSheetId * 7919) % 900000000);
    this.nextSheetId++;
    const sheet = new Sheet(this, this._host, name, id, rows, cols);
    this._sheets.splice(Math.max(0, Math.min(index, this._sheets.length)), 0, sheet);
    if (!this._active) this._active = sheet;
    return sheet;
  }
  _addMetadata(loc: MetaLocation, key: string, value: string | null, visibility: string): DeveloperMetadata {
    this._checkMetadataRoom(loc, key.length + (value ?? '').length);
    // Ids are positive and spreadsheet-wide; Google assigns them at random, the runtime in a
    // fixed scattered order so code cannot come to rely on them being small or consecutive.
    const id = 1 + ((++this.nextMetadataId * 48271) % 2147483646);
    const m = new DeveloperMetadata(this, id, key, value, visibility, loc);
    this._metadata.push(m);
    return m;
  }
  /** The spreadsheet and each sheet hold at most METADATA_CHARS_LIMIT characters of metadata. */
  _checkMetadataRoom(loc: MetaLocation, extra: number): void {
    const owner = (l: MetaLocation) => (l.type === 'SPREADSHEET' ? null : l.sheet);
    const target = owner(loc);
    const used = this._metadata.filter((m) => owner(m._location) === target).reduce((n, m) => n + m._chars, 0);
    if (used + extra > METADATA_CHARS_LIMIT) fail(METADATA_MESSAGES.tooLarge(target ? `the sheet "${target.getName()}"` : 'the spreadsheet'));
  }
  _totalCells(): number {
    return this._sheets.reduce((n, s) => n + s._maxRows * s._maxCols, 0);
  }
  _checkGrowth(extraCells: number): void {
    if (this._totalCells() + extraCells > MAX_CELLS) fail(MESSAGES.tooManyCells);
  }
  _activate(sheet: Sheet, range?: Range, ranges?: Range[]): void {
    this._active = sheet;
    this._activeRange = range ?? null;
    this._activeRanges = ranges && ranges.length > 1 ? ranges : null;
  }

  getId(): string {
    return this._id;
  }
  getName(): string {
    return this.name;
  }
  rename(name: string): void {
    this.name = String(name);
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this._id}/edit`;
  }
  getSpreadsheetLocale(): string {
    return this.locale;
  }
  setSpreadsheetLocale(locale: string): void {
    this.locale = String(locale);
  }
  getSpreadsheetTimeZone(): string {
    return this.timeZone;
  }
  setSpreadsheetTimeZone(tz: string): void {
    this.timeZone = String(tz);
  }
  getSheets(): Sheet[] {
    return [...this._sheets];
  }
  getNumSheets(): number {
    return this._sheets.length;
  }
  getSheetByName(name: string): Sheet | null {
    return this._sheets.find((s) => s.getName() === String(name)) ?? null;
  }
  getSheetById(id: number): Sheet | null {
    return this._sheets.find((s) => s._id === id) ?? null;
  }
  insertSheet(a?: string | number, b?: number): Sheet {
    let name: string | undefined;
    let index = this._sheets.length;
    if (typeof a === 'string') {
      name = a;
      if (typeof b === 'number') index = b;
    } else if (typeof a === 'number') index = a;
    if (name === undefined) {
      let k = this._sheets.length + 1;
      while (this.getSheetByName(`Sheet${k}`)) k++;
      name = `Sheet${k}`;
    }
    const sheet = this._addSheet(name, index);
    this._activate(sheet);
    return sheet;
  }
  deleteSheet(sheet: Sheet): void {
    if (!(sheet instanceof Sheet) || !this._sheets.includes(sheet)) fail(MESSAGES.signature(typeNames([sheet]), 'SpreadsheetApp.Spreadsheet.deleteSheet'));
    if (this._sheets.filter((s) => s !== sheet && !s._hidden).length === 0) fail(MESSAGES.removeAllSheets);
    // A protected sheet can only be deleted by someone allowed to edit it.
    for (const p of sheet._protections) if (p.getProtectionType() === 'SHEET' && !p.canEdit()) fail(MESSAGES.protectedCell);
    this._sheets = this._sheets.filter((s) => s !== sheet);
    this._metadata = this._metadata.filter((m) => m._location.type === 'SPREADSHEET' || m._location.sheet !== sheet);
    if (this._active === sheet) this._activate(this._sheets.find((s) => !s._hidden) ?? this._sheets[0]);
  }
  getActiveSheet(): Sheet {
    return this._active ?? this._sheets[0];
  }
  /** Moves the active sheet to a 1-based position. */
  moveActiveSheet(pos: number): void {
    const sheet = this.getActiveSheet();
    if (!isInt(pos) || pos < 1 || pos > this._sheets.length) fail(MESSAGES.invalidArgument('pos'));
    this._sheets = this._sheets.filter((s) => s !== sheet);
    this._sheets.splice(pos - 1, 0, sheet);
  }
  getRangeByName(_name: string): Range | null {
    return null;
  }
  setActiveSheet(sheet: Sheet): Sheet {
    this._activate(sheet);
    return sheet;
  }
  getActiveRange(): Range | null {
    return this._activeRange ?? this.getActiveSheet().getRange(1, 1);
  }
  setActiveRange(range: Range): Range {
    this._activate(range._sheet, range);
    return range;
  }
  setActiveSelection(sel: Range | string): Range {
    const range = typeof sel === 'string' ? this.getRange(sel) : sel;
    return this.setActiveRange(range);
  }
  getRange(a1: string): Range {
    if (typeof a1 !== 'string') fail(MESSAGES.signature(typeNames([a1]), 'SpreadsheetApp.Spreadsheet.getRange'));
    const parsed = parseA1(a1);
    if (!parsed) fail(MESSAGES.rangeNotFound);
    const sheet = parsed.sheet !== undefined ? this.getSheetByName(parsed.sheet) : this.getActiveSheet();
    if (!sheet) fail(MESSAGES.rangeNotFound);
    return sheet.getRange(a1.includes('!') ? a1.slice(a1.lastIndexOf('!') + 1) : a1);
  }
  toast(message: string, title = '', timeoutSeconds = 5): void {
    this._host.ui.toasts.push({ message: String(message), title: String(title), timeoutSeconds });
  }
  getFormUrl(): string | null {
    return this._host.formUrlForSpreadsheet(this._id);
  }
  getOwner(): SheetUser {
    return new SheetUser(this._host.owner());
  }
  getProtections(type: string): Protection[] {
    return this._sheets.flatMap((s) => s.getProtections(type));
  }
  /** The owner and everyone the spreadsheet is shared with for editing. */
  getEditors(): SheetUser[] {
    return [this._host.owner(), ...this._host.editors()].map((e) => new SheetUser(e));
  }
  addDeveloperMetadata(...args: unknown[]): Spreadsheet {
    const { key, value, visibility } = metadataArgs(args);
    this._addMetadata({ type: 'SPREADSHEET' }, key, value, visibility);
    return this;
  }
  /** Metadata on the spreadsheet itself (not its sheets, rows or columns). */
  getDeveloperMetadata(): DeveloperMetadata[] {
    return this._metadata.filter((m) => m._location.type === 'SPREADSHEET');
  }
  createDeveloperMetadataFinder(): DeveloperMetadataFinder {
    return new DeveloperMetadataFinder(this, {});
  }
}

/** A1 of a range including its sheet, e.g. "'Sheet 1'!A1:C3". */
export function fullA1(range: Range): string {
  return `${quoteSheetName(range._sheet.getName())}!${range.getA1Notation()}`;
}

export { columnLetters };
