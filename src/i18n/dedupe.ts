/**
 * The words of a match reason (CDM Match Reason, the reasons in reports): the fields as the
 * comparisons name them, the words for a close agreement, and the sentence around them.
 * A field named after the user's own column (an identifier) is shown as the user wrote it.
 */
import { dictionary } from './index';

/** Fields by their label in src/core/dedupe/comparisons.ts. */
export const DEDUPE_FIELDS = dictionary(
  {
    'first name': 'first name', surname: 'surname', 'e-mail': 'e-mail', phone: 'phone', address: 'address',
    city: 'city', postcode: 'postcode', state: 'state', 'birth date': 'birth date',
  },
  {
    'first name': '名', surname: '姓', 'e-mail': '电子邮件', phone: '电话', address: '地址',
    city: '城市', postcode: '邮编', state: '州/省', 'birth date': '出生日期',
  },
);

export const DEDUPE_TEXT = dictionary(
  {
    close: 'close',
    nickname: 'nickname',
    closeItem: '{field} {word}{shown}',
    same: 'same {fields}',
    differsOne: '{fields} differs',
    differsMany: '{fields} differ',
    relative: 'different first name: a relative?',
    marked: 'marked as the same customer; {why}',
    main: 'main record of {n} rows',
    listSeparator: ', ',
    partSeparator: '; ',
    ordersTable: 'this sheet lists orders (an order number, a date and what was bought), not customers: one customer\'s order lines are not duplicates',
  },
  {
    close: '相近',
    nickname: '昵称',
    closeItem: '{field}{word}{shown}',
    same: '{fields}相同',
    differsOne: '{fields}不同',
    differsMany: '{fields}不同',
    relative: '名不同：可能是家人？',
    marked: '已标记为同一客户；{why}',
    main: '{n} 行中的主记录',
    listSeparator: '、',
    partSeparator: '；',
    ordersTable: '此表列出的是订单（订单号、日期和所购商品），不是客户：同一客户的多条订单不是重复记录',
  },
);
