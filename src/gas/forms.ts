/**
 * The intake Google Form: built from the customer sheet's header (only what a customer should
 * fill in), its responses land in this spreadsheet, and ONE installable form-submit trigger
 * runs onFormSubmit for each response (src/gas/form-submit.ts).
 *
 * The form's id and the sheets involved are remembered in document properties, so the sidebar
 * can show the form and a re-run reuses it instead of making a second form or trigger.
 */
import type { Cell, ColumnRole, Table } from '../core/table';
import { isCdmColumn } from '../core/table';
import { detectRoles, roleFromHeader } from '../core/roles';
import { isBirthDate } from '../core/dedupe/keys';
import { isPlaceholder } from '../core/normalize/missing';
import { FORM_TEXT, type FormKey } from '../i18n/forms';
import { fill } from '../i18n/index';
import type { Lang } from '../i18n/index';
import type { FormInfo, FormPreview, FormQuestionPreview } from '../rpc';
import { sheetLang } from './lang';
import { appendAudit, auditNote } from './audit';
import { readJson, writeJson, loadChosenSheetId } from './run-state';
import { findCustomerSheet, sheetById } from './sheet-io';

export const FORM_HANDLER = 'onFormSubmit';
const FORM_KEY = 'cdm.form';

/** What a customer can tell us about themselves: only these columns become questions. */
const CUSTOMER_FILLABLE: ColumnRole[] = [
  'name', 'first_name', 'last_name', 'company', 'email', 'phone', 'street', 'city', 'postcode', 'state', 'state_code', 'country', 'country_code',
];
/** Figures the shop keeps about a customer: never asked on a form. */
const INTERNAL: ColumnRole[] = ['money', 'count', 'number', 'date', 'boolean'];
const PERSONAL: ColumnRole[] = ['birth_date', 'birth_year', 'gender'];
const IDENTIFIER: ColumnRole[] = ['id', 'order_id'];
const PRODUCT_HEADER = /product|interest|产品|兴趣|商品/i;
const CONSENT_HEADER = /consent|opt.?in|gdpr|subscri|newsletter|accepts? ?(e-?mail )?marketing|marketing ?(ok|allowed|permission|consent)|同意|订阅/i;
const SIGNUP_HEADER = /sign ?up|joined|created|since|registered|注册|加入/i;
export const TIMESTAMP_TITLE = 'Timestamp';
/**
 * Google writes a response sheet's first column itself, titled in the spreadsheet's language
 * ("Timestamp", "时间戳记"): it is the timestamp whatever its title.
 */
export const isTimestampColumn = (index: number, title: string): boolean => index === 0 || title === TIMESTAMP_TITLE;
/** Rows read to judge what a column holds before building the form. */
const SAMPLE_ROWS = 200;

export interface FormRecord {
  formId: string;
  /** The sheet the form's responses go to ("Form Responses 1"). */
  responseSheetId: number | null;
  customerSheetId: number;
  /** The consent question's title on the form (older forms: absent). */
  consentTitle?: string;
  /** The customer column that receives consent answers with their time. */
  consentColumn?: string;
  /** true: the user's own consent column (its yes/no vocabulary is kept); false: the one CDM added. */
  consentOwn?: boolean;
}

export const loadFormRecord = (): FormRecord | null => readJson<FormRecord>(FORM_KEY);
const saveFormRecord = (r: FormRecord): void => writeJson(FORM_KEY, r);

// ---------------------------------------------------------------------------------------
// Which columns go on the form, and how responses map back (pure)
// ---------------------------------------------------------------------------------------

export interface FormQuestion {
  title: string;
  role: ColumnRole | 'product';
  required: boolean;
}

export interface FormPlan {
  questions: FormQuestion[];
  skipped: Array<{ column: string; reason: string }>;
  /** The customer column that receives consent (an existing one, or the header CDM adds). */
  consentColumn: string;
  consentExists: boolean;
}

const isNumberLike = (v: Cell): boolean => typeof v === 'number' || (typeof v === 'string' && /^\s*[-+(]?[$€£¥]?\s*\d[\d\s.,]*\)?\s*$/.test(v));

