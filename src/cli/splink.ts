/**
 * `cdm export-splink`: the dedupe model a run learnt, as the JSON that Splink's own
 * `save_model_to_json` writes, so a user who outgrows Sheets keeps the same
 * model on DuckDB or Spark: `Linker(df, "settings.json", db_api)`.
 *
 * Splink compares prepared columns; CDM compares the features it reads out of the sheet
 * (folded names, nicknames mapped, e-mail match keys, the last 9 digits of a phone, streets
 * with abbreviations spelled out…). So the export is two files: the settings, whose level
 * conditions are CDM's comparison levels in SQL over those prepared columns, with the trained
 * m and u of each level; and `…prepare.sql`, the SQL that builds the prepared columns from the
 * user's columns the way CDM reads them. What SQL cannot say is listed in README ("Splink").
 */
import { ALL_COMPARISONS } from '../core/dedupe/comparisons';
import { STREET_WORDS } from '../core/dedupe/features';
import { nicknamePairs } from '../core/dedupe/nicknames';
import { fnv1a } from '../core/dedupe/text';
import { UserError } from './files';

export type SplinkDialect = 'duckdb' | 'spark';

/** settings.json → settings.prepare.sql */
export function prepareSqlPath(out: string): string {
  return /\.json$/i.test(out) ? `${out.slice(0, -5)}.prepare.sql` : `${out}.prepare.sql`;
}

interface ReportField { field: string; levels: string[]; columns: string[]; tf: boolean; m: number[]; u: number[] }

// ---------------------------------------------------------------------------------------
// Reading the report
// ---------------------------------------------------------------------------------------

const isProbability = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0 && x < 1;

function readModel(report: unknown, name: string): { lambda: number; fields: ReportField[]; input: string } {
  const refuse = (why: string) => new UserError(`${name} has no duplicate model CDM can export: ${why}. Run clean or run with --report, and export that report.`);
  const r = report as { input?: unknown; quality?: { dedupe?: { model?: { probabilityTwoRandomRecordsMatch?: unknown; fields?: unknown } } | null } } | null;
  if (!r || typeof r !== 'object' || !('quality' in r)) throw refuse('it is not a CDM report');
  const model = r.quality?.dedupe?.model;
  if (!r.quality?.dedupe) throw refuse('the run did not look for duplicates (analyze only?)');
  if (!model || !Array.isArray(model.fields)) throw refuse('it was written by an older CDM, without the trained model');
  if (!isProbability(model.probabilityTwoRandomRecordsMatch)) throw refuse('its prior is not a probability');
  const fields = model.fields as ReportField[];
  if (fields.length === 0) throw refuse('no column identifies a person (names, e-mail, phone, address, birth date or id)');
  for (const f of fields) {
    const ok = f && typeof f.field === 'string' && Array.isArray(f.levels) && Array.isArray(f.columns) && Array.isArray(f.m) && Array.isArray(f.u) &&
      f.m.length === f.levels.length && f.u.length === f.levels.length && f.m.every(isProbabilityOrOne) && f.u.every(isProbabilityOrOne);
    if (!ok) throw refuse(`the comparison "${String(f?.field)}" is incomplete`);
  }
  return { lambda: model.probabilityTwoRandomRecordsMatch, fields, input: typeof r.input === 'string' ? r.input : 'customers.csv' };
}

const isProbabilityOrOne = (x: unknown): boolean => typeof x === 'number' && Number.isFinite(x) && x > 0 && x <= 1;

// ---------------------------------------------------------------------------------------
// SQL for one dialect
// ---------------------------------------------------------------------------------------

interface Sql {
  dialect: SplinkDialect;
  /** A quoted identifier. */
  id(name: string): string;
  /** A string literal. */
  lit(text: string): string;
  /** A regular-expression literal (Spark reads backslashes in literals as escapes). */
  rx(pattern: string): string;
  replaceAll(expr: string, pattern: string, by: string): string;
  /** Lower case, accents removed (as far as the dialect can), punctuation to one space, trimmed, '' → NULL. */
  fold(expr: string): string;
  jaroWinkler: string;
  /** Words of a space-separated text, each mapped by `map` (a lambda body over `w`), joined again. */
  mapWords(expr: string, body: string): string;
  /** Words of a text kept when `test` (over `w`) holds, joined again. */
  filterWords(expr: string, test: string): string;
  text(expr: string): string;
  /** Text matched by a pattern somewhere in expr. */
  matches(expr: string, pattern: string): string;
  /** $1 / \1 in a replacement. */
  group(n: number): string;
  rowId: string;
  source(input: string): string;
  create: string;
}

