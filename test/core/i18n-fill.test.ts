/**
 * fill() splits each template once and reuses the pieces; the reference is the one-line
 * regular-expression replacement it replaced (template.replace(/\{(\w+)\}/g, …)).
 */
import { fill } from '../../src/i18n/index';
import { seededRandom } from '../../src/core/random';

const reference = (template: string, params: Readonly<Record<string, string | number>> = {}): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

describe('fill', () => {
  test('same text as the regular-expression replacement on thousands of templates', () => {
    const rnd = seededRandom(11);
    const pieces = ['{value}', '{iso}', '{ value}', '{}', '{', '}', '{{value}}', '{toString}', '{a_1}', '$&', '$1', 'read ', '"', '中文', ' ', '{missing}'];
    const params: Array<Record<string, string | number>> = [{}, { value: '"N/A"', iso: '2020-01-02', a_1: 7 }, { value: '$1 $& {iso}', iso: 0 }];
    for (let i = 0; i < 3000; i++) {
      const template = Array.from({ length: Math.floor(rnd() * 8) }, () => pieces[Math.floor(rnd() * pieces.length)]).join('');
      for (const p of params) expect(fill(template, p)).toBe(reference(template, p));
      expect(fill(template)).toBe(reference(template));
    }
  });

  test('a template without placeholders is returned as the same string', () => {
    const t = 'written in international format';
    expect(fill(t, { value: 'x' })).toBe(t);
  });
});