/** A product column customers can answer: its values are names, not figures. */
function isProductColumn(title: string, role: ColumnRole, values: Cell[]): boolean {
  if (role === 'product') return true;
  if (!PRODUCT_HEADER.test(title) || INTERNAL.includes(role) || IDENTIFIER.includes(role)) return false;
  const filled = values.filter((v) => v !== '' && v !== null && v !== undefined);
  return filled.length === 0 || filled.filter(isNumberLike).length / filled.length < 0.5;
}

/**
 * The form's questions from the customer sheet: only what a customer knows about themselves
 * (name, contact, address, company) and the products they are interested in, in sheet order;
 * every other column is listed with the reason it is not asked. Roles come from the header and
 * the values, so a column of figures ("MntMeatProducts": spend per product) is never a question.
 */
export function planForm(table: Table, lang: Lang = 'en'): FormPlan {
  const text = FORM_TEXT[lang];
  const detected = detectRoles(table).roles;
  const questions: FormQuestion[] = [];
  const skipped: FormPlan['skipped'] = [];
  let consentColumn: string | null = null;
  table.header.forEach((raw, j) => {
    const title = String(raw).trim();
    if (!title) return;
    if (isCdmColumn(title)) {
      skipped.push({ column: title, reason: text.skipCdm });
      return;
    }
    const byHeader = roleFromHeader(title);
    const role: ColumnRole = byHeader && CUSTOMER_FILLABLE.includes(byHeader) ? byHeader : detected[title] ?? byHeader ?? 'unknown';
    const values = table.rows.map((r) => r[j]);
    if (role === 'consent' || CONSENT_HEADER.test(title)) {
      if (consentColumn === null) consentColumn = title;
      skipped.push({ column: title, reason: text.skipConsent });
    } else if (CUSTOMER_FILLABLE.includes(role)) {
      questions.push({ title, role, required: role === 'email' || role === 'name' || role === 'first_name' });
    } else if (isProductColumn(title, role, values)) {
      questions.push({ title, role: 'product', required: false });
    } else {
      const personal = PERSONAL.includes(role) || isBirthDate(title, role);
      const reason: FormKey = personal ? 'skipPersonal' : INTERNAL.includes(role) ? 'skipInternal' : IDENTIFIER.includes(role) ? 'skipIdentifier' : 'skipNotes';
      skipped.push({ column: title, reason: text[reason] });
    }
  });
  // A sheet without a name or e-mail column still needs them to tell customers apart.
  if (!questions.some((q) => q.role === 'name' || q.role === 'first_name')) questions.unshift({ title: text.nameTitle, role: 'name', required: true });
  if (!questions.some((q) => q.role === 'email')) questions.splice(1, 0, { title: text.emailTitle, role: 'email', required: true });
  return { questions, skipped, consentColumn: consentColumn ?? text.consentColumn, consentExists: consentColumn !== null };
}

/** Questions from a header alone (no values to judge by). */
export function formQuestions(header: string[], lang: Lang = 'en'): FormQuestion[] {
  return planForm({ header, rows: [] }, lang).questions;
}

export const MAX_PRODUCT_CHOICES = 15;

/**
 * The products a customer can tick: the shop's existing values of the product column, most
 * frequent first (a cell may list several, split on , ; |). None, or too many to list, gives
 * an open text question instead.
 */
export function productChoices(values: unknown[]): string[] {
  const counts = new Map<string, { label: string; n: number }>();
  for (const v of values) {
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    for (const part of String(v).split(/[,;|]/)) {
      const label = part.trim();
      // "unknown", "N/A", "-": a blank typed as a word is not a product anyone can tick.
      if (!label || label.length > 60 || isPlaceholder(label)) continue;
      const key = label.toLowerCase();
      const hit = counts.get(key);
      if (hit) hit.n++;
      else counts.set(key, { label, n: 1 });
    }
  }
  if (counts.size === 0 || counts.size > MAX_PRODUCT_CHOICES) return [];
  return [...counts.values()].sort((a, b) => b.n - a.n || a.label.localeCompare(b.label)).map((c) => c.label);
}

/** Header text reduced to what matters for matching: "E-mail" and "Email" are the same column. */
export const headerKey = (h: string): string =>
  String(h).toLowerCase().replace(/e-mail/g, 'email').replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * Response column -> customer column. Same header (tolerant of case, spaces and dashes) first;
 * otherwise the same role when exactly one customer column has it ("Mobile" -> "Phone");
 * the Timestamp (the first column) goes to a signup-date column if there is one.
 */