const ACCENTED = 'àáâãäåāăąçćčďèéêëēėęěìíîïīįłñńňòóôõöøōőŕřśšşťùúûüūůűųýÿźżž';
const PLAIN = 'aaaaaaaaacccdeeeeeeeeiiiiiilnnnoooooooorrssstuuuuuuuuyyzzz';

const DUCKDB: Sql = {
  dialect: 'duckdb',
  id: (n) => `"${n.replace(/"/g, '""')}"`,
  lit: (t) => `'${t.replace(/'/g, "''")}'`,
  rx: (p) => `'${p.replace(/'/g, "''")}'`,
  replaceAll: (e, p, b) => `regexp_replace(${e}, ${DUCKDB.rx(p)}, ${DUCKDB.lit(b)}, 'g')`,
  fold: (e) => `NULLIF(trim(${DUCKDB.replaceAll(`strip_accents(lower(${e}))`, '[^\\p{L}\\p{N}]+', ' ')}), '')`,
  jaroWinkler: 'jaro_winkler_similarity',
  mapWords: (e, body) => `array_to_string(list_transform(string_split(${e}, ' '), w -> ${body}), ' ')`,
  filterWords: (e, test) => `array_to_string(list_filter(string_split(${e}, ' '), w -> ${test}), ' ')`,
  text: (e) => `CAST(${e} AS VARCHAR)`,
  matches: (e, p) => `regexp_matches(${e}, ${DUCKDB.rx(p)})`,
  group: (n) => `\\${n}`,
  rowId: 'row_number() OVER ()',
  source: (input) => `read_csv(${DUCKDB.lit(input)}, all_varchar = true, header = true)`,
  create: 'CREATE OR REPLACE TABLE cdm_prepared AS',
};

const SPARK: Sql = {
  dialect: 'spark',
  id: (n) => `\`${n.replace(/`/g, '``')}\``,
  lit: (t) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`,
  rx: (p) => `'${p.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`,
  replaceAll: (e, p, b) => `regexp_replace(${e}, ${SPARK.rx(p)}, ${SPARK.lit(b)})`,
  // Spark has no accent stripping: the common Latin letters are translated.
  fold: (e) => `NULLIF(trim(${SPARK.replaceAll(`translate(lower(${e}), ${SPARK.lit(ACCENTED)}, ${SPARK.lit(PLAIN)})`, '[^\\p{L}\\p{N}]+', ' ')}), '')`,
  jaroWinkler: 'jaro_winkler',
  mapWords: (e, body) => `array_join(transform(split(${e}, ' '), w -> ${body}), ' ')`,
  filterWords: (e, test) => `array_join(filter(split(${e}, ' '), w -> ${test}), ' ')`,
  text: (e) => `CAST(${e} AS STRING)`,
  matches: (e, p) => `(${e} RLIKE ${SPARK.rx(p)})`,
  group: (n) => `$${n}`,
  rowId: 'monotonically_increasing_id()',
  source: () => 'customers',
  create: 'CREATE OR REPLACE TEMP VIEW cdm_prepared AS',
};

// ---------------------------------------------------------------------------------------
// Column preparation: CDM's features as SQL over the user's columns
// ---------------------------------------------------------------------------------------

interface Prepared {
  /** Prepared column → its SQL over `src` (the user's table with unique_id). */
  /** `stage`: 0 reads the user's columns, n reads columns of earlier stages; helpers are not in the result. */
  columns: Array<{ name: string; sql: string; note: string; stage: number; helper: boolean }>;
  /** CDM field → prepared column compared. */
  of: Map<string, string>;
}

const TITLES_RE = '^((mr|mrs|ms|miss|mx|dr|prof|sir|madam|rev)\\.? +)+';
const SUFFIXES_RE = '( +(jr|sr|ii|iii|iv|phd|md|esq)\\.?)+$';
/** A surname starts at the first particle after the given name ("ana de la cruz" → "de la cruz"). */
const PARTICLE_RE = '^[^ ]+ +(?:[^ ]+ +)*?((?:van|von|der|den|de|del|della|di|da|das|dos|du|la|le|ter|ten|bin|binti|al|y|e) +.+)$';

