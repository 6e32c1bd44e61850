/**
 * In-memory Spreadsheet / Sheet / Range with Apps Script semantics (1-based, typed values,
 * Apps Script's error texts). Host code (tests) may call these objects directly; the vm sees
 * them through the counting boundary (boundary.ts).
 */
import { columnLetters, parseA1, quoteSheetName, toA1 } from './a1';
import { MESSAGES, fail, typeNames } from './errors';
import { Host, ServiceObject } from './host';
import { CellValue, DEFAULT_NUMBER_FORMAT, displayValue, isDate, parseInput } from './values';

export const MAX_CELLS = 10_000_000;
export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;

type Layer = 'value' | 'formula' | 'note' | 'background' | 'numberFormat' | 'fontWeight' | 'fontColor';
const DEFAULTS: Record<Layer, unknown> = {
  value: '',
  formula: '',
  note: '',
  background: '#ffffff',
  numberFormat: DEFAULT_NUMBER_FORMAT,
  fontWeight: 'normal',
  fontColor: '#000000',
};
const LAYERS = Object.keys(DEFAULTS) as Layer[];
const FORMAT_LAYERS: Layer[] = ['background', 'numberFormat', 'fontWeight', 'fontColor'];

export interface Box {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

function intersects(a: Box, b: Box): boolean {
  return a.row < b.row + b.numRows && b.row < a.row + a.numRows && a.col < b.col + b.numCols && b.col < a.col + a.numCols;
}

function isInt(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

function check2D(values: unknown, method: string): unknown[][] {
  if (!Array.isArray(values) || values.some((r) => !Array.isArray(r))) fail(MESSAGES.signature(typeNames([values]), method));
  return values as unknown[][];
}

function checkShape(data: unknown[][], box: Box): void {
  if (data.length !== box.numRows) fail(MESSAGES.rowsMismatch(data.length, box.numRows));
  for (const row of data) if (row.length !== box.numCols) fail(MESSAGES.colsMismatch(row.length, box.numCols));
}

/** In-place splice without spreading (row counts can exceed the engine's argument limit). */
function spliceArray<T>(arr: T[], at: number, deleteCount: number, insertCount: number): void {
  if (arr.length <= at) return;
  const tail = arr.slice(at + deleteCount);
  arr.length = at;
  for (let i = 0; i < insertCount; i++) arr.push(undefined as T);
  for (const x of tail) arr.push(x);
}

function copyValue(v: unknown): unknown {
  return isDate(v) ? new Date(v.getTime()) : v;
}

function normColor(c: unknown): string {
  if (c === null || c === undefined || c === '') return '#ffffff';
  const s = String(c).toLowerCase();
  const named: Record<string, string> = { white: '#ffffff', black: '#000000', red: '#ff0000', yellow: '#ffff00', green: '#008000', blue: '#0000ff' };
  if (named[s]) return named[s];
  if (/^#[0-9a-f]{3}$/.test(s)) return '#' + [...s.slice(1)].map((x) => x + x).join('');
  return s;
}

export class Protection extends ServiceObject {
  static override serviceName = 'Protection';
  constructor(
    readonly _sheet: Sheet,
    readonly _box: Box | null,
    private description: string,
    /** Users allowed to edit; the owner always may. */
    readonly _editors: string[],
    private warningOnly: boolean,
  ) {
    super();
  }
  getDescription(): string {
    return this.description;
  }
  setDescription(d: string): Protection {
    this.description = String(d);
    return this;
  }
  getProtectionType(): string {
    return this._box ? 'RANGE' : 'SHEET';
  }
  getRange(): Range {
    const b = this._box ?? { row: 1, col: 1, numRows: this._sheet.getMaxRows(), numCols: this._sheet.getMaxColumns() };
    return new Range(this._sheet, b.row, b.col, b.numRows, b.numCols);
  }
  isWarningOnly(): boolean {
    return this.warningOnly;
  }
  setWarningOnly(w: boolean): Protection {
    this.warningOnly = !!w;
    return this;
  }
  canEdit(): boolean {
    const user = this._sheet._host.activeUser() || this._sheet._host.effectiveUser();
    return this.warningOnly || user === this._sheet._host.owner() || this._editors.includes(user);
  }
  getEditors(): SheetUser[] {
    return [this._sheet._host.owner(), ...this._editors].map((e) => new SheetUser(e));
  }
  remove(): void {
    this._sheet._protections = this._sheet._protections.filter((p) => p !== this);
  }
}

export class Filter extends ServiceObject {
  static override serviceName = 'Filter';
  constructor(readonly _sheet: Sheet, readonly _box: Box, readonly _hiddenRows: number[]) {
    super();
  }
  getRange(): Range {
    return new Range(this._sheet, this._box.row, this._box.col, this._box.numRows, this._box.numCols);
  }
  remove(): void {
    this._sheet._filter = null;
  }
}

export class EmbeddedChartOptions extends ServiceObject {
  static override serviceName = 'ChartOptions';
  constructor(private readonly options: Record<string, unknown>) {
    super();
  }
  get(option: string): unknown {
    return this.options[String(option)] ?? null;
  }
  getOrDefault(option: string): unknown {
    return this.get(option);
  }
}

export class ContainerInfo extends ServiceObject {
  static override serviceName = 'ContainerInfo';
  constructor(private readonly p: { row: number; col: number; offsetX: number; offsetY: number }) {
    super();
  }
  getAnchorRow(): number {
    return this.p.row;
  }
  getAnchorColumn(): number {
    return this.p.col;
  }
  getOffsetX(): number {
    return this.p.offsetX;
  }
  getOffsetY(): number {
    return this.p.offsetY;
  }
}

export class SheetUser extends ServiceObject {
  static override serviceName = 'User';
  constructor(private readonly email: string) {
    super();
  }
  getEmail(): string {
    return this.email;
  }
}

export class EmbeddedChart extends ServiceObject {
  static override serviceName = 'EmbeddedChart';
  constructor(
    readonly _id: string,
    readonly _type: string,
    readonly _ranges: Range[],
    readonly _options: Record<string, unknown>,
    readonly _position: { row: number; col: number; offsetX: number; offsetY: number },
  ) {
    super();
  }
  getChartId(): number {
    return Number(this._id.replace(/\D/g, ''));
  }
  getId(): string {
    return this._id;
  }
  getRanges(): Range[] {
    return [...this._ranges];
  }
  getOptions(): EmbeddedChartOptions {
    return new EmbeddedChartOptions({ ...this._options });
  }
  getContainerInfo(): ContainerInfo {
    return new ContainerInfo({ ...this._position });
  }
  getType(): string {
    return this._type;
  }
  modify(): EmbeddedChartBuilder {
    const b = new EmbeddedChartBuilder(this._ranges[0]?._sheet as Sheet, this._id);
    b._type = this._type;
    b._ranges = [...this._ranges];
    b._options = { ...this._options };
    b._position = { ...this._position };
    return b;
  }
}

export class EmbeddedChartBuilder extends ServiceObject {
  static override serviceName = 'EmbeddedChartBuilder';
  _type = 'LINE';
  _ranges: Range[] = [];
  _options: Record<string, unknown> = {};
  _position = { row: 1, col: 1, offsetX: 0, offsetY: 0 };
  constructor(readonly _sheet: Sheet, readonly _id?: string) {
    super();
  }
  setChartType(type: string): EmbeddedChartBuilder {
    this._type = String(type);
    return this;
  }
  addRange(range: Range): EmbeddedChartBuilder {
    if (!(range instanceof Range)) fail(MESSAGES.signature(typeNames([range]), 'SpreadsheetApp.EmbeddedChartBuilder.addRange'));
    this._ranges.push(range);
    return this;
  }
  clearRanges(): EmbeddedChartBuilder {
    this._ranges = [];
    return this;
  }
  removeRange(range: Range): EmbeddedChartBuilder {
    this._ranges = this._ranges.filter((r) => r.getA1Notation() !== range.getA1Notation());
    return this;
  }
  getRanges(): Range[] {
    return [...this._ranges];
  }
  getChartType(): string {
    return this._type;
  }
  setPosition(row: number, col: number, offsetX: number, offsetY: number): EmbeddedChartBuilder {
    this._position = { row, col, offsetX, offsetY };
    return this;
  }
  setOption(key: string, value: unknown): EmbeddedChartBuilder {
    this._options[String(key)] = value;
    return this;
  }
  setNumHeaders(n: number): EmbeddedChartBuilder {
    this._options.numHeaders = n;
    return this;
  }
  setTransposeRowsAndColumns(t: boolean): EmbeddedChartBuilder {
    this._options.transpose = !!t;
    return this;
  }
  asScatterChart(): EmbeddedChartBuilder {
    return this.setChartType('SCATTER');
  }
  asColumnChart(): EmbeddedChartBuilder {
    return this.setChartType('COLUMN');
  }
  asBarChart(): EmbeddedChartBuilder {
    return this.setChartType('BAR');
  }
  asPieChart(): EmbeddedChartBuilder {
    return this.setChartType('PIE');
  }
  asLineChart(): EmbeddedChartBuilder {
    return this.setChartType('LINE');
  }
  asHistogramChart(): EmbeddedChartBuilder {
    return this.setChartType('HISTOGRAM');
  }
  build(): EmbeddedChart {
    return new EmbeddedChart(this._id ?? this._sheet._host.nextId('chart'), this._type, [...this._ranges], { ...this._options }, { ...this._position });
  }
}

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

/**
 * Sheet.getRangeList: ranges of one sheet that take the same setting in one call. Each method
 * applies the Range method of the same name to every listed range, in list order (so a cell in
 * two ranges ends with the later one's setting, as applying them one by one would).
 */
export class RangeList extends ServiceObject {
  static override serviceName = 'RangeList';
  constructor(readonly _ranges: Range[]) {
    super();
  }
  /** Cells covered, counting overlaps once per range (for the runtime's per-cell cost). */
  get _cells(): number {
    return this._ranges.reduce((n, r) => n + r._numRows * r._numCols, 0);
  }
  private each(apply: (r: Range) => unknown): RangeList {
    for (const r of this._ranges) apply(r);
    return this;
  }
  getRanges(): Range[] {
    return [...this._ranges];
  }
  setNote(note: unknown): RangeList {
    return this.each((r) => r.setNote(note));
  }
  clearNote(): RangeList {
    return this.each((r) => r.clearNote());
  }
  setBackground(color: unknown): RangeList {
    return this.each((r) => r.setBackground(color));
  }
  setValue(value: unknown): RangeList {
    return this.each((r) => r.setValue(value));
  }
  setNumberFormat(format: unknown): RangeList {
    return this.each((r) => r.setNumberFormat(format));
  }
  setFontWeight(weight: unknown): RangeList {
    return this.each((r) => r.setFontWeight(weight));
  }
  clearContent(): RangeList {
    return this.each((r) => r.clearContent());
  }
  clearFormat(): RangeList {
    return this.each((r) => r.clearFormat());
  }
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): RangeList {
    return this.each((r) => r.clear(options));
  }
}

export class Sheet extends ServiceObject {
  static override serviceName = 'Sheet';
  _layers: Record<Layer, Array<unknown[] | undefined>> = Object.fromEntries(LAYERS.map((l) => [l, []])) as unknown as Record<Layer, Array<unknown[] | undefined>>;
  _hidden = false;
  _frozenRows = 0;
  _frozenCols = 0;
  _merges: Box[] = [];
  _charts: EmbeddedChart[] = [];
  _filter: Filter | null = null;
  _protections: Protection[] = [];
  _columnWidths = new Map<number, number>();
  private extent: { rows: number; cols: number } | null = null;

  constructor(
    readonly _ss: Spreadsheet,
    readonly _host: Host,
    private name: string,
    readonly _id: number,
    public _maxRows = DEFAULT_ROWS,
    public _maxCols = DEFAULT_COLUMNS,
  ) {
    super();
  }

  // ---- storage helpers (1-based)
  _get(layer: Layer, row: number, col: number): unknown {
    const v = this._layers[layer][row - 1]?.[col - 1];
    return v === undefined ? DEFAULTS[layer] : v;
  }
  _set(layer: Layer, row: number, col: number, v: unknown): void {
    const rows = this._layers[layer];
    let r = rows[row - 1];
    if (!r) {
      if (v === DEFAULTS[layer]) return;
      r = rows[row - 1] = [];
    }
    r[col - 1] = v === DEFAULTS[layer] ? undefined : v;
  }
  _isEmpty(row: number, col: number): boolean {
    return this._get('value', row, col) === '' && this._get('formula', row, col) === '';
  }
  _read<T>(box: Box, f: (row: number, col: number) => T): T[][] {
    const out: T[][] = new Array(box.numRows);
    for (let i = 0; i < box.numRows; i++) {
      const row: T[] = new Array(box.numCols);
      for (let j = 0; j < box.numCols; j++) row[j] = f(box.row + i, box.col + j);
      out[i] = row;
    }
    return out;
  }
  _readValues(box: Box): CellValue[][] {
    const values = this._layers.value;
    const formulas = this._layers.formula;
    const out: CellValue[][] = new Array(box.numRows);
    for (let i = 0; i < box.numRows; i++) {
      const vr = values[box.row - 1 + i];
      const fr = formulas[box.row - 1 + i];
      const row: CellValue[] = new Array(box.numCols);
      for (let j = 0; j < box.numCols; j++) {
        const f = fr?.[box.col - 1 + j];
        if (f) row[j] = this._host.evaluateFormula(f as string, this.name, box.row + i, box.col + j);
        else {
          const v = vr?.[box.col - 1 + j];
          row[j] = v === undefined ? '' : (copyValue(v) as CellValue);
        }
      }
      out[i] = row;
    }
    return out;
  }
  _writeInputs(box: Box, data: unknown[][], formulasOnly = false): void {
    this._checkProtection(box);
    const locale = this._host.locale();
    const tz = this._host.timeZone();
    for (let i = 0; i < box.numRows; i++) {
      for (let j = 0; j < box.numCols; j++) {
        const r = box.row + i;
        const c = box.col + j;
        const input = data[i][j];
        const fmt = String(this._get('numberFormat', r, c));
        const p = formulasOnly
          ? typeof input === 'string' && input.startsWith('=')
            ? { value: '' as CellValue, formula: input }
            : parseInput(input, fmt, locale, tz)
          : parseInput(input, fmt, locale, tz);
        this._set('value', r, c, p.value);
        this._set('formula', r, c, p.formula ?? '');
        if (p.format) this._set('numberFormat', r, c, p.format);
      }
    }
    this._dirty();
  }
  _clearCell(row: number, col: number, layers: Layer[]): void {
    for (const l of layers) this._set(l, row, col, DEFAULTS[l]);
  }
  _clear(box: Box, layers: Layer[]): void {
    this._checkProtection(box);
    for (let r = box.row; r < box.row + box.numRows; r++) {
      if (!LAYERS.some((l) => this._layers[l][r - 1])) continue;
      for (let c = box.col; c < box.col + box.numCols; c++) this._clearCell(r, c, layers);
    }
    this._dirty();
  }
  _dirty(): void {
    this.extent = null;
  }
  _checkProtection(box: Box): void {
    for (const p of this._protections) {
      const target = p._box ?? { row: 1, col: 1, numRows: this._maxRows, numCols: this._maxCols };
      if (intersects(target, box) && !p.canEdit()) fail(MESSAGES.protectedCell);
    }
  }
  private computeExtent(): { rows: number; cols: number } {
    if (this.extent) return this.extent;
    let rows = 0;
    let cols = 0;
    const { value, formula } = this._layers;
    const n = Math.max(value.length, formula.length);
    for (let r = 0; r < n; r++) {
      for (const layer of [value[r], formula[r]]) {
        if (!layer) continue;
        for (let c = layer.length - 1; c >= 0; c--) {
          const v = layer[c];
          if (v !== undefined && v !== '') {
            rows = r + 1;
            if (c + 1 > cols) cols = c + 1;
            break;
          }
        }
      }
    }
    this.extent = { rows, cols };
    return this.extent;
  }

  // ---- identity
  getName(): string {
    return this.name;
  }
  setName(name: string): Sheet {
    const n = String(name);
    if (n !== this.name && this._ss._sheets.some((s) => s !== this && s.getName().toLowerCase() === n.toLowerCase())) fail(MESSAGES.sheetExists(n));
    this.name = n;
    return this;
  }
  getSheetId(): number {
    return this._id;
  }
  getIndex(): number {
    return this._ss._sheets.indexOf(this) + 1;
  }
  getParent(): Spreadsheet {
    return this._ss;
  }
  activate(): Sheet {
    this._ss._activate(this);
    return this;
  }
  getType(): string {
    return 'GRID';
  }

  // ---- dimensions
  getLastRow(): number {
    return this.computeExtent().rows;
  }
  getLastColumn(): number {
    return this.computeExtent().cols;
  }
  getMaxRows(): number {
    return this._maxRows;
  }
  getMaxColumns(): number {
    return this._maxCols;
  }
  getFrozenRows(): number {
    return this._frozenRows;
  }
  setFrozenRows(n: number): void {
    this._frozenRows = n;
  }
  getFrozenColumns(): number {
    return this._frozenCols;
  }
  setFrozenColumns(n: number): void {
    this._frozenCols = n;
  }
  autoResizeColumns(_start: number, _num: number): Sheet {
    return this;
  }
  autoResizeColumn(_col: number): Sheet {
    return this;
  }
  setColumnWidth(col: number, width: number): Sheet {
    this._columnWidths.set(col, width);
    return this;
  }
  setColumnWidths(start: number, num: number, width: number): Sheet {
    for (let c = start; c < start + num; c++) this._columnWidths.set(c, width);
    return this;
  }
  getColumnWidth(col: number): number {
    return this._columnWidths.get(col) ?? 100;
  }

  // ---- ranges
  getRange(a: number | string, b?: number, c?: number, d?: number): Range {
    if (typeof a === 'string') {
      const parsed = parseA1(a);
      if (!parsed) fail(MESSAGES.rangeNotFound);
      let sheet: Sheet = this;
      if (parsed.sheet !== undefined) {
        const other = this._ss.getSheetByName(parsed.sheet);
        if (!other) fail(MESSAGES.rangeNotFound);
        sheet = other;
      }
      const lastRow = parsed.lastRow ?? sheet._maxRows;
      const lastCol = parsed.lastCol ?? sheet._maxCols;
      return sheet.getRange(parsed.row, parsed.col, lastRow - parsed.row + 1, lastCol - parsed.col + 1);
    }
    const args = [a, b, c, d].slice(0, arguments.length);
    if (!isInt(a) || (b !== undefined && !isInt(b)) || (c !== undefined && !isInt(c)) || (d !== undefined && !isInt(d)) || args.length === 1) {
      fail(MESSAGES.signature(typeNames(args), 'SpreadsheetApp.Sheet.getRange'));
    }
    const row = Math.floor(a);
    const col = Math.floor(b as number);
    const numRows = c === undefined ? 1 : Math.floor(c);
    const numCols = d === undefined ? 1 : Math.floor(d);
    if (row < 1) fail(MESSAGES.startRowTooSmall);
    if (col < 1) fail(MESSAGES.startColTooSmall);
    if (numRows < 1) fail(MESSAGES.numRowsTooSmall);
    if (numCols < 1) fail(MESSAGES.numColsTooSmall);
    if (row + numRows - 1 > this._maxRows || col + numCols - 1 > this._maxCols) fail(MESSAGES.outsideSheet);
    return new Range(this, row, col, numRows, numCols);
  }
  /** Ranges of this sheet only ("Range not found" for another sheet's or a malformed A1). */
  getRangeList(a1Notations: string[]): RangeList {
    if (!Array.isArray(a1Notations) || a1Notations.some((a) => typeof a !== 'string')) {
      fail(MESSAGES.signature(typeNames([a1Notations]), 'SpreadsheetApp.Sheet.getRangeList'));
    }
    // Apps Script's answer to an empty list is not documented; the runtime refuses it so code
    // cannot come to depend on it.
    if (a1Notations.length === 0) fail(MESSAGES.rangeNotFound);
    return new RangeList(
      a1Notations.map((a1) => {
        const parsed = parseA1(a1);
        if (!parsed || (parsed.sheet !== undefined && parsed.sheet !== this.name)) fail(MESSAGES.rangeNotFound);
        return this.getRange(a1.includes('!') ? a1.slice(a1.lastIndexOf('!') + 1) : a1);
      }),
    );
  }
  getDataRange(): Range {
    const { rows, cols } = this.computeExtent();
    return new Range(this, 1, 1, Math.max(rows, 1), Math.max(cols, 1));
  }
  appendRow(rowContents: unknown[]): Sheet {
    if (!Array.isArray(rowContents)) fail(MESSAGES.signature(typeNames([rowContents]), 'SpreadsheetApp.Sheet.appendRow'));
    const row = this.getLastRow() + 1;
    const needRows = row - this._maxRows;
    const needCols = rowContents.length - this._maxCols;
    if (needRows > 0 || needCols > 0) {
      this._ss._checkGrowth(Math.max(row, this._maxRows) * Math.max(rowContents.length, this._maxCols) - this._maxRows * this._maxCols);
      this._maxRows = Math.max(row, this._maxRows);
      this._maxCols = Math.max(rowContents.length, this._maxCols);
    }
    if (rowContents.length) this._writeInputs({ row, col: 1, numRows: 1, numCols: rowContents.length }, [rowContents]);
    return this;
  }

  // ---- structure
  private spliceRows(at0: number, deleteCount: number, insertCount: number): void {
    for (const l of LAYERS) {
      const rows = this._layers[l];
      spliceArray(rows, at0, deleteCount, insertCount);
    }
    const shift = insertCount - deleteCount;
    this._merges = this._merges
      .filter((m) => deleteCount === 0 || !intersects(m, { row: at0 + 1, col: 1, numRows: deleteCount, numCols: this._maxCols }))
      .map((m) => (m.row > at0 ? { ...m, row: m.row + shift } : m));
    this._dirty();
  }
  private spliceCols(at0: number, deleteCount: number, insertCount: number): void {
    for (const l of LAYERS) {
      for (const row of this._layers[l]) if (row) spliceArray(row, at0, deleteCount, insertCount);
    }
    const shift = insertCount - deleteCount;
    this._merges = this._merges
      .filter((m) => deleteCount === 0 || !intersects(m, { row: 1, col: at0 + 1, numRows: this._maxRows, numCols: deleteCount }))
      .map((m) => (m.col > at0 ? { ...m, col: m.col + shift } : m));
    this._dirty();
  }
  private checkPosition(pos: number, max: number): void {
    if (!isInt(pos) || pos < 1 || pos > max) fail(MESSAGES.outsideSheet);
  }
  insertRowsBefore(before: number, howMany: number): Sheet {
    this.checkPosition(before, this._maxRows);
    this._ss._checkGrowth(howMany * this._maxCols);
    this.spliceRows(before - 1, 0, howMany);
    this._maxRows += howMany;
    return this;
  }
  insertRowsAfter(after: number, howMany: number): Sheet {
    this.checkPosition(after, this._maxRows);
    this._ss._checkGrowth(howMany * this._maxCols);
    this.spliceRows(after, 0, howMany);
    this._maxRows += howMany;
    return this;
  }
  insertRows(before: number, howMany = 1): void {
    this.insertRowsBefore(before, howMany);
  }
  insertRowBefore(before: number): Sheet {
    return this.insertRowsBefore(before, 1);
  }
  insertRowAfter(after: number): Sheet {
    return this.insertRowsAfter(after, 1);
  }
  insertColumnsBefore(before: number, howMany: number): Sheet {
    this.checkPosition(before, this._maxCols);
    this._ss._checkGrowth(howMany * this._maxRows);
    this.spliceCols(before - 1, 0, howMany);
    this._maxCols += howMany;
    return this;
  }
  insertColumnsAfter(after: number, howMany: number): Sheet {
    this.checkPosition(after, this._maxCols);
    this._ss._checkGrowth(howMany * this._maxRows);
    this.spliceCols(after, 0, howMany);
    this._maxCols += howMany;
    return this;
  }
  insertColumns(before: number, howMany = 1): void {
    this.insertColumnsBefore(before, howMany);
  }
  insertColumnAfter(after: number): Sheet {
    return this.insertColumnsAfter(after, 1);
  }
  insertColumnBefore(before: number): Sheet {
    return this.insertColumnsBefore(before, 1);
  }
  deleteRows(position: number, howMany: number): void {
    this.checkPosition(position, this._maxRows);
    if (!isInt(howMany) || howMany < 1 || position + howMany - 1 > this._maxRows) fail(MESSAGES.outsideSheet);
    if (howMany >= this._maxRows - this._frozenRows) fail(MESSAGES.deleteAllRows);
    this._checkProtection({ row: position, col: 1, numRows: howMany, numCols: this._maxCols });
    this.spliceRows(position - 1, howMany, 0);
    this._maxRows -= howMany;
  }
  deleteRow(position: number): Sheet {
    this.deleteRows(position, 1);
    return this;
  }
  deleteColumns(position: number, howMany: number): void {
    this.checkPosition(position, this._maxCols);
    if (!isInt(howMany) || howMany < 1 || position + howMany - 1 > this._maxCols) fail(MESSAGES.outsideSheet);
    if (howMany >= this._maxCols - this._frozenCols) fail(MESSAGES.deleteAllColumns);
    this._checkProtection({ row: 1, col: position, numRows: this._maxRows, numCols: howMany });
    this.spliceCols(position - 1, howMany, 0);
    this._maxCols -= howMany;
  }
  deleteColumn(position: number): Sheet {
    this.deleteColumns(position, 1);
    return this;
  }
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): Sheet {
    this.getRange(1, 1, this._maxRows, this._maxCols).clear(options);
    return this;
  }
  clearContents(): Sheet {
    this.getRange(1, 1, this._maxRows, this._maxCols).clearContent();
    return this;
  }
  clearFormats(): Sheet {
    this.getRange(1, 1, this._maxRows, this._maxCols).clearFormat();
    return this;
  }
  clearNotes(): Sheet {
    this.getRange(1, 1, this._maxRows, this._maxCols).clearNote();
    return this;
  }
  copyTo(destination: Spreadsheet): Sheet {
    if (!(destination instanceof Spreadsheet)) fail(MESSAGES.signature(typeNames([destination]), 'SpreadsheetApp.Sheet.copyTo'));
    destination._checkGrowth(this._maxRows * this._maxCols);
    let name = `Copy of ${this.name}`;
    for (let k = 2; destination.getSheetByName(name); k++) name = `Copy of ${this.name} ${k}`;
    const copy = destination._addSheet(name, destination._sheets.length, this._maxRows, this._maxCols);
    for (const l of LAYERS) copy._layers[l] = this._layers[l].map((r) => (r ? r.map(copyValue) : r));
    copy._merges = this._merges.map((m) => ({ ...m }));
    copy._frozenRows = this._frozenRows;
    copy._frozenCols = this._frozenCols;
    copy._columnWidths = new Map(this._columnWidths);
    return copy;
  }
  hideSheet(): Sheet {
    if (!this._hidden && this._ss._sheets.filter((s) => !s._hidden).length <= 1) fail(MESSAGES.hideAllSheets);
    this._hidden = true;
    return this;
  }
  showSheet(): Sheet {
    this._hidden = false;
    return this;
  }
  isSheetHidden(): boolean {
    return this._hidden;
  }
  getFilter(): Filter | null {
    return this._filter;
  }
  isRowHiddenByFilter(row: number): boolean {
    return this._filter?._hiddenRows.includes(row) ?? false;
  }
  isRowHiddenByUser(_row: number): boolean {
    return false;
  }
  /** Test hook (not in Apps Script): put a filter on the sheet, optionally hiding rows. */
  _setFilter(a1: string, hiddenRows: number[] = []): Filter {
    const r = this.getRange(a1);
    this._filter = new Filter(this, r._box, hiddenRows);
    return this._filter;
  }
  getProtections(type: string): Protection[] {
    return this._protections.filter((p) => p.getProtectionType() === String(type));
  }
  protect(): Protection {
    const p = new Protection(this, null, '', [], false);
    this._protections.push(p);
    return p;
  }
  /** Test hook: protect a range (or the sheet) so only `editors` (and the owner) may edit it. */
  _protect(a1: string | null, options: { description?: string; editors?: string[]; warningOnly?: boolean } = {}): Protection {
    const p = new Protection(this, a1 ? this.getRange(a1)._box : null, options.description ?? '', options.editors ?? [], options.warningOnly ?? false);
    this._protections.push(p);
    return p;
  }
  getFormUrl(): string | null {
    return this._ss._formUrlBySheet.get(this._id) ?? null;
  }

  // ---- charts
  newChart(): EmbeddedChartBuilder {
    return new EmbeddedChartBuilder(this);
  }
  insertChart(chart: EmbeddedChart): void {
    if (!(chart instanceof EmbeddedChart)) fail(MESSAGES.signature(typeNames([chart]), 'SpreadsheetApp.Sheet.insertChart'));
    this._charts.push(chart);
  }
  updateChart(chart: EmbeddedChart): void {
    const i = this._charts.findIndex((c) => c._id === chart._id);
    if (i < 0) fail(MESSAGES.invalidArgument('chart'));
    this._charts[i] = chart;
  }
  getCharts(): EmbeddedChart[] {
    return [...this._charts];
  }
  removeChart(chart: EmbeddedChart): void {
    this._charts = this._charts.filter((c) => c._id !== chart._id);
  }
}

export class Spreadsheet extends ServiceObject {
  static override serviceName = 'Spreadsheet';
  _sheets: Sheet[] = [];
  _active: Sheet | null = null;
  _activeRange: Range | null = null;
  _formUrlBySheet = new Map<number, string>();
  private nextSheetId = 0;

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
  _totalCells(): number {
    return this._sheets.reduce((n, s) => n + s._maxRows * s._maxCols, 0);
  }
  _checkGrowth(extraCells: number): void {
    if (this._totalCells() + extraCells > MAX_CELLS) fail(MESSAGES.tooManyCells);
  }
  _activate(sheet: Sheet, range?: Range): void {
    this._active = sheet;
    this._activeRange = range ?? null;
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
    this._sheets = this._sheets.filter((s) => s !== sheet);
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
}

/** A1 of a range including its sheet, e.g. "'Sheet 1'!A1:C3". */
export function fullA1(range: Range): string {
  return `${quoteSheetName(range._sheet.getName())}!${range.getA1Notation()}`;
}

export { columnLetters };