export function mapResponseColumns(responseHeader: string[], customerHeader: string[]): Array<{ response: string; customer: string | null }> {
  const userColumns = customerHeader.filter((h) => h && !isCdmColumn(h));
  const used = new Set<string>();
  const byKey = new Map(userColumns.map((h) => [headerKey(h), h]));
  const mapping = responseHeader.map((response, j) => {
    let customer: string | null = null;
    const stamp = isTimestampColumn(j, response);
    const exact = byKey.get(headerKey(response));
    if (exact && !used.has(exact)) customer = exact;
    if (!customer && stamp) {
      customer = userColumns.find((h) => SIGNUP_HEADER.test(h) && !used.has(h)) ?? null;
    }
    if (!customer && !stamp) {
      const role = roleFromHeader(response);
      const same = role ? userColumns.filter((h) => roleFromHeader(h) === role && !used.has(h)) : [];
      if (role && role !== 'text' && same.length === 1) customer = same[0];
    }
    if (customer) used.add(customer);
    return { response, customer };
  });
  return mapping;
}

// ---------------------------------------------------------------------------------------
// Apps Script side
// ---------------------------------------------------------------------------------------

function openForm(id: string): GoogleAppsScript.Forms.Form | null {
  try {
    return FormApp.openById(id);
  } catch {
    return null; // deleted by the user, or no longer shared with us
  }
}

/** The sheet receiving `form`'s responses: the one whose form URL names it, else the newest "Form Responses". */
function findResponseSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, form: GoogleAppsScript.Forms.Form): GoogleAppsScript.Spreadsheet.Sheet | null {
  const sheets = ss.getSheets();
  const id = form.getId();
  const linked = sheets.find((s) => {
    try {
      const url = s.getFormUrl();
      return !!url && url.indexOf(id) >= 0;
    } catch {
      return false;
    }
  });
  if (linked) return linked;
  const responses = sheets.filter((s) => /^Form Responses/i.test(s.getName()));
  return responses.length ? responses[responses.length - 1] : null;
}

/** This spreadsheet's form-submit trigger(s) for the user (getUserTriggers: this document only). */
export function formTriggers(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): GoogleAppsScript.Script.Trigger[] {
  let mine: GoogleAppsScript.Script.Trigger[];
  try {
    mine = ScriptApp.getUserTriggers(ss);
  } catch {
    return [];
  }
  return mine.filter((t) => t.getHandlerFunction() === FORM_HANDLER && t.getEventType() === ScriptApp.EventType.ON_FORM_SUBMIT);
}

/**
 * Installs the form-submit trigger unless this spreadsheet already has one. A refusal (a test
 * deployment, the user's trigger quota) is not an error: the form still collects responses and
 * CDM adds them when the sidebar is next opened or a run starts (FormInfo.triggerInstalled says so).
 */
function ensureTrigger(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  if (formTriggers(ss).length > 0) return;
  try {
    ScriptApp.newTrigger(FORM_HANDLER).forSpreadsheet(ss).onFormSubmit().create();
  } catch (err) {
    console.warn(`CDM could not install the form-submit trigger: ${String(err)}`);
  }
}

/**
 * Forms made through the API after Google's change of mid-2026 start unpublished and take no
 * responses until published. Form.setPublished exists in current Apps Script; older runtimes
 * lack it (and published forms by default), so it is called only when present.
 */
function publish(form: GoogleAppsScript.Forms.Form): void {
  const f = form as GoogleAppsScript.Forms.Form & { setPublished?: (on: boolean) => unknown; isPublished?: () => boolean };
  try {
    if (typeof f.isPublished === 'function' && f.isPublished()) return;
    if (typeof f.setPublished === 'function') f.setPublished(true);
  } catch (err) {
    console.warn(`CDM could not publish the form: ${String(err)}`);
  }
}

/** The address customers use, or '' when the form has none yet (unpublished, or not shared with us). */
function publishedUrl(form: GoogleAppsScript.Forms.Form): string {
  try {
    return form.getPublishedUrl() || '';
  } catch {
    return '';
  }
}

type FormText = (typeof FORM_TEXT)['en'];

