/**
 * What the command line writes into files a spreadsheet user opens (the removed-rows file of
 * merge mode). Its messages on the terminal are English only; these are cells and headers.
 */
import { dictionary } from './index';

export const CLI_TEXT = dictionary(
  {
    mergedIntoRow: 'Merged into row',
    wasRow: 'Was row',
  },
  {
    mergedIntoRow: '合并到的行',
    wasRow: '原行号',
  },
);
