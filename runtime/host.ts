/** What every simulated service object can see of the runtime that owns it. */
import type { SimClock } from './clock';
import type { CellValue } from './values';

/** Base of every object the vm sees as an Apps Script service object (counted, auth-checked). */
export abstract class ServiceObject {
  /** Name used in call counts and error messages, e.g. 'Range' in 'Range.getValues'. */
  static serviceName = 'Object';
}

export function serviceNameOf(obj: ServiceObject): string {
  return (obj.constructor as typeof ServiceObject).serviceName;
}

export interface UiRecord {
  menus: MenuRecord[];
  sidebars: Array<{ title: string; content: string; width: number }>;
  dialogs: Array<{ title: string; content: string; modal: boolean; width: number; height: number }>;
  alerts: Array<{ title: string; prompt: string; buttons: string }>;
  prompts: Array<{ title: string; prompt: string; buttons: string }>;
  toasts: Array<{ message: string; title: string; timeoutSeconds: number }>;
  /** Answers alert()/prompt() return, first in first out; default OK / empty text. */
  responses: Array<{ button: string; text?: string }>;
}

export interface MenuItemRecord {
  caption?: string;
  functionName?: string;
  separator?: boolean;
  submenu?: MenuRecord;
}

export interface MenuRecord {
  kind: 'addon' | 'menu';
  caption: string;
  items: MenuItemRecord[];
}

export interface Host {
  clock: SimClock;
  ui: UiRecord;
  locale(): string;
  timeZone(): string;
  /** The user running the current execution ('' when unknown, as Apps Script gives). */
  activeUser(): string;
  effectiveUser(): string;
  owner(): string;
  /** Everyone besides the owner the spreadsheet is shared with for editing. */
  editors(): string[];
  evaluateFormula(formula: string, sheetName: string, row: number, col: number): CellValue;
  nextId(prefix: string): string;
  nextNumber(): number;
  /** false in executions with no user interface (triggers, custom functions). */
  uiAvailable(): boolean;
  /** HTML files of the project, by name without extension. */
  file(name: string): string | undefined;
  formUrlForSpreadsheet(ssId: string): string | null;
}
