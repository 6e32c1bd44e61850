import * as fs from 'fs';
import * as path from 'path';
import { detectRoles } from '../../src/core/roles';
import { parseCsv } from '../../src/core/csv';
import type { Cell, Table } from '../../src/core/table';

const DATA = path.resolve(__dirname, '../../data');
const col = (n: number, f: (i: number) => Cell): Cell[] => Array.from({ length: n }, (_, i) => f(i));
function table(columns: Record<string, Cell[]>): Table {
  const header = Object.keys(columns);
  const n = columns[header[0]].length;
  return { header, rows: Array.from({ length: n }, (_, i) => header.map((h) => columns[h][i])) };
}

describe('detectRoles', () => {
  test('FEBRL headers (roles as documented in the task brief)', () => {
    const t = parseCsv(fs.readFileSync(path.join(DATA, 'febrl1.csv'), 'utf8'));
    const { roles } = detectRoles(t);
    expect(roles).toEqual({
      rec_id: 'id', given_name: 'first_name', surname: 'last_name', street_number: 'street', address_1: 'street',
      address_2: 'street', suburb: 'city', postcode: 'postcode', state: 'state', date_of_birth: 'birth_date', soc_sec_id: 'id',
    });
  });

  test('mall customers', () => {
    const t = parseCsv(fs.readFileSync(path.join(DATA, 'mall_customers.csv'), 'utf8'));
    const { roles } = detectRoles(t);
    expect(roles).toEqual({ CustomerID: 'id', Gender: 'gender', Age: 'number', 'Annual Income (k$)': 'money', 'Spending Score (1-100)': 'number' });
  });

  test('English shop headers', () => {
    const n = 30;
    const t = table({
      'Full Name': col(n, (i) => `Person ${i}`),
      'E-mail': col(n, (i) => `p${i}@example.com`),
      'Phone Number': col(n, (i) => `(415) 555-01${String(i).padStart(2, '0')}`),
      Address: col(n, (i) => `${i} Main St`),
      City: col(n, () => 'Springfield'),
      'Zip Code': col(n, (i) => String(10000 + i)),
      Country: col(n, () => 'USA'),
      'Last Purchase': col(n, (i) => `2021-04-${String((i % 28) + 1).padStart(2, '0')}`),
      'Total Spend': col(n, (i) => `$${i * 10}.50`),
      Orders: col(n, (i) => i % 7),
      Notes: col(n, (i) => (i % 2 ? 'likes blue' : 'VIP since 2019, call before noon')),
      'CDM Flags': col(n, () => ''),
    });
    const { roles, details } = detectRoles(t);
    expect(roles).toEqual({
      'Full Name': 'name', 'E-mail': 'email', 'Phone Number': 'phone', Address: 'street', City: 'city', 'Zip Code': 'postcode',
      Country: 'country', 'Last Purchase': 'date', 'Total Spend': 'money', Orders: 'count', Notes: 'text',
    });
    expect(details.every((d) => d.reason.length > 0 && d.confidence > 0)).toBe(true);
  });

  test('Chinese headers', () => {
    const n = 20;
    const t = table({
      姓名: col(n, (i) => `王${i}`), 姓: col(n, () => '王'), 名: col(n, () => '小明'), 邮箱: col(n, (i) => `w${i}@qq.com`),
      手机: col(n, (i) => `138 0013 80${String(i).padStart(2, '0')}`), 地址: col(n, () => '北京路1号'), 城市: col(n, () => '上海'),
      邮编: col(n, () => '200000'), 省: col(n, () => '广东'), 国家: col(n, () => '中国'), 日期: col(n, () => '2021-04-03'),
      消费金额: col(n, (i) => `¥${i * 100}`), 订单数: col(n, (i) => i), 电子邮件: col(n, (i) => `x${i}@163.com`),
    });
    expect(detectRoles(t).roles).toEqual({
      姓名: 'name', 姓: 'last_name', 名: 'first_name', 邮箱: 'email', 手机: 'phone', 地址: 'street', 城市: 'city', 邮编: 'postcode',
      省: 'state', 国家: 'country', 日期: 'date', 消费金额: 'money', 订单数: 'count', 电子邮件: 'email',
    });
  });

  test('content alone when the header says nothing', () => {
    const n = 40;
    const t = table({
      a: col(n, (i) => `u${i}@mail.com`),
      b: col(n, (i) => `+44 20 7946 ${String(1000 + i)}`),
      c: col(n, (i) => `${(i % 28) + 1}/04/2021`),
      d: col(n, (i) => `€${i},50`),
      e: col(n, (i) => (i % 2 ? 'gold' : 'silver')),
      f: col(n, (i) => i * 1.5),
      g: col(n, () => ''),
    });
    expect(detectRoles(t).roles).toEqual({ a: 'email', b: 'phone', c: 'date', d: 'money', e: 'category', f: 'number', g: 'unknown' });
  });

  test('mixed content is not forced into a type', () => {
    const n = 40;
    const mixed = col(n, (i) => [`u${i}@mail.com`, '(415) 555-0132', '2021-04-03', 'hello there'][i % 4]);
    const t = table({ x: mixed, Phone: mixed });
    const { roles, details } = detectRoles(t);
    expect(roles.x).toBe('text');
    expect(roles.Phone).toBe('text');
    expect(details.find((d) => d.column === 'Phone')!.reason).toMatch(/only 25%/);
  });

  test('a header that the content clearly contradicts yields to the content', () => {
    const t = table({ Contact: col(30, (i) => `c${i}@shop.com`) });
    expect(detectRoles(t).roles.Contact).toBe('email');
  });

  test('overrides win and say so; CDM columns are skipped', () => {
    const t = table({ Age: col(10, (i) => i), 'CDM Segment': col(10, () => 'A') });
    const r = detectRoles(t, { Age: 'category' });
    expect(r.roles).toEqual({ Age: 'category' });
    expect(r.details).toEqual([{ column: 'Age', role: 'category', confidence: 1, reason: 'set by you' }]);
  });
});
