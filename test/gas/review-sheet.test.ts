/**
 * CDM Review as a sheet people read, and decisions that carry per-field choices:
 * the built dist/Code.js in the local runtime, in English and in Chinese.
 */
import { reviewRuntime, type ReviewPairView } from '../hostile/addon-sidebar-setup';
import { explanationText, parseExplanation } from '../../src/gas/review';
import type { Runtime } from './helpers';

function call<T>(rt: Runtime, fn: string, ...args: unknown[]): T {
  const ex = rt.run(fn, args);
  if (ex.error) throw new Error(ex.error.message);
  return ex.result as T;
}

test('the explanation is written one field a line, in words, and read back for the sidebar', () => {
  const explanation = [
    { field: 'e-mail', level: 'exact', weight: 9.24 },
    { field: 'first name', level: 'close', weight: 2 },
    { field: 'Company', level: 'different', weight: -3.06 },
  ];
  expect(explanationText(explanation, 'en')).toBe('e-mail: exact (+9.2)\nfirst name: close (+2.0)\nCompany: different (-3.1)');
  expect(explanationText(explanation, 'zh')).toBe('电子邮件：完全相同 (+9.2)\n名：非常接近 (+2.0)\nCompany：不同 (-3.1)');
  expect(parseExplanation(explanationText(explanation, 'en'))).toEqual([
    { field: 'e-mail', level: 'exact', weight: 9.2 },
    { field: 'first name', level: 'close', weight: 2 },
    { field: 'Company', level: 'different', weight: -3.1 },
  ]);
  expect(parseExplanation(explanationText(explanation, 'zh')).map((e) => e.weight)).toEqual([9.2, 2, -3.1]);
  // Anything a person typed there that is not an explanation line is ignored, not misread.
  expect(parseExplanation('{"field":"x"}\nsee me')).toEqual([]);
});

test('English: a human-readable CDM Review — pair number, decision in words, match in percent, no JSON', () => {
  const { rt, queue } = reviewRuntime();
  const values = rt.sheetValues('CDM Review');
  const header = values[0] as string[];
  expect(header.slice(0, 5)).toEqual(['Pair', 'Decision', 'Match', 'Record', 'Row']);
  expect(header.slice(-2)).toEqual(['Why CDM thinks so', 'Pair key (used by CDM)']);
  expect(values[1][0]).toBe(1);
  expect(values[1][3]).toBe('A');
  expect(values[2][3]).toBe('B');
  expect(String(values[1][2])).toMatch(/^\d{1,2}%$/);
  expect(String(values[1][header.length - 2])).toMatch(/^[^\n]+: [^\n]+ \([+-]\d+\.\d\)(\n[^\n]+: [^\n]+ \([+-]\d+\.\d\))*$/);
  expect(values.flat().some((c) => /^\s*[[{]/.test(String(c)))).toBe(false);
  // The sidebar gets the same pair back, with the explanation's weights.
  expect(queue[0].score).toBeGreaterThan(0);
  expect(queue[0].score).toBeLessThan(1);
});

test('Chinese: the review sheet is in Chinese and still read back; a decision with choices is written in words', () => {
  const { rt, queue } = reviewRuntime({ locale: 'zh_CN' });
  const values = rt.sheetValues('CDM Review');
  const header = values[0] as string[];
  expect(header.slice(0, 5)).toEqual(['记录对', '判断', '匹配度', '记录', '行']);
  expect(values[1][3]).toBe('甲');
  expect(values[2][3]).toBe('乙');
  const pair = queue[0] as ReviewPairView & { explanation: Array<{ field: string; level: string; weight: number }> };
  expect(pair.explanation.length).toBeGreaterThan(0);
  expect(pair.explanation.every((e) => /[\u4e00-\u9fff]/.test(e.level))).toBe(true);
  const field = Object.keys(pair.a.values).find((k) => pair.a.values[k] !== pair.b.values[k])!;
  call(rt, 'decideReview', pair.id, 'accept', { [field]: 'b' });
  const after = rt.sheetValues('CDM Review');
  expect(after[1][1]).toBe(`同一位客户；保留 第 ${pair.b.row} 行的${field}`);
});

test('bulk: several decisions in one call, each with its choices, stored once; decided pairs leave the queue', () => {
  const { rt, queue } = reviewRuntime();
  const res = call<{ remaining: number; decided: number }>(rt, 'decideReviews', queue.map((p) => ({ id: p.id, decision: 'accept', fields: { Name: 'a' } })));
  expect(res).toEqual({ remaining: 0, decided: queue.length });
  const stored = JSON.parse(rt.properties.document.data.get('cdm.decisions') ?? '[]') as Array<{ a: string; b: string; fields?: Record<string, string> }>;
  expect(stored.map((d) => `${d.a}|${d.b}`).sort()).toEqual(queue.map((p) => p.id).sort());
  expect(stored.every((d) => d.fields?.Name === 'a')).toBe(true);
  expect(call<unknown[]>(rt, 'getReviewQueue')).toEqual([]);
  // Deciding again replaces, never duplicates.
  const [a, b] = queue[0].id.split('|');
  rt.run('decideReview', [queue[0].id, 'reject']);
  const again = JSON.parse(rt.properties.document.data.get('cdm.decisions') ?? '[]') as Array<{ a: string; b: string; decision: string }>;
  expect(again.filter((d) => d.a === a && d.b === b)).toEqual([{ a, b, decision: 'reject' }]);
});

test('the merge run honours the field chosen in the review (the user’s value, not the rules’)', () => {
  const { rt, queue } = reviewRuntime();
  const pair = queue[0];
  const field = Object.keys(pair.a.values).find((k) => pair.a.values[k] !== '' && pair.b.values[k] !== '' && pair.a.values[k] !== pair.b.values[k] && !/mail|phone/i.test(k))!;
  expect(field).toBeTruthy();
  call(rt, 'decideReview', pair.id, 'accept', { [field]: 'b' });
  const ex = rt.run('startRun', [{ mode: 'merge', region: 'US', inPlace: true, k: 'auto' }]);
  expect(ex.error?.message ?? null).toBeNull();
  const values = rt.sheetValues('Customers');
  const header = values[0] as string[];
  const text = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
  // One row holds the pair now (the other went to CDM Removed), with record B's value of that field.
  const survivors = values.filter((r) => [pair.a.values.Name, pair.b.values.Name].includes(text(r[header.indexOf('Name')])) && text(r[header.indexOf('Email')]).includes(pair.a.values.Email.split(';')[0]));
  expect(survivors).toHaveLength(1);
  expect(text(survivors[0][header.indexOf(field)])).toBe(pair.b.values[field]);
});