function prepare(sql: Sql, fields: ReportField[], roles: Map<string, string>): Prepared {
  const col = (c: string) => `NULLIF(trim(${sql.text(`src.${sql.id(c)}`)}), '')`;
  const firstOf = (cols: string[]) => (cols.length === 1 ? col(cols[0]) : `coalesce(${cols.map(col).join(', ')})`);
  const columns: Prepared['columns'] = [];
  const of = new Map<string, string>();
  const used = new Set<string>(['unique_id']);
  const add = (name: string, expr: string, note: string, stage = 0, helper = false) => {
    let n = name;
    for (let k = 2; used.has(n); k++) n = `${name}_${k}`;
    used.add(n);
    columns.push({ name: n, sql: expr, note, stage, helper });
    return n;
  };
  const byField = new Map(fields.map((f) => [f.field, f]));
  const first = byField.get('first name');
  const last = byField.get('last name');
  if (first || last) {
    const cols = (first ?? last)!.columns;
    const partCols = (f: ReportField | undefined, role: string) => (f ? f.columns.filter((c) => roles.get(c) === role) : []);
    const firstCols = partCols(first, 'first_name');
    const lastCols = partCols(last, 'last_name');
    const nameCols = [...new Set([...(first?.columns ?? []), ...(last?.columns ?? [])])].filter((c) => roles.get(c) === 'name');
    const id = sql.id;
    // A full name: "Last, First", or a CJK name without spaces (surname first, one character),
    // or "First … Last" (titles and suffixes dropped).
    const full = nameCols.length
      ? id(add('cdm_full_name', sql.replaceAll(sql.replaceAll(`lower(${firstOf(nameCols)})`, TITLES_RE, ''), SUFFIXES_RE, ''), 'helper', 0, true))
      : null;
    const rawFirst = firstCols.length ? id(add('cdm_first_raw', firstOf(firstCols), 'helper', 0, true)) : 'NULL';
    const rawLast = lastCols.length ? id(add('cdm_last_raw', firstOf(lastCols), 'helper', 0, true)) : 'NULL';
    const hasComma = full ? `position(',' IN ${full}) > 0` : '';
    const cjk = full ? `${sql.matches(full, sql.dialect === 'duckdb' ? '^\\p{Han}{2,}$' : '^\\p{IsHan}{2,}$')}` : '';
    const splitFirst = full
      ? `CASE WHEN ${hasComma} THEN trim(regexp_extract(${full}, ${sql.rx(',\\s*([^ ]+)')}, 1)) WHEN ${cjk} THEN substr(${full}, 2) ELSE regexp_extract(trim(${full}), ${sql.rx('^[^ ]+')}, 0) END`
      : 'NULL';
    const splitLast = full
      ? `CASE WHEN ${hasComma} THEN regexp_extract(${full}, ${sql.rx('^([^,]*),')}, 1) WHEN ${cjk} THEN substr(${full}, 1, 1) ` +
        `WHEN ${sql.matches(`trim(${full})`, PARTICLE_RE)} THEN regexp_extract(trim(${full}), ${sql.rx(PARTICLE_RE)}, 1) ` +
        `WHEN position(' ' IN trim(${full})) > 0 THEN regexp_extract(trim(${full}), ${sql.rx('[^ ]+$')}, 0) ELSE NULL END`
      : 'NULL';
    // Name parts come from first/last name columns; a full name is split only when both are blank.
    const bothMissing = `${rawFirst} IS NULL AND ${rawLast} IS NULL`;
    const given = id(add('cdm_given', `CASE WHEN ${bothMissing} THEN ${splitFirst} ELSE ${rawFirst} END`, 'helper', 1, true));
    const family = id(add('cdm_family', `CASE WHEN ${bothMissing} THEN ${splitLast} ELSE ${rawLast} END`, 'helper', 1, true));
    // The first word of the first name; a hyphenated one is one name (Jean-Luc → jeanluc).
    const firstWord = `CASE WHEN position('-' IN ${given}) > 0 THEN ${sql.fold(`replace(regexp_extract(trim(${given}), ${sql.rx('^[^ ]+')}, 0), '-', '')`)} ELSE NULLIF(regexp_extract(${sql.fold(given)}, ${sql.rx('^[^ ]+')}, 0), '') END`;
    if (first) {
      const n = add('first_name', firstWord, `first word of ${cols.join(', ')}, folded (lower case, no accents or punctuation)`, 2);
      of.set('first name', n);
      const nick = nicknamePairs().map(([k, v]) => `WHEN ${sql.lit(k)} THEN ${sql.lit(v)}`).join(' ');
      add('first_name_canonical', `CASE ${sql.id(n)} ${nick} ELSE ${sql.id(n)} END`, 'first_name with nicknames mapped to one name (bob → robert), as CDM does', 3);
    }
    if (last) of.set('last name', add('surname', sql.fold(family), `surname from ${last.columns.join(', ')}, folded`, 2));
  }
  for (const f of fields) {
    if (f.field === 'first name' || f.field === 'last name') continue;
    const raw = firstOf(f.columns);
    switch (f.field) {
      case 'e-mail': {
        // The first address of the cell, as a match key: lower case, +tags dropped, Gmail dots ignored.
        const e = `lower(NULLIF(regexp_extract(${raw}, ${sql.rx('[^;,\\s]+@[^;,\\s]+')}, 0), ''))`;
        const local = sql.replaceAll(`regexp_extract(${e}, ${sql.rx('^(.*)@')}, 1)`, '\\+.*$', '');
        const domain = `regexp_extract(${e}, ${sql.rx('@([^@]*)$')}, 1)`;
        of.set(f.field, add('email', `CASE WHEN ${domain} IN ('gmail.com', 'googlemail.com') THEN replace(${local}, '.', '') || '@gmail.com' ELSE ${local} || '@' || ${domain} END`, `e-mail match key of ${f.columns.join(', ')}: lower case, +tag dropped, Gmail dots ignored`));
        break;
      }
      case 'phone': {
        const part = `regexp_extract(${raw}, ${sql.rx('^[^;,/]+')}, 0)`;
        const main = sql.replaceAll(part, '(?i)\\s*(ext\\.?|extension|x|#)\\s*[0-9]+\\s*$', '');
        const digits = sql.replaceAll(main, '[^0-9]+', '');
        of.set(f.field, add('phone', `CASE WHEN length(${digits}) >= 6 THEN right(${digits}, 9) END`, `last 9 digits of ${f.columns.join(', ')} (extension dropped): survives +1, 0044 and national prefixes`));
        break;
      }
      case 'street': {
        // CDM reads every street column of the row, joined (number, line 1, line 2).
        const joined = f.columns.length === 1 ? raw : `NULLIF(concat_ws(' ', ${f.columns.map(col).join(', ')}), '')`;
        const spaced = sql.fold(sql.replaceAll(sql.replaceAll(joined, '([0-9]+)', ` ${sql.group(1)} `), '(?i)strasse', 'straße'));
        const map = [...STREET_WORDS].map(([k, v]) => `WHEN ${sql.lit(k)} THEN ${sql.lit(v)}`).join(' ');
        const words = sql.mapWords(spaced, `CASE w ${map} ELSE w END`);
        const s = add('street', `NULLIF(${words}, '')`, `${f.columns.join(' + ')}, folded, numbers split off, abbreviations spelled out (st → street)`);
        of.set(f.field, s);
        add('street_name', `NULLIF(${sql.filterWords(sql.id(s), `NOT ${sql.matches('w', '[0-9]')}`)}, '')`, 'street words without house numbers', 1);
        add('street_number', `NULLIF(${sql.filterWords(sql.id(s), sql.matches('w', '[0-9]'))}, '')`, 'house number words', 1);
        break;
      }
      case 'postcode':
        of.set(f.field, add('postcode', `NULLIF(replace(${sql.fold(raw)}, ' ', ''), '')`, `${f.columns.join(', ')}, folded, spaces removed`));
        break;
      case 'birth date': {
        const s = `trim(${raw})`;
        const ymd = '^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})';
        const dmy = '^([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})$';
        const g = (p: string, n: number) => `regexp_extract(${s}, ${sql.rx(p)}, ${n})`;
        const pad = (e: string) => `lpad(${e}, 2, '0')`;
        of.set(f.field, add('birth_date', `CASE WHEN ${sql.matches(s, '^[0-9]{8}$')} THEN ${s} ` +
          `WHEN ${sql.matches(s, ymd)} THEN ${g(ymd, 1)} || ${pad(g(ymd, 2))} || ${pad(g(ymd, 3))} ` +
          `WHEN ${sql.matches(s, dmy)} THEN ${g(dmy, 3)} || ${pad(g(dmy, 2))} || ${pad(g(dmy, 1))} ` +
          `ELSE NULLIF(replace(${sql.fold(s)}, ' ', ''), '') END`, `${f.columns.join(', ')} as yyyymmdd (from 19081209, 1908-12-09 or 09/12/1908)`));
        break;
      }
      case 'city': case 'state':
        of.set(f.field, add(f.field, sql.fold(raw), `${f.columns.join(', ')}, folded`));
        break;
      default: {
        const slug = `id_${f.field.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '') || 'column'}`;
        of.set(f.field, add(slug, `NULLIF(replace(${sql.fold(raw)}, ' ', ''), '')`, `identifier ${f.field}, folded, spaces removed`));
      }
    }
  }
  return { columns, of };
}

