/** Range: one block of a sheet, 1-based, with Apps Script's value types and errors. */
import { toA1 } from '../a1';
import { MESSAGES, fail } from '../errors';
import { ServiceObject } from '../host';
import { type CellValue, DEFAULT_NUMBER_FORMAT, displayValue } from '../values';
import { type Box, FORMAT_LAYERS, type Layer, check2D, checkShape, intersects, normColor } from './grid';
import { DeveloperMetadata, DeveloperMetadataFinder, dimensionOf, metadataArgs } from './metadata';
import { Protection } from './protection';
import { Sheet } from './sheet';

export class Range extends ServiceObject {
  static override serviceName = 'Range';
  constructor(
    readonly _sheet: Sheet,
    readonly _row: number,
    readonly _col: number,
    readonly _numRows: number,
    readonly _numCols: number,
  ) {
    super();
  }
  get _box(): Box {
    return { row: this._row, col: this._col, numRows: this._numRows, numCols: this._numCols };
  }
  getRow(): number {
    return this._row;
  }
  getRowIndex(): number {
    return this._row;
  }
  getColumn(): number {
    return this._col;
  }
  getNumRows(): number {
    return this._numRows;
  }
  getNumColumns(): number {
    return this._numCols;
  }
  getHeight(): number {
    return this._numRows;
  }
  getWidth(): number {
    return this._numCols;
  }
  getLastRow(): number {
    return this._row + this._numRows - 1;
  }
  getLastColumn(): number {
    return this._col + this._numCols - 1;
  }
  getSheet(): Sheet {
    return this._sheet;
  }
  getA1Notation(): string {
    return toA1(this._row, this._col, this._numRows, this._numCols);
  }
  getCell(row: number, col: number): Range {
    if (row < 1 || col < 1 || row > this._numRows || col > this._numCols) fail(MESSAGES.cellOutOfRange);
    return new Range(this._sheet, this._row + row - 1, this._col + col - 1, 1, 1);
  }
  offset(rowOffset: number, colOffset: number, numRows?: number, numCols?: number): Range {
    return this._sheet.getRange(this._row + rowOffset, this._col + colOffset, numRows ?? this._numRows, numCols ?? this._numCols);
  }
  activate(): Range {
    this._sheet._ss._activate(this._sheet, this);
    return this;
  }
  isBlank(): boolean {
    return this._sheet._read(this._box, (r, c) => this._sheet._isEmpty(r, c)).every((row) => row.every(Boolean));
  }

  // ---- values
  getValues(): CellValue[][] {
    return this._sheet._readValues(this._box);
  }
  getValue(): CellValue {
    return this._sheet._readValues({ ...this._box, numRows: 1, numCols: 1 })[0][0];
  }
  getDisplayValues(): string[][] {
    const s = this._sheet;
    const values = s._readValues(this._box);
    const tz = s._host.timeZone();
    return values.map((row, i) => row.map((v, j) => displayValue(v, String(s._get('numberFormat', this._row + i, this._col + j)), tz)));
  }
  getDisplayValue(): string {
    return this.getCell(1, 1).getDisplayValues()[0][0];
  }
  setValues(values: unknown[][]): Range {
    const data = check2D(values, 'SpreadsheetApp.Range.setValues');
    checkShape(data, this._box);
    this._sheet._writeInputs(this._box, data);
    return this;
  }
  setValue(value: unknown): Range {
    const row = new Array(this._numCols).fill(value);
    this._sheet._writeInputs(this._box, Array.from({ length: this._numRows }, () => row));
    return this;
  }
  getFormulas(): string[][] {
    return this._sheet._read(this._box, (r, c) => String(this._sheet._get('formula', r, c)));
  }
  getFormula(): string {
    return String(this._sheet._get('formula', this._row, this._col));
  }
  setFormulas(formulas: unknown[][]): Range {
    const data = check2D(formulas, 'SpreadsheetApp.Range.setFormulas');
    checkShape(data, this._box);
    this._sheet._writeInputs(this._box, data.map((r) => r.map((f) => (f === '' || f === null || f === undefined ? '' : String(f)))), true);
    return this;
  }
  setFormula(formula: string): Range {
    return this.setFormulas(Array.from({ length: this._numRows }, () => new Array(this._numCols).fill(formula)));
  }

