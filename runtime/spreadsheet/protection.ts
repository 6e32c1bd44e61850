/** Protection (sheet or range) and Filter: what stands in CDM's way on a sheet. */
import { ServiceObject } from '../host';
import { type Box } from './grid';
import { Range } from './range';
import { Sheet } from './sheet';

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

export class SheetUser extends ServiceObject {
  static override serviceName = 'User';
  constructor(private readonly email: string) {
    super();
  }
  getEmail(): string {
    return this.email;
  }
}
