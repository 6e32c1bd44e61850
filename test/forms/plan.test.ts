/**
 * Which columns become questions on the intake form: only what a customer knows
 * about themselves, judged by the header and by the values, with the reason for every column
 * left off; consent goes to the sheet's own consent column or to one CDM adds.
 */
import { planForm, productChoices } from '../../src/gas/forms';

const titles = (p: ReturnType<typeof planForm>) => p.questions.map((q) => q.title);

test('a shop sheet: contact and address asked, product offered, figures and notes left off with reasons', () => {
  const plan = planForm({
    header: ['Name', 'Email', 'Phone', 'City', 'Total Spend', 'Orders', 'Signup Date', 'Product', 'Notes', 'CDM Segment'],
    rows: [
      ['Ann Lee', 'ann@x.com', '+14155550101', 'Springfield', 120.5, 3, new Date(2024, 1, 1), 'Tea', 'likes green', 'Loyal'],
      ['Bob Ray', 'bob@x.com', '+14155550102', 'Riverton', 80, 1, new Date(2024, 2, 1), 'Soap', '', 'New'],
    ],
  });
  expect(titles(plan)).toEqual(['Name', 'Email', 'Phone', 'City', 'Product']);
  expect(plan.questions.filter((q) => q.required).map((q) => q.title)).toEqual(['Name', 'Email']);
  expect(Object.fromEntries(plan.skipped.map((s) => [s.column, s.reason]))).toEqual({
    'Total Spend': 'your own figure (spend, counts, dates…): customers are never asked for it',
    Orders: 'your own figure (spend, counts, dates…): customers are never asked for it',
    'Signup Date': 'your own figure (spend, counts, dates…): customers are never asked for it',
    Notes: 'your own notes or categories',
    'CDM Segment': 'CDM’s own column',
  });
  expect(plan).toMatchObject({ consentColumn: 'Consent given', consentExists: false });
});

test('a column named like a product but holding figures ("MntMeatProducts", "Product revenue") is never a question', () => {
  const plan = planForm({ header: ['Email', 'MntMeatProducts', 'Product revenue', 'Product interest'], rows: [['a@x.com', 546, '120.50', 'Candles'], ['b@x.com', 6, '80', 'Soap']] });
  expect(titles(plan)).toEqual(['Name', 'Email', 'Product interest']);
  expect(plan.skipped.map((s) => s.column)).toEqual(['MntMeatProducts', 'Product revenue']);
});

test('personal details and ids are not asked; the sheet’s own consent column receives consent', () => {
  const plan = planForm({
    header: ['Customer ID', 'First Name', 'Last Name', 'Email', 'Birth Date', 'Gender', 'Accepts Marketing'],
    rows: [['C-001', 'Ann', 'Lee', 'ann@x.com', new Date(1980, 1, 1), 'F', 'yes'], ['C-002', 'Bob', 'Ray', 'bob@x.com', new Date(1990, 1, 1), 'M', 'no']],
  });
  expect(titles(plan)).toEqual(['First Name', 'Last Name', 'Email']);
  expect(plan).toMatchObject({ consentColumn: 'Accepts Marketing', consentExists: true });
  expect(plan.skipped.find((s) => s.column === 'Birth Date')?.reason).toMatch(/personal detail/);
  expect(plan.skipped.find((s) => s.column === 'Customer ID')?.reason).toMatch(/identifier/);
});

test('Chinese: questions the sheet lacks are asked in Chinese, reasons in Chinese', () => {
  const plan = planForm({ header: ['电话', '城市', '消费金额'], rows: [['13800138000', '上海', 120]] }, 'zh');
  expect(titles(plan)).toEqual(['姓名', '电子邮件', '电话', '城市']);
  expect(plan.skipped).toEqual([{ column: '消费金额', reason: '您自己的数据（消费、次数、日期等）：不会询问客户' }]);
  expect(plan.consentColumn).toBe('同意时间');
});

test('product choices leave out blanks typed as words ("unknown", "N/A", "-")', () => {
  expect(productChoices(['Tea', 'unknown', 'Soap', 'N/A', '-', 'Tea'])).toEqual(['Tea', 'Soap']);
});
