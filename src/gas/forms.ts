/**
 * The intake Google Form: built from the customer sheet's header (only what a customer should
 * fill in), its responses land in this spreadsheet, and ONE installable form-submit trigger
 * runs onFormSubmit for each response (src/gas/form-submit.ts).
 *
 * The form's id and the sheets involved are remembered in document properties, so the sidebar
 * can show the form and a re-run reuses it instead of making a second form or trigger.
 */
import type { ColumnRole } from '../core/table';
import { isCdmColumn } from '../core/table';
import { roleFromHeader } from '../core/roles';
import type { FormInfo } from '../rpc';
import { readJson, writeJson, deleteJson, loadChosenSheetId } from './run-state';
import { findCustomerSheet, sheetById } from './sheet-io';

export const FORM_HANDLER = 'onFormSubmit';
const FORM_KEY = 'cdm.form';

/** The customer columns a customer may fill in, by role. */
const CUSTOMER_FILLABLE: ColumnRole[] = ['name', 'first_name', 'last_name', 'email', 'phone', 'street', 'city', 'postcode', 'state', 'country'];
const PRODUCT_HEADER = /product|interest|产品|兴趣|商品/i;
const SIGNUP_HEADER = /sign ?up|joined|created|since|registered|注册|加入/i;
export const TIMESTAMP_TITLE = 'Timestamp';

export interface FormRecord {
  formId: string;
  /** The sheet the form's responses go to ("Form Responses 1"). */
  responseSheetId: number | null;
  customerSheetId: number;
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

/** Questions from the customer header: fillable columns in sheet order; name and e-mail required. */
export function formQuestions(header: string[]): FormQuestion[] {
  const questions: FormQuestion[] = [];
  for (const raw of header) {
    const title = String(raw).trim();
    if (!title || isCdmColumn(title)) continue;
    const role = roleFromHeader(title);
    if (role && CUSTOMER_FILLABLE.includes(role)) {
      questions.push({ title, role, required: role === 'email' || role === 'name' || role === 'first_name' });
    } else if (PRODUCT_HEADER.test(title) && role !== 'money' && role !== 'count' && role !== 'date') {
      questions.push({ title, role: 'product', required: false });
    }
  }
  // A sheet without a name or e-mail column still needs them to tell customers apart.
  if (!questions.some((q) => q.role === 'name' || q.role === 'first_name')) questions.unshift({ title: 'Name', role: 'name', required: true });
  if (!questions.some((q) => q.role === 'email')) questions.splice(1, 0, { title: 'Email', role: 'email', required: true });
  return questions;
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
      if (!label || label.length > 60) continue;
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
 * the Timestamp goes to a signup-date column if there is one.
 */
export function mapResponseColumns(responseHeader: string[], customerHeader: string[]): Array<{ response: string; customer: string | null }> {
  const userColumns = customerHeader.filter((h) => h && !isCdmColumn(h));
  const used = new Set<string>();
  const byKey = new Map(userColumns.map((h) => [headerKey(h), h]));
  const mapping = responseHeader.map((response) => {
    let customer: string | null = null;
    const exact = byKey.get(headerKey(response));
    if (exact && !used.has(exact)) customer = exact;
    if (!customer && response === TIMESTAMP_TITLE) {
      customer = userColumns.find((h) => SIGNUP_HEADER.test(h) && !used.has(h)) ?? null;
    }
    if (!customer && response !== TIMESTAMP_TITLE) {
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

/** What the customer reads on the form, in the spreadsheet's language (English or Simplified Chinese). */
const FORM_TEXT = {
  en: {
    title: (name: string) => `${name} – your details`,
    description: 'Tell us how to reach you. We only use these details to serve you, and you can ask us to delete them at any time.',
    email: 'Please enter a valid e-mail address.',
    phone: 'With the country code if you are not in the same country as us, e.g. +44 20 7946 0958.',
    product: 'Which of our products are you interested in?',
    consentTitle: 'Consent',
    consent: 'I agree that my details are stored and used to contact me.',
  },
  zh: {
    title: (name: string) => `${name} – 您的信息`,
    description: '请留下您的联系方式。我们只用这些信息为您服务，您可以随时要求我们删除。',
    email: '请输入有效的电子邮件地址。',
    phone: '如果您不在我们所在的国家，请加上国家代码，例如 +86 138 0013 8000。',
    product: '您对我们的哪些产品感兴趣？',
    consentTitle: '同意',
    consent: '我同意保存我的信息并用于联系我。',
  },
};
type FormText = (typeof FORM_TEXT)['en'];

export const formTextFor = (locale: string): FormText => (/^zh/i.test(locale) ? FORM_TEXT.zh : FORM_TEXT.en);

function addQuestion(form: GoogleAppsScript.Forms.Form, q: FormQuestion, text: FormText, products: string[]): void {
  if (q.role === 'product' && products.length > 0) {
    form.addCheckboxItem().setTitle(q.title).setHelpText(text.product).setChoiceValues(products).showOtherOption(true);
    return;
  }
  const item = form.addTextItem().setTitle(q.title).setRequired(q.required);
  if (q.role === 'email') {
    item.setValidation(FormApp.createTextValidation().setHelpText(text.email).requireTextIsEmail().build());
  }
  if (q.role === 'phone') item.setHelpText(text.phone);
  if (q.role === 'product') item.setHelpText(text.product);
}

function buildForm(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, customers: GoogleAppsScript.Spreadsheet.Sheet, header: string[]): GoogleAppsScript.Forms.Form {
  const text = formTextFor(ss.getSpreadsheetLocale());
  const questions = formQuestions(header);
  const product = questions.find((q) => q.role === 'product');
  const products = product ? productChoices(columnValues(customers, header.indexOf(product.title) + 1)) : [];
  const form = FormApp.create(text.title(ss.getName()));
  form.setDescription(text.description);
  for (const q of questions) addQuestion(form, q, text, products);
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
    mapping: mapResponseColumns(responseHeader.filter((h) => !isCdmColumn(h)), customerHeader),
  };
}

/** Answers that are codes, not numbers: Sheets would read "02135" as 2135 and "4155550132" as a number. */
const CODE_ROLES = new Set<ColumnRole>(['postcode', 'phone', 'id']);

/**
 * The response sheet's postcode, phone and id columns are formatted as plain text, so Sheets
 * stores an answer as it was typed (leading zeros kept) instead of reading it as a number
 * (values engineer; issue 9 §1). One RangeList call.
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
  const form = buildForm(ss, customers, headerOf(customers));
  SpreadsheetApp.flush();
  const responses = findResponseSheet(ss, form);
  if (responses) keepCodesAsTyped(responses);
  const record: FormRecord = { formId: form.getId(), responseSheetId: responses ? responses.getSheetId() : null, customerSheetId: customers.getSheetId() };
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

/** Forgets the form (used when the user deleted it). */
export function forgetForm(): void {
  deleteJson(FORM_KEY);
}