/** What the customer reads on the form, in the spreadsheet's language (English or Simplified Chinese). */
export const formTextFor = (locale: string): FormText => (/^zh/i.test(locale) ? FORM_TEXT.zh : FORM_TEXT.en);

function addQuestion(form: GoogleAppsScript.Forms.Form, q: FormQuestion, text: FormText, products: string[]): void {
  if (q.role === 'product' && products.length > 0) {
    form.addCheckboxItem().setTitle(q.title).setHelpText(text.productHelp).setChoiceValues(products).showOtherOption(true);
    return;
  }
  const item = form.addTextItem().setTitle(q.title).setRequired(q.required);
  if (q.role === 'email') {
    item.setValidation(FormApp.createTextValidation().setHelpText(text.emailHelp).requireTextIsEmail().build());
  }
  if (q.role === 'phone') item.setHelpText(text.phoneHelp);
  if (q.role === 'product') item.setHelpText(text.productHelp);
}

/** The customer sheet's header and its first rows, in one read. */
function sampleOf(sheet: GoogleAppsScript.Spreadsheet.Sheet): Table {
  const width = sheet.getLastColumn();
  const rows = Math.min(sheet.getLastRow(), SAMPLE_ROWS + 1);
  if (width < 1 || rows < 1) return { header: [], rows: [] };
  const values = sheet.getRange(1, 1, rows, width).getValues() as Cell[][];
  return { header: values[0].map((h) => String(h).trim()), rows: values.slice(1) };
}

interface Planned {
  plan: FormPlan;
  products: string[];
  text: FormText;
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
}

function planFor(customers: GoogleAppsScript.Spreadsheet.Sheet): Planned {
  const lang = sheetLang();
  const sample = sampleOf(customers);
  const plan = planForm(sample, lang);
  const product = plan.questions.find((q) => q.role === 'product');
  const products = product ? productChoices(columnValues(customers, sample.header.indexOf(product.title) + 1)) : [];
  return { plan, products, text: FORM_TEXT[lang], sheet: customers };
}

const KIND: Record<string, FormQuestionPreview['kind']> = { email: 'email', phone: 'phone', product: 'choice' };

/** The sidebar's preview: every question as the form will ask it, and what is left off. */
export function previewIntakeForm(): FormPreview {
  const { plan, products, text, sheet } = planFor(customerSheetForForm());
  const questions: FormQuestionPreview[] = plan.questions.map((q) => ({
    title: q.title,
    kind: q.role === 'product' && products.length === 0 ? 'text' : KIND[q.role] ?? 'text',
    required: q.required,
    help: q.role === 'email' ? text.emailHelp : q.role === 'phone' ? text.phoneHelp : q.role === 'product' ? text.productHelp : '',
    choices: q.role === 'product' ? products : [],
    column: sheet.getLastColumn() > 0 && q.title !== text.nameTitle && q.title !== text.emailTitle ? q.title : null,
  }));
  questions.push({ title: text.consentTitle, kind: 'consent', required: true, help: '', choices: [text.consent], column: plan.consentColumn });
  return { sheet: sheet.getName(), questions, skipped: plan.skipped, consentColumn: plan.consentColumn };
}

function buildForm(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, planned: Planned): GoogleAppsScript.Forms.Form {
  const { plan, products, text } = planned;
  const form = FormApp.create(fill(text.title, { name: ss.getName() }));
  form.setDescription(text.description);
  for (const q of plan.questions) addQuestion(form, q, text, products);
  form.addCheckboxItem().setTitle(text.consentTitle).setChoiceValues([text.consent]).setRequired(true);
  form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
  publish(form);
  return form;
}

/** The customer sheet the form feeds: the one CDM works on (see sheet-io's findCustomerSheet). */
export function customerSheetForForm(): GoogleAppsScript.Spreadsheet.Sheet {
  return findCustomerSheet(undefined, loadChosenSheetId());
}

/** One column's data cells, in one read. */
function columnValues(sheet: GoogleAppsScript.Spreadsheet.Sheet, column: number): unknown[] {
  const rows = sheet.getLastRow() - 1;
  if (column < 1 || rows < 1) return [];
  return sheet.getRange(2, column, rows, 1).getValues().map((r) => r[0]);
}

function headerOf(sheet: GoogleAppsScript.Spreadsheet.Sheet): string[] {
  const width = sheet.getLastColumn();
  if (width < 1) return [];
  return sheet.getRange(1, 1, 1, width).getValues()[0].map((h) => String(h).trim());
}

