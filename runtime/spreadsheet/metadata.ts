/**
 * Developer metadata: key/value pairs attached to the spreadsheet, a sheet, or one whole row or
 * column, that stay with what they are attached to (Sheets API reference, DeveloperMetadata: "if
 * developer metadata is associated with row 5 and another row is then subsequently inserted above
 * row 5, that original metadata is still associated with the row it was first associated with
 * (what is now row 6). If the associated object is deleted its metadata is deleted too.").
 *
 * Limits the runtime enforces, as we understand Google's (they could not be re-checked offline):
 * a row or column location must be exactly ONE whole row or column (the API's DimensionRange
 * "must represent a single row or column; it cannot be unbounded or span multiple rows or
 * columns"), and the spreadsheet and each sheet hold at most 30,000 characters of metadata
 * (keys plus values; a sheet's rows and columns count towards their sheet).
 */
import { MESSAGES, fail, typeNames } from '../errors';
import { ServiceObject } from '../host';
import { Range } from './range';
import type { Sheet } from './sheet';
import type { Spreadsheet } from './spreadsheet';

export const METADATA_CHARS_LIMIT = 30000;
export const METADATA_MESSAGES = {
  arbitraryRange:
    'Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.',
  tooLarge: (where: string) => `The total size of developer metadata on ${where} would exceed the limit of ${METADATA_CHARS_LIMIT} characters.`,
};

export type MetaLocation =
  | { type: 'SPREADSHEET' }
  | { type: 'SHEET'; sheet: Sheet }
  | { type: 'ROW'; sheet: Sheet; index: number }
  | { type: 'COLUMN'; sheet: Sheet; index: number };

export const VISIBILITY = { DOCUMENT: 'DOCUMENT', PROJECT: 'PROJECT' } as const;
export const LOCATION_TYPE = { SPREADSHEET: 'SPREADSHEET', SHEET: 'SHEET', ROW: 'ROW', COLUMN: 'COLUMN' } as const;

export class DeveloperMetadata extends ServiceObject {
  static override serviceName = 'DeveloperMetadata';
  constructor(
    readonly _ss: Spreadsheet,
    readonly _id: number,
    public _key: string,
    public _value: string | null,
    public _visibility: string,
    public _location: MetaLocation,
  ) {
    super();
  }
  get _chars(): number {
    return this._key.length + (this._value ?? '').length;
  }
  getId(): number {
    return this._id;
  }
  getKey(): string {
    return this._key;
  }
  getValue(): string | null {
    return this._value;
  }
  getVisibility(): string {
    return this._visibility;
  }
  getLocation(): DeveloperMetadataLocation {
    return new DeveloperMetadataLocation(this._ss, this._location);
  }
  setKey(key: string): DeveloperMetadata {
    if (typeof key !== 'string' || key === '') fail(MESSAGES.invalidArgument('key'));
    this._ss._checkMetadataRoom(this._location, key.length - this._key.length);
    this._key = key;
    return this;
  }
  setValue(value: string): DeveloperMetadata {
    const v = value === null || value === undefined ? null : String(value);
    this._ss._checkMetadataRoom(this._location, (v ?? '').length - (this._value ?? '').length);
    this._value = v;
    return this;
  }
  setVisibility(v: string): DeveloperMetadata {
    this._visibility = String(v);
    return this;
  }
  remove(): void {
    this._ss._metadata = this._ss._metadata.filter((m) => m !== this);
  }
  private moveTo(loc: MetaLocation): DeveloperMetadata {
    this._ss._checkMetadataRoom(loc, this._chars);
    this._location = loc;
    return this;
  }
  moveToRow(row: Range): DeveloperMetadata {
    return this.moveTo(dimensionOf(row, 'ROW'));
  }
  moveToColumn(column: Range): DeveloperMetadata {
    return this.moveTo(dimensionOf(column, 'COLUMN'));
  }
  moveToSheet(sheet: Sheet): DeveloperMetadata {
    return this.moveTo({ type: 'SHEET', sheet });
  }
  moveToSpreadsheet(): DeveloperMetadata {
    return this.moveTo({ type: 'SPREADSHEET' });
  }
}