function prepareSql(sql: Sql, prepared: Prepared, input: string): string {
  const lines = [
    '-- Column preparation for the CDM duplicate model in the settings file beside this one.',
    '-- It builds the columns the model compares from your own columns, the way CDM reads them.',
    sql.dialect === 'duckdb'
      ? `-- DuckDB: run it, then: Linker(con.table("cdm_prepared"), "settings.json", DuckDBAPI(con)). Reads ${input}; change the path if the file is elsewhere.`
      : '-- Spark: register your data as a view called customers first (df.createOrReplaceTempView("customers")), then run it with spark.sql(...).',
    '-- Feed it the CSV CDM wrote (OUT.csv: phones, e-mails and dates already cleaned) or your original file.',
    ...prepared.columns.filter((c) => !c.helper).map((c) => `--   ${c.name}: ${c.note}`),
    `${sql.create}`,
    `WITH src AS (SELECT ${sql.rowId} AS cdm_row_number, * FROM ${sql.source(input)}),`,
  ];
  const expr = (c: Prepared['columns'][number]) => `    ${c.sql} AS ${sql.id(c.name)}`;
  const stages = Math.max(...prepared.columns.map((c) => c.stage)) + 1;
  let from = 'src';
  for (let k = 0; k < stages; k++) {
    const here = prepared.columns.filter((c) => c.stage === k);
    const carried = k === 0 ? 'cdm_row_number AS unique_id' : '*';
    lines.push(`step${k + 1} AS (SELECT ${carried}${here.length ? ',\n' + here.map(expr).join(',\n') : ''}\n  FROM ${from})${k === stages - 1 ? '' : ','}`);
    from = `step${k + 1}`;
  }
  const result = ['unique_id', ...prepared.columns.filter((c) => !c.helper).map((c) => sql.id(c.name))];
  lines.push(`SELECT ${result.join(', ')} FROM ${from};`);
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------
// Comparisons: CDM's levels (src/core/dedupe/comparisons.ts) as SQL conditions
// ---------------------------------------------------------------------------------------

interface Level { sql: string; label: string; cdmLevel: number }

function levelsFor(sql: Sql, field: ReportField, p: Prepared): Level[] | null {
  const c = p.of.get(field.field)!;
  const L = (n: string) => sql.id(`${n}_l`);
  const R = (n: string) => sql.id(`${n}_r`);
  const eq = (n: string) => `${L(n)} = ${R(n)}`;
  const jw = (n: string, t: number) => `${sql.jaroWinkler}(${L(n)}, ${R(n)}) >= ${t}`;
  const oneEdit = (n: string) => `levenshtein(${L(n)}, ${R(n)}) <= 1`;
  const oneEditOrSwap = (n: string) => `damerau_levenshtein(${L(n)}, ${R(n)}) <= 1`;
  const len = (e: string) => `length(${e})`;
  const first = p.of.get('first name');
  const last = p.of.get('last name');
  const swapped = first && last
    ? ` OR (${L(first)} = ${R(last)} AND ${L(last)} = ${R(first)} AND ${L(first)} <> ${L(last)})`
    : '';
  const lv = (cdmLevel: number, label: string, cond: string): Level => ({ sql: cond, label, cdmLevel });
  switch (field.field) {
    case 'first name': {
      const canon = 'first_name_canonical';
      const starts = (a: string, b: string) => `(${len(a)} >= 3 AND ${len(b)} > ${len(a)} AND substr(${b}, 1, ${len(a)}) = ${a})`;
      return [
        lv(0, 'Exact match on first name (or names swapped)', `${eq(c)}${swapped}`),
        lv(1, 'Nickname or short form', `${eq(canon)} OR ${starts(L(c), R(c))} OR ${starts(R(c), L(c))}`),
        lv(2, 'Close (Jaro-Winkler >= 0.92 or one typo)', `${jw(c, 0.92)} OR (least(${len(L(c))}, ${len(R(c))}) >= 4 AND ${oneEdit(c)})`),
        lv(3, 'Similar (Jaro-Winkler >= 0.8 or one edit)', `${jw(c, 0.8)} OR (${len(L(c))} >= 2 AND ${len(R(c))} >= 2 AND ${oneEdit(c)})`),
        lv(4, 'Initial', `(${len(L(c))} = 1 OR ${len(R(c))} = 1) AND substr(${L(c)}, 1, 1) = substr(${R(c)}, 1, 1)`),
        lv(5, 'All other comparisons', 'ELSE'),
      ];
    }
    case 'last name':
      return [
        lv(0, 'Exact match on surname (or names swapped)', `${eq(c)}${swapped}`),
        lv(1, 'Close (Jaro-Winkler >= 0.92)', jw(c, 0.92)),
        lv(2, 'Similar (Jaro-Winkler >= 0.8)', jw(c, 0.8)),
        lv(3, 'All other comparisons', 'ELSE'),
      ];
    case 'e-mail': {
      const letters = (e: string) => sql.replaceAll(e, '[^\\p{L}@]+', '');
      return [
        lv(0, 'Exact match on e-mail match key', eq(c)),
        lv(1, 'One typo (not only separators or digits changed)', `${oneEditOrSwap(c)} AND ${letters(L(c))} <> ${letters(R(c))}`),
        lv(2, 'All other comparisons', 'ELSE'),
      ];
    }
    case 'street': {
      const city = p.of.get('city');
      const postcode = p.of.get('postcode');
      const name = 'street_name';
      const num = 'street_number';
      const nameClose = `${L(name)} IS NOT NULL AND ${R(name)} IS NOT NULL AND (${eq(name)} OR (substr(${L(name)}, 1, 1) = substr(${R(name)}, 1, 1) AND ${jw(name, 0.9)}))`;
      const out: Level[] = [];
      if (city && postcode) {
        out.push(lv(3, 'Same street line in another town', `${L(city)} IS NOT NULL AND ${R(city)} IS NOT NULL AND ${L(city)} <> ${R(city)} AND coalesce(${L(postcode)}, '') <> coalesce(${R(postcode)}, '') AND ${sql.jaroWinkler}(${L(city)}, ${R(city)}) < 0.88`));
      }
      out.push(
        lv(0, 'Exact match on street', eq(c)),
        lv(1, 'Same street and number', `${nameClose} AND (${eq(num)} OR ${L(num)} IS NULL OR ${R(num)} IS NULL)`),
        lv(2, 'Same street, other number', nameClose),
        lv(3, 'All other comparisons', 'ELSE'),
      );
      return out;
    }
    case 'city':
      return [lv(0, 'Exact match on city', eq(c)), lv(1, 'Close (Jaro-Winkler >= 0.88)', jw(c, 0.88)), lv(2, 'All other comparisons', 'ELSE')];
    case 'postcode':
    case 'phone':
      return [lv(0, `Exact match on ${field.field}`, eq(c)), lv(1, 'One digit off (one edit or two digits swapped)', oneEditOrSwap(c)), lv(2, 'All other comparisons', 'ELSE')];
    case 'state':
      return [lv(0, 'Exact match on state', eq(c)), lv(1, 'All other comparisons', 'ELSE')];
    case 'birth date': {
      const part = (e: string, at: number, n: number) => `substr(${e}, ${at}, ${n})`;
      const y = `${part(L(c), 1, 4)} = ${part(R(c), 1, 4)}`;
      const m = `${part(L(c), 5, 2)} = ${part(R(c), 5, 2)}`;
      const d = `${part(L(c), 7, 2)} = ${part(R(c), 7, 2)}`;
      const dayMonthSwapped = `${part(L(c), 5, 2)} = ${part(R(c), 7, 2)} AND ${part(L(c), 7, 2)} = ${part(R(c), 5, 2)}`;
      return [
        lv(0, 'Exact match on birth date', eq(c)),
        lv(1, 'One part off, one typo, or day and month swapped',
          `(${len(L(c))} = 8 AND ${len(R(c))} = 8 AND ((${y} AND ${m}) OR (${y} AND ${d}) OR (${m} AND ${d}) OR (${y} AND ${dayMonthSwapped}))) OR ${oneEditOrSwap(c)}`),
        lv(2, 'All other comparisons', 'ELSE'),
      ];
    }
    default:
      if (field.levels.join('|') !== 'exact|one character off|different') return null;
      return [lv(0, `Exact match on ${field.field}`, eq(c)), lv(1, 'One character off', oneEditOrSwap(c)), lv(2, 'All other comparisons', 'ELSE')];
  }
}

/** CDM's comparisons by field, to check the report's levels are the ones this export knows. */
const KNOWN_LEVELS = new Map(Object.values(ALL_COMPARISONS).map((c) => [c.field, c.levels.map((l) => l.label).join('|')]));

/**
 * Weights as CDM scores them (model.ts levelWeights): log2(m/u) with m and u floored, and a
 * better level never weighing less than a worse one.
 */
function cdmWeights(m: number[], u: number[]): number[] {
  const FLOOR = 1e-6;
  const w = m.map((x, l) => Math.log2(Math.max(FLOOR, x) / Math.max(FLOOR, u[l])));
  for (let l = w.length - 2; l >= 0; l--) w[l] = Math.max(w[l], w[l + 1]);
  return w;
}

/** Largest m below 1: Splink reads an m of 1 as certain. */
const BELOW_ONE = 1 - 1e-9;

// ---------------------------------------------------------------------------------------
// The settings file
// ---------------------------------------------------------------------------------------

export interface SplinkExport {
  settings: Record<string, unknown>;
  prepareSql: string;
  comparisons: number;
  blockingRules: number;
  /** Prepared column names (the settings' SQL refers to these with _l / _r). */
  columns: string[];
}

export function exportSplink(report: unknown, dialect: SplinkDialect, name: string): SplinkExport {
  const { lambda, fields, input } = readModel(report, name);
  const roleList = (report as { roles?: Array<{ column: string; role: string }> }).roles;
  const roles = new Map((Array.isArray(roleList) ? roleList : []).map((r) => [r.column, r.role]));
  const sql = dialect === 'spark' ? SPARK : DUCKDB;
  const prepared = prepare(sql, fields, roles);
  const comparisons = fields.map((f) => {
    const known = KNOWN_LEVELS.get(f.field);
    const levels = levelsFor(sql, f, prepared);
    if ((known !== undefined && known !== f.levels.join('|')) || !levels) {
      throw new UserError(`${name} has a comparison this CDM cannot export ("${f.field}" with levels ${f.levels.join(', ')}): export it with the CDM version that wrote it.`);
    }
    const col = prepared.of.get(f.field)!;
    const weights = cdmWeights(f.m, f.u);
    const tfColumn = f.field === 'first name' ? 'first_name_canonical' : col;
    return {
      output_column_name: col,
      comparison_levels: [
        {
          sql_condition: `${sql.id(`${col}_l`)} IS NULL OR ${sql.id(`${col}_r`)} IS NULL`,
          label_for_charts: `${col} is NULL`,
          fix_m_probability: false,
          fix_u_probability: false,
          is_null_level: true,
        },
        ...levels.map((l) => {
          const u = f.u[l.cdmLevel];
          let m = f.m[l.cdmLevel];
          let label = l.label;
          // CDM never lets a better level weigh less than a worse one; the m that gives the
          // weight CDM scores with is written, and the label says so.
          if (weights[l.cdmLevel] > Math.log2(Math.max(1e-6, m) / Math.max(1e-6, u)) + 1e-9) {
            m = Math.min(BELOW_ONE, u * 2 ** weights[l.cdmLevel]);
            label += ' (m raised to the next level\'s weight, as CDM scores it)';
          }
          const level: Record<string, unknown> = {
            sql_condition: l.sql,
            label_for_charts: label,
            m_probability: Math.min(BELOW_ONE, m),
            u_probability: Math.min(BELOW_ONE, u),
            fix_m_probability: false,
            fix_u_probability: false,
          };
          if (f.tf && l.cdmLevel === 0 && l.sql !== 'ELSE') {
            level.tf_adjustment_column = tfColumn;
            level.tf_adjustment_weight = 1.0;
            // CDM caps a rare value's boost at +6 bits (2^6 = 64 times the average).
            level.tf_minimum_u_value = u / 64;
            // The level is not a plain equality on the tf column: use its own u.
            level.disable_tf_exact_match_detection = true;
          }
          return level;
        }),
      ],
      comparison_description: `CDM ${f.field} (${f.columns.join(', ')})`,
    };
  });
  const blocking = blockingRules(sql, prepared).map((rule) => ({ blocking_rule: rule, sql_dialect: dialect }));
  const settings: Record<string, unknown> = {
    link_type: 'dedupe_only',
    probability_two_random_records_match: lambda,
    retain_matching_columns: true,
    retain_intermediate_calculation_columns: true,
    additional_columns_to_retain: [],
    sql_dialect: dialect,
    linker_uid: `cdm${fnv1a(JSON.stringify(comparisons))}`,
    em_convergence: 0.0001,
    max_iterations: 25,
    match_weight_column_prefix: 'mw_',
    term_frequency_adjustment_column_prefix: 'tf_',
    comparison_vector_value_column_prefix: 'gamma_',
    unique_id_column_name: 'unique_id',
    source_dataset_column_name: 'source_dataset',
    blocking_rules_to_generate_predictions: blocking,
    comparisons,
  };
  return {
    settings,
    prepareSql: prepareSql(sql, prepared, input),
    comparisons: comparisons.length,
    blockingRules: blocking.length,
    columns: ['unique_id', ...prepared.columns.filter((c) => !c.helper).map((c) => c.name)],
  };
}

/**
 * CDM's blocking rules (blocking.ts) as joins. Sound-alike keys (Double Metaphone) have no SQL
 * in DuckDB, so names block on exact folded values here.
 */
function blockingRules(sql: Sql, p: Prepared): string[] {
  const l = (n: string) => `l.${sql.id(n)}`;
  const r = (n: string) => `r.${sql.id(n)}`;
  const same = (...cols: string[]) => cols.map((c) => `${l(c)} = ${r(c)}`).join(' AND ');
  const has = (...fields: string[]) => fields.every((f) => p.of.has(f));
  const c = (f: string) => p.of.get(f)!;
  const rules: string[] = [];
  if (has('e-mail')) rules.push(same(c('e-mail')));
  if (has('phone')) rules.push(same(c('phone')));
  for (const [field, col] of p.of) if (col.startsWith('id_') && !KNOWN_LEVELS.has(field)) rules.push(same(col));
  if (has('first name', 'last name')) {
    rules.push(same('first_name_canonical', c('last name')));
    rules.push(`${l('first_name_canonical')} = ${r(c('last name'))} AND ${l(c('last name'))} = ${r('first_name_canonical')}`);
  }
  if (has('last name', 'postcode')) rules.push(same(c('last name'), c('postcode')));
  if (has('last name', 'city')) rules.push(same(c('last name'), c('city')));
  if (has('birth date')) {
    const initial = (side: (n: string) => string) => p.of.has('first name') ? `coalesce(substr(${side(c('first name'))}, 1, 1), '')` : "''";
    rules.push(`${initial(l)} = ${initial(r)} AND ${same(c('birth date'))}`);
  }
  if (has('birth date', 'postcode')) rules.push(same(c('birth date'), c('postcode')));
  if (has('street', 'postcode')) rules.push(same('street_name', c('postcode')));
  if (has('street')) {
    const firstWord = (side: (n: string) => string) => `regexp_extract(${side('street_name')}, ${sql.rx('^[^ ]+')}, 0)`;
    rules.push(`${l('street_number')} = ${r('street_number')} AND ${firstWord(l)} = ${firstWord(r)}`);
  }
  return rules;
}
