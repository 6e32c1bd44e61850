/** The notes under a run's results (core/pipeline.ts summarise), in English and Simplified Chinese. */
import { dictionary } from './index';

const en = {
  flaggedOne: '1 value could not be cleaned with confidence and was kept as typed (see CDM Flags).',
  flagged: '{count} values could not be cleaned with confidence and were kept as typed (see CDM Flags).',
  reviewOne: '1 possible duplicate pair needs your decision.',
  review: '{count} possible duplicate pairs need your decision.',
  skipped: '{what} skipped: {reason}.',
};

const zh: Record<keyof typeof en, string> = {
  flaggedOne: '有 1 个值无法确定地清理，已保持原样（见 CDM Flags）。',
  flagged: '有 {count} 个值无法确定地清理，已保持原样（见 CDM Flags）。',
  reviewOne: '有 1 对可能重复的记录需要您判断。',
  review: '有 {count} 对可能重复的记录需要您判断。',
  skipped: '已跳过{what}：{reason}。',
};

export const SUMMARY_TEXT = dictionary(en, zh);
