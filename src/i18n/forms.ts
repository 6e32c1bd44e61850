/**
 * The intake form (what customers read), the consent column CDM keeps, and why a column is
 * left off the form — in English and Simplified Chinese.
 */
import { dictionary } from './index';

const en = {
  title: '{name} – your details',
  description: 'Tell us how to reach you. We only use these details to serve you, and you can ask us to delete them at any time.',
  emailHelp: 'Please enter a valid e-mail address.',
  phoneHelp: 'With the country code if you are not in the same country as us, e.g. +44 20 7946 0958.',
  productHelp: 'Which of our products are you interested in?',
  consentTitle: 'Consent',
  consent: 'I agree that my details are stored and used to contact me.',
  nameTitle: 'Name',
  emailTitle: 'Email',
  /** Header of the column CDM adds to the customer sheet when it has no consent column. */
  consentColumn: 'Consent given',
  consentNote: 'Consent given on the intake form on {time}.',
  consentColumnAdded: 'column added for the intake form’s consent answers (with the time each was given)',
  skipCdm: 'CDM’s own column',
  skipInternal: 'your own figure (spend, counts, dates…): customers are never asked for it',
  skipPersonal: 'a personal detail the form does not need; add it in the form editor if you do',
  skipIdentifier: 'an identifier you assign',
  skipNotes: 'your own notes or categories',
  skipConsent: 'answered by the consent question',
  /** The response sheet's `CDM Status` column and the audit lines of form answers. */
  statusWaiting: 'waiting: CDM was busy; this response is added as soon as CDM is free (when the sidebar is next opened, or within the hour)',
  statusNotAdded: 'not added: {error}. The answers are kept in this row.',
  statusNew: 'new customer',
  statusDuplicate: 'duplicate of row {row}',
  statusPossible: 'possible duplicate of row {row}: see {sheet}',
  statusAdded: '{status}; added as row {row}',
  statusMerged: 'merged into row {row}',
  statusNotLogged: '{status} (but CDM could not log it: {error})',
  auditRun: 'form',
  auditResponse: 'form response (row {row} of {sheet}): {status}',
  auditNotAdded: 'form response not added: {error}',
  auditMerged: 'form response (row {row} of {sheet}) merged into row {target}',
  auditFilled: 'filled in from the intake form (same customer)',
  auditOtherEmail: 'another e-mail from the intake form kept',
  auditOtherPhone: 'another phone from the intake form kept',
  auditConsent: 'consent given on the intake form',
  noAnswers: 'the response has no answers that match a customer column',
};

export type FormKey = keyof typeof en;

const zh: Record<FormKey, string> = {
  title: '{name} – 您的信息',
  description: '请留下您的联系方式。我们只用这些信息为您服务，您可以随时要求我们删除。',
  emailHelp: '请输入有效的电子邮件地址。',
  phoneHelp: '如果您不在我们所在的国家，请加上国家代码，例如 +86 138 0013 8000。',
  productHelp: '您对我们的哪些产品感兴趣？',
  consentTitle: '同意',
  consent: '我同意保存我的信息并用于联系我。',
  nameTitle: '姓名',
  emailTitle: '电子邮件',
  consentColumn: '同意时间',
  consentNote: '已于 {time} 在登记表单中表示同意。',
  consentColumnAdded: '为登记表单的同意回答新增的列（记录每次同意的时间）',
  skipCdm: 'CDM 自己的列',
  skipInternal: '您自己的数据（消费、次数、日期等）：不会询问客户',
  skipPersonal: '表单不需要的个人信息；如有需要，请在表单编辑器中添加',
  skipIdentifier: '由您分配的编号',
  skipNotes: '您自己的备注或分类',
  skipConsent: '由同意问题回答',
  statusWaiting: '等待中：CDM 当时正忙；CDM 一空闲（下次打开侧边栏时，或一小时内）就会加入这份回复',
  statusNotAdded: '未加入：{error}。回答保留在这一行。',
  statusNew: '新客户',
  statusDuplicate: '与第 {row} 行重复',
  statusPossible: '可能与第 {row} 行重复：请查看“{sheet}”',
  statusAdded: '{status}；已加入为第 {row} 行',
  statusMerged: '已合并到第 {row} 行',
  statusNotLogged: '{status}（但 CDM 无法记录：{error}）',
  auditRun: '表单',
  auditResponse: '表单回复（“{sheet}”第 {row} 行）：{status}',
  auditNotAdded: '表单回复未加入：{error}',
  auditMerged: '表单回复（“{sheet}”第 {row} 行）已合并到第 {target} 行',
  auditFilled: '从登记表单补上（同一位客户）',
  auditOtherEmail: '保留了登记表单中的另一个电子邮件',
  auditOtherPhone: '保留了登记表单中的另一个电话',
  auditConsent: '在登记表单中表示同意',
  noAnswers: '这份回复中没有与客户列对应的回答',
};

export const FORM_TEXT = dictionary(en, zh);