  // ---- notes and formats
  private layerGet(layer: Layer): unknown[][] {
    return this._sheet._read(this._box, (r, c) => this._sheet._get(layer, r, c));
  }
  private layerSet(layer: Layer, data: unknown[][], method: string, norm: (v: unknown) => unknown): Range {
    const d = check2D(data, `SpreadsheetApp.Range.${method}`);
    checkShape(d, this._box);
    this._sheet._checkProtection(this._box);
    d.forEach((row, i) => row.forEach((v, j) => this._sheet._set(layer, this._row + i, this._col + j, norm(v))));
    this._sheet._dirty();
    return this;
  }
  private layerFill(layer: Layer, v: unknown, method: string, norm: (v: unknown) => unknown): Range {
    return this.layerSet(layer, Array.from({ length: this._numRows }, () => new Array(this._numCols).fill(v)), method, norm);
  }
  getNotes(): string[][] {
    return this.layerGet('note') as string[][];
  }
  getNote(): string {
    return String(this._sheet._get('note', this._row, this._col));
  }
  setNotes(notes: unknown[][]): Range {
    return this.layerSet('note', notes, 'setNotes', (v) => (v === null || v === undefined ? '' : String(v)));
  }
  setNote(note: unknown): Range {
    return this.layerFill('note', note, 'setNote', (v) => (v === null || v === undefined ? '' : String(v)));
  }
  clearNote(): Range {
    return this.setNote('');
  }
  getBackgrounds(): string[][] {
    return this.layerGet('background') as string[][];
  }
  getBackground(): string {
    return String(this._sheet._get('background', this._row, this._col));
  }
  setBackgrounds(colors: unknown[][]): Range {
    return this.layerSet('background', colors, 'setBackgrounds', normColor);
  }
  setBackground(color: unknown): Range {
    return this.layerFill('background', color, 'setBackground', normColor);
  }
  getNumberFormats(): string[][] {
    return this.layerGet('numberFormat') as string[][];
  }
  getNumberFormat(): string {
    return String(this._sheet._get('numberFormat', this._row, this._col));
  }
  setNumberFormats(formats: unknown[][]): Range {
    return this.layerSet('numberFormat', formats, 'setNumberFormats', (v) => (v ? String(v) : DEFAULT_NUMBER_FORMAT));
  }
  setNumberFormat(format: unknown): Range {
    return this.layerFill('numberFormat', format, 'setNumberFormat', (v) => (v ? String(v) : DEFAULT_NUMBER_FORMAT));
  }
  getFontWeights(): string[][] {
    return this.layerGet('fontWeight') as string[][];
  }
  getFontWeight(): string {
    return String(this._sheet._get('fontWeight', this._row, this._col));
  }
  setFontWeights(w: unknown[][]): Range {
    return this.layerSet('fontWeight', w, 'setFontWeights', (v) => (v === 'bold' ? 'bold' : 'normal'));
  }
  setFontWeight(w: unknown): Range {
    return this.layerFill('fontWeight', w, 'setFontWeight', (v) => (v === 'bold' ? 'bold' : 'normal'));
  }
  getFontColors(): string[][] {
    return this.layerGet('fontColor') as string[][];
  }
  setFontColor(c: unknown): Range {
    return this.layerFill('fontColor', c, 'setFontColor', (v) => (v ? normColor(v) : '#000000'));
  }
  setFontColors(c: unknown[][]): Range {
    return this.layerSet('fontColor', c, 'setFontColors', (v) => (v ? normColor(v) : '#000000'));
  }
  setWrap(_w: boolean): Range {
    return this;
  }
  setHorizontalAlignment(_a: string): Range {
    return this;
  }
  setVerticalAlignment(_a: string): Range {
    return this;
  }

  // ---- clearing
  clearContent(): Range {
    this._sheet._clear(this._box, ['value', 'formula']);
    return this;
  }
  clearFormat(): Range {
    this._sheet._clear(this._box, FORMAT_LAYERS);
    return this;
  }
  /** Contents and formats; notes stay (Apps Script: clearNote() removes them). */
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): Range {
    const layers: Layer[] = [];
    if (!options?.formatOnly) layers.push('value', 'formula');
    if (!options?.contentsOnly) layers.push(...FORMAT_LAYERS);
    this._sheet._clear(this._box, layers);
    return this;
  }

  // ---- developer metadata (a range stands for one whole row or column)
  addDeveloperMetadata(...args: unknown[]): Range {
    const loc = dimensionOf(this);
    const { key, value, visibility } = metadataArgs(args);
    this._sheet._ss._addMetadata(loc, key, value, visibility);
    return this;
  }
  /** Metadata whose location is exactly this row or column. */
  getDeveloperMetadata(): DeveloperMetadata[] {
    return new DeveloperMetadataFinder(this._sheet._ss, { range: this }).find();
  }
  createDeveloperMetadataFinder(): DeveloperMetadataFinder {
    return new DeveloperMetadataFinder(this._sheet._ss, { range: this });
  }

  // ---- sorting and protection
  /**
   * sort(1) / sort({column: 2, ascending: false}) / sort([{column: 2}, 1]): columns are sheet
   * column numbers, as in Apps Script.
   */
  sort(sortSpecObj: unknown): Range {
    const list = Array.isArray(sortSpecObj) ? sortSpecObj : [sortSpecObj];
    const specs = list.map((x) => {
      if (typeof x === 'number') return { column: x, ascending: true };
      if (x && typeof x === 'object' && typeof (x as { column?: unknown }).column === 'number') {
        const o = x as { column: number; ascending?: boolean };
        return { column: o.column, ascending: o.ascending !== false };
      }
      return fail(MESSAGES.invalidArgument('sort_specs'));
    });
    this._sheet._sortRows(this._box, specs);
    return this;
  }
  /** Protects this range; like Sheet.protect(), it mirrors the spreadsheet's editors at first. */
  protect(): Protection {
    const host = this._sheet._host;
    const creator = host.activeUser() || host.effectiveUser();
    const p = new Protection(this._sheet, this._box, '', [...host.editors(), creator], false, creator);
    this._sheet._protections.push(p);
    return p;
  }

  // ---- merges
  merge(): Range {
    this._sheet._checkProtection(this._box);
    const s = this._sheet;
    s._merges = s._merges.filter((m) => !intersects(m, this._box));
    if (this._numRows * this._numCols > 1) s._merges.push(this._box);
    // Only the top-left cell keeps its content.
    for (let r = this._row; r < this._row + this._numRows; r++)
      for (let c = this._col; c < this._col + this._numCols; c++) if (r !== this._row || c !== this._col) s._clearCell(r, c, ['value', 'formula']);
    s._dirty();
    return this;
  }
  breakApart(): Range {
    this._sheet._merges = this._sheet._merges.filter((m) => !intersects(m, this._box));
    return this;
  }
  isPartOfMerge(): boolean {
    return this._sheet._merges.some((m) => intersects(m, this._box));
  }
  getMergedRanges(): Range[] {
    return this._sheet._merges.filter((m) => intersects(m, this._box)).map((m) => new Range(this._sheet, m.row, m.col, m.numRows, m.numCols));
  }
}
