/**
 * The role of every column of the customer exports, written by hand from what each exporter's
 * documentation says the column means (sources: test/fixtures/exports/README.md) — not copied from
 * CDM's output. Shared by the core role tests (test/core/roles-exports.test.ts) and the end-to-end
 * runs on the real-world fixtures (CLI and add-on).
 */
import type { Roles } from '../../src/core/table';

export const SHOPIFY_ROLES: Roles = {
  'Customer ID': 'id', 'First Name': 'first_name', 'Last Name': 'last_name', Email: 'email',
  'Accepts Email Marketing': 'consent', 'Default Address Company': 'company',
  'Default Address Address1': 'street', 'Default Address Address2': 'street', 'Default Address City': 'city',
  'Default Address Province Code': 'state_code', 'Default Address Country Code': 'country_code',
  'Default Address Zip': 'postcode', 'Default Address Phone': 'phone', Phone: 'phone', 'Accepts SMS Marketing': 'consent',
  'Total Spent': 'money', 'Total Orders': 'count', Note: 'text', 'Tax Exempt': 'boolean', Tags: 'tags',
};

/** WooCommerce Analytics › Customers: Country / Region and Region hold the country and state codes. */
export const WOOCOMMERCE_ROLES: Roles = {
  Name: 'name', Username: 'id', 'Last active': 'date', 'Date registered': 'date', Email: 'email', Orders: 'count',
  'Total spend': 'money', AOV: 'money', 'Country / Region': 'country_code', City: 'city', Region: 'state_code',
  'Postal code': 'postcode',
};

export const STRIPE_ROLES: Roles = {
  id: 'id', Description: 'text', Email: 'email', Name: 'name', 'Created (UTC)': 'date', Delinquent: 'boolean',
  Plan: 'category', Status: 'category', 'Total Spend': 'money', 'Payment Count': 'count', 'Refunded Volume': 'money',
  'Dispute Losses': 'money', 'tag (metadata)': 'tags',
};

const mnt = ['MntWines', 'MntFruits', 'MntMeatProducts', 'MntFishProducts', 'MntSweetProducts', 'MntGoldProds'];
const num = ['NumDealsPurchases', 'NumWebPurchases', 'NumCatalogPurchases', 'NumStorePurchases', 'NumWebVisitsMonth'];
const cmp = ['AcceptedCmp3', 'AcceptedCmp4', 'AcceptedCmp5', 'AcceptedCmp1', 'AcceptedCmp2'];

