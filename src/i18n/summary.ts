/** The run summary's messages (the sidebar's results panel, the command line). */
import { dictionary } from './index';

export const SUMMARY_TEXT = dictionary(
  {
    flaggedOne: '1 value could not be cleaned with confidence and was kept as typed (see CDM Flags).',
    flaggedMany: '{n} values could not be cleaned with confidence and were kept as typed (see CDM Flags).',
    reviewOne: '1 possible duplicate pair needs your decision.',
    reviewMany: '{n} possible duplicate pairs need your decision.',
    skipped: '{what} skipped: {reason}.',
    dedupeSkipped: 'Duplicates not looked for: {reason}.',
    row: 'row {row}',
  },
  {
    flaggedOne: '有 1 个值无法确定地清理，已按原样保留（见 CDM Flags）。',
    flaggedMany: '有 {n} 个值无法确定地清理，已按原样保留（见 CDM Flags）。',
    reviewOne: '有 1 对可能重复的记录需要您决定。',
    reviewMany: '有 {n} 对可能重复的记录需要您决定。',
    skipped: '已跳过{what}：{reason}。',
    dedupeSkipped: '未查找重复记录：{reason}。',
    row: '第 {row} 行',
  },
);
