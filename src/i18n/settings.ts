/**
 * What CDM says when a setting (phone region, number of segments, duplicate mode, where cleaned
 * values go) is given a value it cannot use. `{label}` is how the surface names the setting
 * (`--k` on the command line, `k` in a formula, "Number of segments" in the sidebar). Words
 * the user types as they are (flag, merge, auto, country codes) come in as parameters.
 */
import { dictionary } from './index';

export const SETTINGS_TEXT = dictionary(
  {
    mode: '{label} must be flag or merge, not "{value}".',
    region: '{label} must be a two-letter country code such as US, GB or DE, not "{value}".',
    k: '{label} must be auto or a whole number from {min} to {max}, not "{value}".',
    inPlace: '{label} must be yes or no, not "{value}".',
  },
  {
    mode: '{label} 只能是 {flag}（标记）或 {merge}（合并），不能是“{value}”。',
    region: '{label} 必须是两个字母的国家/地区代码，例如 {examples}，不能是“{value}”。',
    k: '{label} 必须是 {auto}（自动）或 {min} 到 {max} 之间的整数，不能是“{value}”。',
    inPlace: '{label} 只能是“是”或“否”，不能是“{value}”。',
  },
);

/** The sidebar's names of the settings (as its option labels say them). */
export const SIDEBAR_SETTING_LABELS = dictionary(
  { mode: 'Duplicates', region: 'Phone country', inPlace: 'Where to put cleaned values', k: 'Number of segments' },
  { mode: '重复记录', region: '电话所属国家/地区', inPlace: '清理后的值写到', k: '分组数量' },
);
