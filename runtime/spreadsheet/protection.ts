/** Protection (sheet or range) and Filter: what stands in CDM's way on a sheet. */
import { MESSAGES, fail, typeNames } from '../errors';
import { ServiceObject } from '../host';
import { type Box } from './grid';
import { Range } from './range';
import { Sheet } from './sheet';

export class Protection extends ServiceObject {
  static override serviceName = 'Protection';
  private domainEdit = false;
  constructor(
    readonly _sheet: Sheet,
    public _box: Box | null,
    private description: string,
    /** Users allowed to edit besides the owner (who always may). */
    public _editors: string[],
    private warningOnly: boolean,
    /** Who made the protection: Sheets never takes their own edit right away. */
    readonly _creator = '',
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
  /** Warning-only: everyone may edit (Sheets asks them to confirm); scripts are not asked. */
  setWarningOnly(w: boolean): Protection {
    this.checkManager();
    this.warningOnly = !!w;
    return this;
  }
  canEdit(): boolean {
    const user = this._sheet._host.activeUser() || this._sheet._host.effectiveUser();
    return this.warningOnly || user === this._sheet._host.owner() || this._editors.includes(user);
  }
  getEditors(): SheetUser[] {
    return [this._sheet._host.owner(), ...this._editors.filter((e) => e !== this._sheet._host.owner())].map((e) => new SheetUser(e));
  }
  addEditor(user: unknown): Protection {
    return this.addEditors([user]);
  }
  addEditors(users: unknown[]): Protection {
    this.checkManager();
    for (const e of emails(users)) if (!this._editors.includes(e)) this._editors.push(e);
    this.warningOnly = false;
    return this;
  }
  removeEditor(user: unknown): Protection {
    return this.removeEditors([user]);
  }
  /** The owner, and the user who made the protection, stay editors whatever the list says. */
  removeEditors(users: unknown[]): Protection {
    this.checkManager();
    const gone = new Set(emails(users));
    const keep = new Set([this._sheet._host.owner(), this._creator]);
    this._editors = this._editors.filter((e) => !gone.has(e) || keep.has(e));
    this.warningOnly = false;
    return this;
  }
  canDomainEdit(): boolean {
    return this.domainEdit;
  }
  setDomainEdit(edit: boolean): Protection {
    this.checkManager();
    this.domainEdit = !!edit;
    return this;
  }
  remove(): void {
    this.checkManager();
    this._sheet._protections = this._sheet._protections.filter((p) => p !== this);
  }
  /** Only someone who may edit the protected cells may change (or remove) the protection. */
  private checkManager(): void {
    const user = this._sheet._host.activeUser() || this._sheet._host.effectiveUser();
    if (user !== this._sheet._host.owner() && !this._editors.includes(user)) fail(MESSAGES.protectedCell);
  }
}

function emails(users: unknown[]): string[] {
  if (!Array.isArray(users)) fail(MESSAGES.signature(typeNames([users]), 'SpreadsheetApp.Protection.removeEditors'));
  return users.map((u) =>
    u && typeof u === 'object' && typeof (u as { getEmail?: unknown }).getEmail === 'function' ? String((u as { getEmail(): string }).getEmail()) : String(u),
  );
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