/** Every fixture of test/fixtures/exports/ with the role of each of its columns. */
export const EXPORT_ROLES: Record<string, Roles> = {
  'shopify.csv': SHOPIFY_ROLES,
  'woocommerce.csv': WOOCOMMERCE_ROLES,
  'stripe.csv': STRIPE_ROLES,
  'square.csv': {
    'Reference ID': 'id', 'First Name': 'first_name', 'Last Name': 'last_name', 'Email Address': 'email',
    'Phone Number': 'phone', Nickname: 'text', 'Company Name': 'company', 'Street Address 1': 'street',
    'Street Address 2': 'street', City: 'city', State: 'state_code', 'Postal Code': 'postcode', Birthday: 'birth_date',
    Memo: 'text', 'Square Customer ID': 'id', 'Creation Source': 'category', 'First Visit': 'date', 'Last Visit': 'date',
    'Transaction Count': 'count', 'Lifetime Spend': 'money', 'Email Subscription Status': 'consent',
    'Instant Profile': 'boolean', 'Blocked from online booking': 'boolean',
  },
  'mailchimp.csv': {
    'Email Address': 'email', 'First Name': 'first_name', 'Last Name': 'last_name', Address: 'street',
    'Phone Number': 'phone', Birthday: 'text', MEMBER_RATING: 'number', OPTIN_TIME: 'date', OPTIN_IP: 'text',
    CONFIRM_TIME: 'date', CONFIRM_IP: 'text', LATITUDE: 'number', LONGITUDE: 'number', GMTOFF: 'number', DSTOFF: 'number',
    TIMEZONE: 'category', CC: 'country_code', REGION: 'state_code', LAST_CHANGED: 'date', LEID: 'id', EUID: 'id',
    NOTES: 'text', TAGS: 'tags',
  },
  'hubspot.csv': {
    'Record ID': 'id', 'First Name': 'first_name', 'Last Name': 'last_name', Email: 'email', 'Phone Number': 'phone',
    'Lifecycle Stage': 'category', 'Contact owner': 'category', 'Create Date': 'date', 'Last Activity Date': 'date',
    'Lead Status': 'category', 'Marketing contact status': 'consent', 'Company Name': 'company', City: 'city',
    'State/Region': 'state', 'Country/Region': 'country', 'Postal Code': 'postcode', 'Street Address': 'street',
    'Job Title': 'text',
  },
  'google-contacts.csv': {
    Name: 'name', 'Given Name': 'first_name', 'Additional Name': 'text', 'Family Name': 'last_name', 'Yomi Name': 'text',
    'Given Name Yomi': 'text', 'Additional Name Yomi': 'text', 'Family Name Yomi': 'text', 'Name Prefix': 'category',
    'Name Suffix': 'category', Initials: 'text', Nickname: 'text', 'Short Name': 'text', 'Maiden Name': 'text',
    Birthday: 'birth_date', Gender: 'gender', Location: 'text', 'Billing Information': 'text', 'Directory Server': 'text',
    Mileage: 'number', Occupation: 'text', Hobby: 'text', Sensitivity: 'category', Priority: 'category', Subject: 'text',
    Notes: 'text', Language: 'category', Photo: 'text', 'Group Membership': 'tags', 'E-mail 1 - Type': 'category',
    'E-mail 1 - Value': 'email', 'Phone 1 - Type': 'category', 'Phone 1 - Value': 'phone', 'Address 1 - Type': 'category',
    'Address 1 - Formatted': 'street', 'Address 1 - Street': 'street', 'Address 1 - City': 'city', 'Address 1 - PO Box': 'street',
    'Address 1 - Region': 'state_code', 'Address 1 - Postal Code': 'postcode', 'Address 1 - Country': 'country',
    'Address 1 - Extended Address': 'street', 'Organization 1 - Type': 'category', 'Organization 1 - Name': 'company',
    'Organization 1 - Yomi Name': 'text', 'Organization 1 - Title': 'text', 'Organization 1 - Department': 'category',
    'Organization 1 - Symbol': 'text', 'Organization 1 - Location': 'text', 'Organization 1 - Job Description': 'text',
    'Website 1 - Type': 'category', 'Website 1 - Value': 'text',
  },
  'wps-chinese.csv': {
    姓名: 'name', 手机号: 'phone', 收货地址: 'street', 省份: 'state', 城市: 'city', 邮编: 'postcode', 性别: 'gender',
    会员等级: 'category', 消费金额: 'money', 注册时间: 'date',
  },
  'online-retail.csv': {
    InvoiceNo: 'order_id', StockCode: 'product', Description: 'product', Quantity: 'count', InvoiceDate: 'date',
    UnitPrice: 'money', CustomerID: 'id', Country: 'country',
  },
  'marketing-campaign.csv': {
    ID: 'id', Year_Birth: 'birth_year', Education: 'category', Marital_Status: 'category', Income: 'money',
    Kidhome: 'count', Teenhome: 'count', Dt_Customer: 'date', Recency: 'count',
    ...Object.fromEntries(mnt.map((h) => [h, 'money'])),
    ...Object.fromEntries(num.map((h) => [h, 'count'])),
    ...Object.fromEntries(cmp.map((h) => [h, 'boolean'])),
    Complain: 'boolean', Z_CostContact: 'unknown', Z_Revenue: 'unknown', Response: 'boolean',
  },
};