export class DeveloperMetadataLocation extends ServiceObject {
  static override serviceName = 'DeveloperMetadataLocation';
  constructor(private readonly ss: Spreadsheet, private readonly loc: MetaLocation) {
    super();
  }
  getLocationType(): string {
    return this.loc.type;
  }
  getSpreadsheet(): Spreadsheet | null {
    return this.loc.type === 'SPREADSHEET' ? this.ss : null;
  }
  getSheet(): Sheet | null {
    return this.loc.type === 'SHEET' ? this.loc.sheet : null;
  }
  getRow(): Range | null {
    const l = this.loc;
    return l.type === 'ROW' ? new Range(l.sheet, l.index, 1, 1, l.sheet._maxCols) : null;
  }
  getColumn(): Range | null {
    const l = this.loc;
    return l.type === 'COLUMN' ? new Range(l.sheet, 1, l.index, l.sheet._maxRows, 1) : null;
  }
}

/** The location a Range stands for: exactly one whole row or one whole column. */
export function dimensionOf(range: Range, want?: 'ROW' | 'COLUMN'): MetaLocation {
  if (!(range instanceof Range)) fail(MESSAGES.signature(typeNames([range]), 'SpreadsheetApp.Range.addDeveloperMetadata'));
  const s = range._sheet;
  const wholeRow = range._col === 1 && range._numCols === s._maxCols && range._numRows === 1;
  const wholeCol = range._row === 1 && range._numRows === s._maxRows && range._numCols === 1;
  if (wholeRow && want !== 'COLUMN') return { type: 'ROW', sheet: s, index: range._row };
  if (wholeCol && want !== 'ROW') return { type: 'COLUMN', sheet: s, index: range._col };
  fail(METADATA_MESSAGES.arbitraryRange);
}

/** The (key, value, visibility) forms of addDeveloperMetadata. */
export function metadataArgs(args: unknown[]): { key: string; value: string | null; visibility: string } {
  const [key, b, c] = args;
  if (typeof key !== 'string' || key === '') fail(MESSAGES.signature(typeNames(args), 'SpreadsheetApp.Spreadsheet.addDeveloperMetadata'));
  const isVisibility = (v: unknown) => v === VISIBILITY.DOCUMENT || v === VISIBILITY.PROJECT;
  if (args.length === 1) return { key, value: null, visibility: VISIBILITY.DOCUMENT };
  if (args.length === 2) return isVisibility(b) ? { key, value: null, visibility: String(b) } : { key, value: String(b), visibility: VISIBILITY.DOCUMENT };
  return { key, value: String(b), visibility: isVisibility(c) ? String(c) : VISIBILITY.DOCUMENT };
}

export class DeveloperMetadataFinder extends ServiceObject {
  static override serviceName = 'DeveloperMetadataFinder';
  private filters: Array<(m: DeveloperMetadata) => boolean> = [];
  private intersecting = false;
  constructor(
    private readonly ss: Spreadsheet,
    /** Search scope: the whole spreadsheet, one sheet, or one range. */
    private readonly scope: { sheet?: Sheet; range?: Range },
  ) {
    super();
  }
  withKey(key: string): DeveloperMetadataFinder {
    this.filters.push((m) => m._key === String(key));
    return this;
  }
  withValue(value: string): DeveloperMetadataFinder {
    this.filters.push((m) => m._value === String(value));
    return this;
  }
  withId(id: number): DeveloperMetadataFinder {
    this.filters.push((m) => m._id === Number(id));
    return this;
  }
  withLocationType(type: string): DeveloperMetadataFinder {
    this.filters.push((m) => m._location.type === String(type));
    return this;
  }
  withVisibility(v: string): DeveloperMetadataFinder {
    this.filters.push((m) => m._visibility === String(v));
    return this;
  }
  onIntersectingLocations(): DeveloperMetadataFinder {
    this.intersecting = true;
    return this;
  }
  find(): DeveloperMetadata[] {
    return this.ss._metadata.filter((m) => this.inScope(m) && this.filters.every((f) => f(m)));
  }
  private inScope(m: DeveloperMetadata): boolean {
    const { sheet, range } = this.scope;
    const l = m._location;
    if (range) {
      if (l.type !== 'ROW' && l.type !== 'COLUMN') return false;
      if (l.sheet !== range._sheet) return false;
      const within = (i: number, lo: number, n: number) => i >= lo && i < lo + n;
      if (this.intersecting) return l.type === 'ROW' ? within(l.index, range._row, range._numRows) : within(l.index, range._col, range._numCols);
      // Without onIntersectingLocations, only metadata whose location IS the range.
      const loc = (() => {
        try {
          return dimensionOf(range);
        } catch {
          return null;
        }
      })();
      return !!loc && loc.type === l.type && 'index' in loc && loc.index === l.index;
    }
    if (sheet) return l.type !== 'SPREADSHEET' && l.sheet === sheet;
    return true;
  }
}
