/**
 * The `CDM Review` sheet and the words that explain a match (field and level names of the
 * dedupe comparisons), in English and Simplified Chinese.
 */
import { dictionary, type Lang } from './index';

const en = {
  headPair: 'Pair',
  headDecision: 'Decision',
  headMatch: 'Match',
  headRecord: 'Record',
  headRow: 'Row',
  headWhy: 'Why CDM thinks so',
  headKey: 'Pair key (used by CDM)',
  decisionSame: 'Same customer',
  decisionDifferent: 'Different customers',
  decisionKeep: '{decision}; keep {choices}',
  keepFrom: '{column} from row {row}',
  noPairs: 'No pairs to review: every possible duplicate was clear enough to decide.',
  morePairs: '{count} more pairs wait: decide these, then run CDM again to see them.',
  fromForm: '(from the intake form)',
  howTo: 'Decide each pair in the CDM sidebar (Review tab): your answers are remembered by every later run.',
};

export type ReviewKey = keyof typeof en;

const zh: Record<ReviewKey, string> = {
  headPair: '记录对',
  headDecision: '判断',
  headMatch: '匹配度',
  headRecord: '记录',
  headRow: '行',
  headWhy: 'CDM 的判断依据',
  headKey: '记录对编号（CDM 使用）',
  decisionSame: '同一位客户',
  decisionDifferent: '不是同一位客户',
  decisionKeep: '{decision}；保留 {choices}',
  keepFrom: '第 {row} 行的{column}',
  noPairs: '没有需要审核的记录对：每一对可能的重复都足够明确。',
  morePairs: '还有 {count} 对等待审核：先判断这些，然后再次运行 CDM 查看其余的。',
  fromForm: '（来自登记表单）',
  howTo: '请在 CDM 侧边栏（“审核”标签）中逐对判断：以后的每次运行都会记住您的回答。',
};

export const REVIEW_TEXT = dictionary(en, zh);

/** Field names of the match explanation (dedupe comparisons); a user's own header is shown as is. */
const FIELDS: Record<string, string> = {
  'first name': '名',
  'last name': '姓',
  surname: '姓',
  'e-mail': '电子邮件',
  email: '电子邮件',
  phone: '电话',
  street: '街道',
  address: '地址',
  city: '城市',
  postcode: '邮编',
  state: '省/州',
  'birth date': '出生日期',
  'all details given': '填写的全部信息',
};

/** Levels of agreement of the match explanation. */
const LEVELS: Record<string, string> = {
  exact: '完全相同',
  nickname: '昵称相同',
  close: '非常接近',
  similar: '相似',
  initial: '首字母相同',
  different: '不同',
  missing: '缺失',
  'one digit off': '差一位数字',
  'same street and number': '街道和门牌号相同',
  'same street, other number': '街道相同，门牌号不同',
  'one part off': '有一部分不同',
  'one character off': '差一个字符',
};

/** The explanation's field name in `lang`. */
export function fieldWord(field: string, lang: Lang): string {
  return lang === 'zh' ? FIELDS[field] ?? field : field;
}

/** The explanation's level in `lang`. */
export function levelWord(level: string, lang: Lang): string {
  return lang === 'zh' ? LEVELS[level] ?? level : level;
}

/** Every word this file can put in a sheet, for the i18n test. */
export const REVIEW_WORDS = { fields: FIELDS, levels: LEVELS };