function infoFor(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, form: GoogleAppsScript.Forms.Form, record: FormRecord): FormInfo {
  const responses = sheetById(record.responseSheetId, ss);
  const customers = sheetById(record.customerSheetId, ss);
  const responseHeader = responses ? headerOf(responses) : [TIMESTAMP_TITLE, ...form.getItems().map((i) => i.getTitle())];
  const customerHeader = customers ? headerOf(customers) : [];
  return {
    formUrl: publishedUrl(form),
    editUrl: form.getEditUrl(),
    triggerInstalled: formTriggers(ss).length > 0,
    responseSheet: responses ? responses.getName() : '',
    mapping: mapResponseColumns(responseHeader.filter((h) => !isCdmColumn(h)), customerHeader).map((m) =>
      record.consentTitle && m.response === record.consentTitle ? { response: m.response, customer: record.consentColumn ?? null } : m),
  };
}

/** Answers that are codes, not numbers: Sheets would read "02135" as 2135 and "4155550132" as a number. */
const CODE_ROLES = new Set<ColumnRole>(['postcode', 'phone', 'id']);

/**
 * The response sheet's postcode, phone and id columns are formatted as plain text, so Sheets
 * stores an answer as it was typed (leading zeros kept) instead of reading it as a number
 * (values engineer). One RangeList call.
 */
function keepCodesAsTyped(responses: GoogleAppsScript.Spreadsheet.Sheet): void {
  const header = headerOf(responses);
  const rows = responses.getMaxRows() - 1;
  const a1s = header.flatMap((h, j) => {
    const role = roleFromHeader(h);
    return role && CODE_ROLES.has(role) && rows > 0 ? [responses.getRange(2, j + 1, rows, 1).getA1Notation()] : [];
  });
  if (a1s.length) responses.getRangeList(a1s).setNumberFormat('@');
}

/**
 * The column consent answers go to, made with the form (so the user sees where they will land,
 * and the first answer costs no extra write): its header after the sheet's last column, logged.
 */
function addConsentColumn(sheet: GoogleAppsScript.Spreadsheet.Sheet, title: string): void {
  const header = headerOf(sheet);
  if (header.includes(title)) return;
  const column = header.length + 1;
  if (column > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), column - sheet.getMaxColumns());
  sheet.getRange(1, column).setValue(title);
  const text = FORM_TEXT[sheetLang()];
  appendAudit([auditNote(text.auditRun, new Date(), sheet.getName(), 1, `${title}: ${text.consentColumnAdded}`)], sheetLang());
}

/** Menu / sidebar: creates the intake form (or reuses the one already made) and its trigger. */
export function createIntakeForm(): FormInfo {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const existing = loadFormRecord();
  const reused = existing ? openForm(existing.formId) : null;
  if (existing && reused) {
    publish(reused); // made by an earlier version, perhaps never published
    ensureTrigger(ss);
    return infoFor(ss, reused, existing);
  }
  const customers = customerSheetForForm();
  const planned = planFor(customers);
  const form = buildForm(ss, planned);
  SpreadsheetApp.flush();
  const responses = findResponseSheet(ss, form);
  if (responses) keepCodesAsTyped(responses);
  const record: FormRecord = {
    formId: form.getId(),
    responseSheetId: responses ? responses.getSheetId() : null,
    customerSheetId: customers.getSheetId(),
    consentTitle: planned.text.consentTitle,
    consentColumn: planned.plan.consentColumn,
    consentOwn: planned.plan.consentExists,
  };
  if (!planned.plan.consentExists) addConsentColumn(customers, planned.plan.consentColumn);
  saveFormRecord(record);
  ensureTrigger(ss);
  return infoFor(ss, form, record);
}

export function getFormInfo(): FormInfo | null {
  const record = loadFormRecord();
  const form = record ? openForm(record.formId) : null;
  if (!record || !form) return null;
  return infoFor(SpreadsheetApp.getActiveSpreadsheet(), form, record);
}

/** Stops processing responses (the form keeps collecting them in its response sheet). */
export function removeFormTrigger(): FormInfo | null {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  for (const t of formTriggers(ss)) ScriptApp.deleteTrigger(t);
  return getFormInfo();
}

