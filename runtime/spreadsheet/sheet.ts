/** Sheet: the grid, its layers, rows and columns, protections, filter, charts, hiding. */
import { parseA1 } from '../a1';
import { MESSAGES, fail, typeNames } from '../errors';
import { type Host, ServiceObject } from '../host';
import { type CellValue, parseInput } from '../values';
import { EmbeddedChart, EmbeddedChartBuilder } from './charts';
import { type Box, DEFAULTS, DEFAULT_COLUMNS, DEFAULT_ROWS, LAYERS, type Layer, copyValue, intersects, isInt, spliceArray } from './grid';
import { shiftFormula, moveFormula } from '../formula-refs';
import { DeveloperMetadata, DeveloperMetadataFinder, metadataArgs } from './metadata';
import { Filter, Protection } from './protection';
import { RangeList } from './range-list';
import { Range } from './range';
import { Spreadsheet } from './spreadsheet';

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
    this.shiftDimension('ROW', at0, deleteCount, insertCount);
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
    this.shiftDimension('COLUMN', at0, deleteCount, insertCount);
    this._dirty();
  }
  /**
   * What follows rows or columns that were inserted or deleted: developer metadata on them
   * (deleted with its row), protected ranges, and every formula in the spreadsheet that refers
   * to this sheet (references below shift; a reference to a deleted cell becomes #REF!).
   */
  private shiftDimension(type: 'ROW' | 'COLUMN', at0: number, deleteCount: number, insertCount: number): void {
    const ss = this._ss;
    ss._metadata = ss._metadata.filter((m) => {
      const l = m._location;
      if (l.type !== type || l.sheet !== this) return true;
      if (deleteCount > 0 && l.index > at0 && l.index <= at0 + deleteCount) return false;
      if (l.index > at0) l.index += insertCount - deleteCount;
      return true;
    });
    const key = type === 'ROW' ? 'row' : 'col';
    const size = type === 'ROW' ? 'numRows' : 'numCols';
    for (const p of this._protections) {
      const b = p._box;
      if (!b) continue;
      const lo = b[key];
      const hi = b[key] + b[size] - 1;
      if (insertCount > 0) {
        if (lo > at0) b[key] += insertCount;
        else if (hi > at0) b[size] += insertCount;
      } else {
        const dLo = at0 + 1;
        const dHi = at0 + deleteCount;
        const overlap = Math.max(0, Math.min(hi, dHi) - Math.max(lo, dLo) + 1);
        b[key] = lo < dLo ? lo : lo > dHi ? lo - deleteCount : dLo;
        b[size] = Math.max(1, hi - lo + 1 - overlap);
      }
    }
    const dim = type === 'ROW' ? 'row' : 'col';
    const insert = insertCount > 0;
    const count = insert ? insertCount : deleteCount;
    for (const sheet of ss._sheets) {
      const formulas = sheet._layers.formula;
      for (let r = 0; r < formulas.length; r++) {
        const row = formulas[r];
        if (!row) continue;
        for (let c = 0; c < row.length; c++) {
          const f = row[c];
          if (typeof f === 'string' && f !== '') row[c] = shiftFormula(f, sheet.getName(), this.name, dim, at0 + 1, count, insert);
        }
      }
    }
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
    // Metadata on the sheet, its rows and columns comes along (with new ids) — code must not
    // take a copy's mark for the original's.
    for (const m of this._ss._metadata) {
      const l = m._location;
      if (l.type === 'SPREADSHEET' || l.sheet !== this) continue;
      destination._addMetadata(l.type === 'SHEET' ? { type: 'SHEET', sheet: copy } : { type: l.type, sheet: copy, index: l.index }, m._key, m._value, m._visibility);
    }
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
  /**
   * A new protection mirrors the spreadsheet's permissions (everyone who can edit the
   * spreadsheet can still edit) until the script removes editors or makes it warning-only.
   */
  protect(): Protection {
    if (this._protections.some((p) => p.getProtectionType() === 'SHEET')) return this._protections.find((p) => p.getProtectionType() === 'SHEET') as Protection;
    const creator = this._host.activeUser() || this._host.effectiveUser();
    const p = new Protection(this, null, '', [...this._host.editors(), creator], false, creator);
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

  // ---- developer metadata
  addDeveloperMetadata(...args: unknown[]): Sheet {
    const { key, value, visibility } = metadataArgs(args);
    this._ss._addMetadata({ type: 'SHEET', sheet: this }, key, value, visibility);
    return this;
  }
  /** Metadata on the sheet itself (not its rows or columns). */
  getDeveloperMetadata(): DeveloperMetadata[] {
    return this._ss._metadata.filter((m) => m._location.type === 'SHEET' && m._location.sheet === this);
  }
  /** Searches the sheet's own metadata and that of its rows and columns. */
  createDeveloperMetadataFinder(): DeveloperMetadataFinder {
    return new DeveloperMetadataFinder(this._ss, { sheet: this });
  }

  // ---- sorting
  /** Sheet.sort(column, ascending): every row below the frozen rows, by one column. */
  sort(columnPosition: number, ascending = true): Sheet {
    if (!isInt(columnPosition)) fail(MESSAGES.signature(typeNames([columnPosition]), 'SpreadsheetApp.Sheet.sort'));
    const first = this._frozenRows + 1;
    const last = Math.max(first, this.getLastRow());
    this._sortRows({ row: first, col: 1, numRows: last - first + 1, numCols: this._maxCols }, [{ column: columnPosition, ascending: ascending !== false }]);
    return this;
  }
  /**
   * Reorders the rows of a block by the given columns (stable: equal rows keep their order;
   * numbers and dates before text, text before booleans, empty cells last). Every layer of the
   * block moves with its row; a formula's relative row references move with it (as Sheets
   * does); developer metadata on whole rows moves when the block spans the sheet's full width.
   */
  _sortRows(box: Box, specs: Array<{ column: number; ascending: boolean }>): void {
    this._checkProtection(box);
    for (const s of specs) if (s.column < box.col || s.column >= box.col + box.numCols) fail(MESSAGES.invalidArgument('sort_specs'));
    const rank = (v: unknown): number => (v === '' || v === undefined ? 3 : typeof v === 'number' || v instanceof Date ? 0 : typeof v === 'boolean' ? 2 : 1);
    const keyOf = (r: number, c: number): unknown => {
      const f = this._get('formula', r, c);
      return f ? this._host.evaluateFormula(String(f), this.name, r, c) : this._get('value', r, c);
    };
    const rows = Array.from({ length: box.numRows }, (_, i) => box.row + i);
    const keys = new Map(rows.map((r) => [r, specs.map((s) => keyOf(r, s.column))]));
    const order = rows.slice().sort((a, b) => {
      const ka = keys.get(a) as unknown[];
      const kb = keys.get(b) as unknown[];
      for (let i = 0; i < specs.length; i++) {
        const x = ka[i];
        const y = kb[i];
        const rx = rank(x);
        const ry = rank(y);
        if (rx === 3 || ry === 3) {
          if (rx !== ry) return rx === 3 ? 1 : -1; // blanks last whatever the direction
          continue;
        }
        let cmp = rx - ry;
        if (cmp === 0) {
          const nx = x instanceof Date ? x.getTime() : x;
          const ny = y instanceof Date ? y.getTime() : y;
          cmp = typeof nx === 'string' ? nx.localeCompare(String(ny), 'en', { sensitivity: 'base' }) : nx === ny ? 0 : (nx as number) < (ny as number) ? -1 : 1;
        }
        if (cmp !== 0) return specs[i].ascending ? cmp : -cmp;
      }
      return 0;
    });
    const fullWidth = box.col === 1 && box.numCols >= this._maxCols;
    const newRowOf = new Map(order.map((from, i) => [from, box.row + i]));
    for (const l of LAYERS) {
      const saved = order.map((from) => {
        const src = this._layers[l][from - 1];
        return src ? src.slice(box.col - 1, box.col - 1 + box.numCols) : undefined;
      });
      saved.forEach((cells, i) => {
        const to = box.row + i;
        for (let j = 0; j < box.numCols; j++) {
          let v = cells?.[j];
          if (l === 'formula' && typeof v === 'string' && v !== '') v = moveFormula(v, to - order[i]);
          this._set(l, to, box.col + j, v === undefined ? DEFAULTS[l] : v);
        }
      });
    }
    if (fullWidth) {
      for (const m of this._ss._metadata) {
        const loc = m._location;
        if (loc.type === 'ROW' && loc.sheet === this && newRowOf.has(loc.index)) loc.index = newRowOf.get(loc.index) as number;
      }
    }
    this._dirty();
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
