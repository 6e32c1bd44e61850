#!/usr/bin/python3
"""Real-world shop exports of our own making, shaped exactly like each exporter's documented
columns, and the truth they were made from (what a new user must get from them: test/realworld/).

One small shop's customers and purchases (seeded), written out the way each platform exports
them, with the odd things real exports have:

- Shopify: the customers export (20 columns, test/fixtures/exports/README.md) and the orders
  export (79 columns as Shopify writes them today: one row per line item, order-level fields —
  Total, Financial Status, Created at, Currency… — on the order's first row only, dates with a
  UTC offset "2024-05-02 10:14:33 -0400", ids/zips/phones with Shopify's keep-as-text apostrophe,
  cancelled orders with "Cancelled at", refunds with "Refunded Amount", POS walk-ins without an
  e-mail (guests)).
- WooCommerce: Analytics › Customers download (12 columns) and Analytics › Orders download
  (Date, Order #, Status, Customer, Customer type, Payment method, Product(s) as
  "2× Mug, 1× Beans", Items sold, Coupon(s), Net sales, Attribution;
  woocommerce client/admin/client/analytics/report/orders/table.js). Guests (no name) and
  cancelled / refunded orders.
- Stripe: the customers export (13 columns) and the classic payments export
  ("unified payments": id … Transfer), charges in usd AND eur with Converted Amount in the
  account's currency (usd), failed charges, refunds, the same e-mail under two customer ids.
- An orders export in the UCI "Online Retail" layout (InvoiceNo, StockCode, Description,
  Quantity, InvoiceDate M/D/YY H:MM, UnitPrice, CustomerID, Country): guests (blank
  CustomerID), C-invoice cancellations, POSTAGE lines, countries as the data set writes them.

Planted on purpose (and listed in truth.json so tests can check CDM finds exactly these):
duplicate customers, doubtful values (a broken e-mail, a too-short phone, a US ZIP that lost its
leading zero), products bought together, customers who stopped buying.

Run from the repository root:  /usr/bin/python3 tools/make-realworld-fixtures.py
Writes test/fixtures/realworld/*.csv and truth.json (numpy only).
"""
import csv
import datetime as dt
import json
import os

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'test', 'fixtures', 'realworld')
AS_OF = dt.datetime(2025, 6, 30)
START = dt.datetime(2022, 7, 1)

FIRST = ['Ana', 'Ben', 'Chloé', 'David', 'Emma', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kate', 'Liam', 'Maya',
         'Noah', 'Olivia', 'Pedro', 'Quinn', 'Rosa', 'Sam', 'Tara', 'Uma', 'Victor', 'Wen', 'Xavier', 'Yara', 'Zoe',
         'Robert', 'Katherine', 'William', 'Elizabeth', 'Jennifer', 'Michael', 'Sofia', 'Lucas', 'Amara', 'Mei']
LAST = ['Lopez', 'Okafor', 'Martin', 'Smith', 'Nguyen', 'Haddad', 'Kim', 'Tanaka', 'Moreau', 'Berg', 'Walsh',
        'Murphy', 'Patel', 'Cohen', 'Rossi', 'Silva', 'Fischer', 'Novak', 'Brown', 'Garcia', 'Khan', 'Dubois',
        'Chen', 'Wright', 'Costa', 'Ali', 'Evans', 'Schmidt', 'Jensen', 'Reyes', 'Young', 'Hall', 'Adams', 'Park']
NICK = {'Robert': 'Bob', 'Katherine': 'Kate', 'William': 'Bill', 'Elizabeth': 'Liz', 'Jennifer': 'Jen', 'Michael': 'Mike'}
# City, province code, ZIP (several New England / New Jersey ZIPs start with 0), country code, phone prefix.
PLACES = [
    ('Boston', 'MA', '02134', 'US', '+161755501'), ('Cambridge', 'MA', '02139', 'US', '+161755501'),
    ('Jersey City', 'NJ', '07302', 'US', '+120155501'), ('Hartford', 'CT', '06103', 'US', '+186055501'),
    ('Portland', 'ME', '04101', 'US', '+120755501'), ('New York', 'NY', '10001', 'US', '+121255501'),
    ('San Francisco', 'CA', '94103', 'US', '+141555501'), ('Austin', 'TX', '78701', 'US', '+151255501'),
    ('Seattle', 'WA', '98101', 'US', '+120655501'), ('Chicago', 'IL', '60601', 'US', '+131255501'),
    ('Toronto', 'ON', 'M5H 2M9', 'CA', '+141655501'), ('Vancouver', 'BC', 'V6B 1A1', 'CA', '+160455501'),
    ('Paris', '', '75004', 'FR', '+3361234'), ('Lyon', '', '69002', 'FR', '+3375612'),
    ('Berlin', '', '10115', 'DE', '+49151'), ('London', '', 'SW1A 1AA', 'GB', '+4420794600'),
]
# Digits after the prefix: US/CA 555-01xx numbers (reserved for fiction), French mobiles (06 12 34…, 07 56 12…), German
# mobiles, London 020 7946 0xxx (Ofcom's drama range). Every person gets a number of their own.
PHONE_DIGITS = {'US': 2, 'CA': 2, 'FR': 4, 'DE': 8, 'GB': 2}
PLACE_WEIGHTS = np.array([8, 5, 5, 4, 3, 9, 8, 5, 5, 5, 4, 3, 3, 2, 3, 3], dtype=float)
# Products with prices; two planted "bought together" families and a few loners.
PRODUCTS = [
    ('MUG-01', 'Ceramic Mug', 14.00), ('BEAN-01', 'Coffee Beans 1kg', 24.00), ('FLT-01', 'Pour-Over Filter', 9.50),
    ('MAT-01', 'Yoga Mat', 39.00), ('BLK-01', 'Yoga Block', 12.00), ('STR-01', 'Yoga Strap', 8.00),
    ('TOTE-1', 'Canvas Tote Bag', 20.00), ('CNDL-1', 'Soy Candle', 18.00), ('NOTE-1', 'Linen Notebook', 11.00),
    ('TEA-01', 'Green Tea Tin', 16.00),
]
FAMILIES = [['Ceramic Mug', 'Coffee Beans 1kg', 'Pour-Over Filter'], ['Yoga Mat', 'Yoga Block', 'Yoga Strap']]
PRICE = {name: price for _, name, price in PRODUCTS}
SKU = {name: sku for sku, name, _ in PRODUCTS}


def days(d):
    return (d - START).days


class Person:
    pass


def make_people(rng, n):
    people = []
    used_emails = set()
    used_phones = set()
    for i in range(n):
        p = Person()
        p.i = i
        p.first = FIRST[rng.integers(len(FIRST))]
        p.last = LAST[rng.integers(len(LAST))]
        base = f"{p.first.lower().replace('é', 'e')}.{p.last.lower()}"
        email = f'{base}@example.com'
        k = 2
        while email in used_emails:
            email = f'{base}{k}@example.com'
            k += 1
        used_emails.add(email)
        p.email = email
        place = PLACES[rng.choice(len(PLACES), p=PLACE_WEIGHTS / PLACE_WEIGHTS.sum())]
        p.city, p.province, p.zip, p.country, prefix = place
        p.phone = prefix + ''.join(str(int(d)) for d in rng.integers(0, 10, PHONE_DIGITS[p.country]))
        while p.phone in used_phones:
            p.phone = prefix + ''.join(str(int(d)) for d in rng.integers(0, 10, PHONE_DIGITS[p.country]))
        used_phones.add(p.phone)
        p.street = f'{rng.integers(1, 999)} {LAST[rng.integers(len(LAST))]} St'
        p.company = f'{p.last} Studio' if rng.random() < 0.12 else ''
        p.accepts_email = 'yes' if rng.random() < 0.55 else 'no'
        p.accepts_sms = 'yes' if rng.random() < 0.2 else 'no'
        p.signup = START + dt.timedelta(days=int(rng.integers(0, (AS_OF - START).days - 30)))
        # Buying rhythm: orders per 30 days; a third stop buying at some point.
        p.rate = float(rng.gamma(1.5, 0.25))
        p.family = int(rng.integers(len(FAMILIES))) if rng.random() < 0.75 else None
        p.stopped = None
        if rng.random() < 0.33:
            span = (AS_OF - p.signup).days
            p.stopped = p.signup + dt.timedelta(days=int(rng.integers(min(60, span - 1), span)))
        p.tags = ''
        p.note = ''
        people.append(p)
    return people


def make_orders(rng, people):
    """Orders of each person: a Poisson process from signup until they stop (or as-of)."""
    orders = []
    number = 1001
    for p in people:
        t = p.signup
        end = p.stopped or AS_OF
        first = True
        while True:
            gap = rng.exponential(30 / max(p.rate, 0.03))
            t = t + dt.timedelta(days=float(gap if not first else rng.uniform(0, 20)), minutes=int(rng.integers(0, 1440)))
            first = False
            if t >= end:
                break
            lines = []
            for _ in range(int(rng.integers(1, 4))):
                if p.family is not None and rng.random() < 0.7:
                    fam = FAMILIES[p.family]
                    name = fam[int(rng.integers(len(fam)))]
                else:
                    name = PRODUCTS[int(rng.integers(len(PRODUCTS)))][1]
                if name not in [l[0] for l in lines]:
                    lines.append((name, int(rng.integers(1, 4))))
            status = 'paid'
            r = rng.random()
            if r < 0.04:
                status = 'cancelled'
            elif r < 0.07:
                status = 'refunded'
            orders.append({'number': number, 'person': p, 'when': t, 'lines': lines, 'status': status})
            number += 1
    orders.sort(key=lambda o: o['when'])
    return orders


def subtotal(o):
    return round(sum(PRICE[n] * q for n, q in o['lines']), 2)


def ship(o):
    return 0.0 if subtotal(o) >= 50 else 6.0


def write_csv(name, header, rows):
    path = os.path.join(OUT, name)
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        for r in rows:
            assert len(r) == len(header), (name, len(r), len(header))
            w.writerow(r)


def iso(d):
    return d.strftime('%Y-%m-%d')


# --------------------------------------------------------------------------------------------
# Shopify
# --------------------------------------------------------------------------------------------
SHOPIFY_CUSTOMERS = ['Customer ID', 'First Name', 'Last Name', 'Email', 'Accepts Email Marketing', 'Default Address Company',
                     'Default Address Address1', 'Default Address Address2', 'Default Address City', 'Default Address Province Code',
                     'Default Address Country Code', 'Default Address Zip', 'Default Address Phone', 'Phone', 'Accepts SMS Marketing',
                     'Total Spent', 'Total Orders', 'Note', 'Tax Exempt', 'Tags']
SHOPIFY_ORDERS = ('Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,'
                  'Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,'
                  'Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,'
                  'Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,Billing City,Billing Zip,Billing Province,'
                  'Billing Country,Billing Phone,Shipping Name,Shipping Street,Shipping Address1,Shipping Address2,Shipping Company,'
                  'Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,Note Attributes,Cancelled at,'
                  'Payment Method,Payment Reference,Refunded Amount,Vendor,Outstanding Balance,Employee,Location,Device ID,Id,Tags,'
                  'Risk Level,Source,Lineitem discount,Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,Tax 3 Name,Tax 3 Value,Tax 4 Name,'
                  'Tax 4 Value,Tax 5 Name,Tax 5 Value,Phone,Receipt Number,Duties,Billing Province Name,Shipping Province Name,Payment ID,'
                  'Payment Terms Name,Next Payment Due At,Payment References').split(',')


def shopify_time(d):
    # Shopify writes the shop's local time with its offset (a New York shop: -0400 in summer).
    off = '-0400' if 3 <= d.month <= 10 else '-0500'
    return d.strftime('%Y-%m-%d %H:%M:%S ') + off


def make_shopify(rng, people, orders, truth):
    rows = []
    records = []  # (person, customer id, email) per customer row
    dup_pairs = []
    cid = 7104235601985
    for p in people:
        records.append((p, str(cid), p.email))
        cid += 32768
    # Planted duplicates: the same person again under a work e-mail (Shopify keeps e-mails unique),
    # same phone, a nickname or the same first name.
    for k, i in enumerate(range(0, 8 * 23, 23)):
        p = people[i]
        work = f"{p.first[0].lower()}{p.last.lower()}@{p.last.lower()}-works.example"
        records.append((p, str(cid), work))
        dup_pairs.append([i, len(records) - 1])
        cid += 32768
    # Which record an order goes to: the first, or the work address for a third of a duplicate's orders.
    by_email = {}
    for idx, (p, c, e) in enumerate(records):
        by_email.setdefault(p.i, []).append(idx)
    order_record = {}
    for o in orders:
        recs = by_email[o['person'].i]
        order_record[o['number']] = recs[-1] if len(recs) > 1 and rng.random() < 0.33 else recs[0]
    # POS walk-ins (guests): orders with no e-mail at all.
    guest_orders = set(o['number'] for o in orders if rng.random() < 0.05)
    spent = {}
    count = {}
    for o in orders:
        if o['number'] in guest_orders:
            continue
        r = order_record[o['number']]
        count[r] = count.get(r, 0) + 1
        if o['status'] == 'paid':
            spent[r] = spent.get(r, 0) + subtotal(o) + ship(o)
    doubtful = []
    for idx, (p, c, e) in enumerate(records):
        second = idx >= len(people)
        first = NICK.get(p.first, p.first) if second and p.first in NICK else p.first
        email = e
        phone = p.phone
        zip_ = p.zip
        if idx == 40:
            email = 'kate.walsh@example'  # no top-level domain: doubtful
            doubtful.append({'row': idx, 'column': 'Email'})
        if idx == 77:
            phone = '+1555012'  # too short for any country: doubtful
            doubtful.append({'row': idx, 'column': 'Phone'})
        tags = ''
        if rng.random() < 0.12:
            tags = 'vip' if rng.random() < 0.6 else 'wholesale, vip'
        note = 'Prefers pickup' if rng.random() < 0.05 else ''
        rows.append([
            "'" + c, first, p.last, email, p.accepts_email, p.company, p.street, 'Apt 4' if rng.random() < 0.15 else '',
            p.city, p.province, p.country, ("'" + zip_) if zip_[0].isdigit() else zip_,
            ("'" + phone) if rng.random() < 0.7 else '',
            # The planted duplicates keep their phone, but for the last two (only name and address left to tell).
            ("'" + phone) if (second and idx < len(people) + 6) or rng.random() < 0.5 else '', p.accepts_sms,
            f'{spent.get(idx, 0):.2f}', str(count.get(idx, 0)), note, 'yes' if p.company and rng.random() < 0.5 else 'no', tags,
        ])
    write_csv('shopify-customers.csv', SHOPIFY_CUSTOMERS, rows)

    lines = []
    per_customer = {}
    guest = {'lines': 0, 'orders': 0, 'revenue': 0.0}
    cancelled = {'orders': 0, 'lines': 0}
    order_id = 5301000000000
    for o in orders:
        p = o['person']
        is_guest = o['number'] in guest_orders
        r = order_record[o['number']]
        email = '' if is_guest else records[r][2]
        total = subtotal(o) + ship(o)
        when = o['when']
        status = {'paid': 'paid', 'cancelled': 'voided', 'refunded': 'refunded'}[o['status']]
        cancelled_at = shopify_time(when + dt.timedelta(hours=3)) if o['status'] == 'cancelled' else ''
        refunded = f'{total:.2f}' if o['status'] == 'refunded' else '0.00'
        order_id += 7
        for k, (name, q) in enumerate(o['lines']):
            first = k == 0
            row = {h: '' for h in SHOPIFY_ORDERS}
            row['Name'] = f"#{o['number']}"
            row['Email'] = email
            row['Lineitem quantity'] = str(q)
            row['Lineitem name'] = name
            row['Lineitem price'] = f'{PRICE[name]:.2f}'
            row['Lineitem compare at price'] = ''
            row['Lineitem sku'] = SKU[name]
            row['Lineitem requires shipping'] = 'true'
            row['Lineitem taxable'] = 'true'
            row['Lineitem fulfillment status'] = 'fulfilled' if o['status'] == 'paid' else 'pending'
            row['Lineitem discount'] = '0.00'
            row['Id'] = str(order_id)
            row['Vendor'] = 'Northwind Goods'
            if first:
                row.update({
                    'Financial Status': status, 'Paid at': shopify_time(when) if o['status'] != 'cancelled' else '',
                    'Fulfillment Status': 'fulfilled' if o['status'] == 'paid' else 'unfulfilled',
                    'Fulfilled at': shopify_time(when + dt.timedelta(days=1)) if o['status'] == 'paid' else '',
                    'Accepts Marketing': p.accepts_email, 'Currency': 'USD', 'Subtotal': f'{subtotal(o):.2f}',
                    'Shipping': f'{ship(o):.2f}', 'Taxes': '0.00', 'Total': f'{total:.2f}', 'Discount Amount': '0.00',
                    'Shipping Method': 'Standard' if ship(o) else 'Free shipping', 'Created at': shopify_time(when),
                    'Billing Name': f'{p.first} {p.last}', 'Billing Street': p.street, 'Billing Address1': p.street,
                    'Billing City': p.city, 'Billing Zip': ("'" + p.zip) if p.zip[0].isdigit() else p.zip,
                    'Billing Province': p.province, 'Billing Country': p.country,
                    'Shipping Name': f'{p.first} {p.last}', 'Shipping Street': p.street, 'Shipping Address1': p.street,
                    'Shipping City': p.city, 'Shipping Zip': ("'" + p.zip) if p.zip[0].isdigit() else p.zip,
                    'Shipping Province': p.province, 'Shipping Country': p.country,
                    'Cancelled at': cancelled_at, 'Payment Method': 'Shopify Payments', 'Refunded Amount': refunded,
                    'Outstanding Balance': '0.00', 'Risk Level': 'Low', 'Source': 'pos' if is_guest else 'web',
                    'Location': 'Main Street Store' if is_guest else '',
                })
            lines.append([row[h] for h in SHOPIFY_ORDERS])
        net = total if o['status'] == 'paid' else 0.0
        if o['status'] != 'paid':
            cancelled['orders'] += 1
            cancelled['lines'] += len(o['lines'])
        if is_guest:
            guest['lines'] += len(o['lines'])
            guest['orders'] += 1 if o['status'] == 'paid' else 0
            guest['revenue'] += net
            continue
        key = email.lower()
        c = per_customer.setdefault(key, {'orders': 0, 'revenue': 0.0, 'first': None, 'last': None, 'products': set()})
        c['revenue'] += net
        if o['status'] == 'paid':
            c['orders'] += 1
            c['first'] = iso(when) if c['first'] is None else min(c['first'], iso(when))
            c['last'] = iso(when) if c['last'] is None else max(c['last'], iso(when))
            for name, _ in o['lines']:
                c['products'].add(name)
    write_csv('shopify-orders.csv', SHOPIFY_ORDERS, lines)
    truth['shopify'] = {
        'customers': len(rows), 'orderLines': len(lines), 'orders': len(orders),
        'duplicatePairs': dup_pairs, 'doubtful': doubtful,
        'leadingZeroZips': sum(1 for p, _, _ in records if p.zip[0] == '0'),
        'blankTags': sum(1 for r in rows if r[19] == ''), 'blankCompany': sum(1 for r in rows if r[5] == ''),
        'guest': {k: round(v, 2) if isinstance(v, float) else v for k, v in guest.items()},
        'cancelledOrRefunded': cancelled,
        'perCustomer': {k: {**v, 'revenue': round(v['revenue'], 2), 'products': sorted(v['products'])} for k, v in per_customer.items()},
        'revenue': round(sum(v['revenue'] for v in per_customer.values()) + guest['revenue'], 2),
    }
    return records


# --------------------------------------------------------------------------------------------
# WooCommerce
# --------------------------------------------------------------------------------------------
WOO_CUSTOMERS = ['Name', 'Username', 'Last active', 'Date registered', 'Email', 'Orders', 'Total spend', 'AOV', 'Country / Region',
                 'City', 'Region', 'Postal code']
WOO_ORDERS = ['Date', 'Order #', 'Status', 'Customer', 'Customer type', 'Payment method', 'Product(s)', 'Items sold', 'Coupon(s)',
              'Net sales', 'Attribution']


def make_woocommerce(rng, people, orders, truth):
    # A guest in WooCommerce has no account (no Username) but is still in the Customers report.
    registered = {p.i: rng.random() < 0.8 for p in people}
    no_name_orders = set(o['number'] for o in orders if rng.random() < 0.03)
    stats = {}
    seen = set()
    lines = []
    per_customer = {}
    guest = {'orders': 0, 'revenue': 0.0}
    for o in orders:
        p = o['person']
        when = o['when'] + dt.timedelta(hours=5)
        net = subtotal(o)
        status = {'paid': 'completed', 'cancelled': 'cancelled', 'refunded': 'refunded'}[o['status']]
        anonymous = o['number'] in no_name_orders
        name = '' if anonymous else f'{p.first} {p.last}'
        ctype = 'returning' if p.i in seen else 'new'  # the value, as the report's CSV holds it
        seen.add(p.i)
        products = ', '.join(f'{q}× {n}' for n, q in sorted(o['lines'], key=lambda l: -l[1]))
        items = sum(q for _, q in o['lines'])
        lines.append([when.strftime('%Y-%m-%d %H:%M:%S'), str(o['number']), status, name, ctype, 'Credit Card (Stripe)',
                      products, str(items), 'WELCOME10' if ctype == 'new' and rng.random() < 0.2 else '',
                      f'{net:.2f}' if status != 'cancelled' else '0.00', 'Direct' if rng.random() < 0.5 else 'Organic: Google'])
        if status == 'refunded':
            # The refund is its own row, dated when it was made, with negative net sales.
            lines.append([(when + dt.timedelta(days=3)).strftime('%Y-%m-%d %H:%M:%S'), str(o['number']), 'refunded', name,
                          ctype, 'Credit Card (Stripe)', '', '0', '', f'{-net:.2f}', ''])
        paid = o['status'] == 'paid'
        if anonymous:
            guest['orders'] += 1 if paid else 0
            guest['revenue'] += net if paid else 0.0
            continue
        s = stats.setdefault(p.i, {'orders': 0, 'spend': 0.0, 'last': o['when']})
        if paid:
            s['orders'] += 1
            s['spend'] += net
        s['last'] = max(s['last'], o['when'])
        if paid:
            c = per_customer.setdefault(name.lower(), {'orders': 0, 'revenue': 0.0, 'first': None, 'last': None, 'products': set()})
            c['orders'] += 1
            c['revenue'] += net
            c['first'] = iso(when) if c['first'] is None else min(c['first'], iso(when))
            c['last'] = iso(when) if c['last'] is None else max(c['last'], iso(when))
            for n, _ in o['lines']:
                c['products'].add(n)
    lines.sort(key=lambda r: r[0], reverse=True)  # the report lists newest first
    write_csv('woocommerce-orders.csv', WOO_ORDERS, lines)
    rows = []
    dup_pairs = []
    for p in people:
        s = stats.get(p.i)
        if not s:
            continue
        user = f"{p.first.lower().replace('é', 'e')}{p.last.lower()}{p.i}" if registered[p.i] else ''
        aov = s['spend'] / s['orders'] if s['orders'] else 0.0
        rows.append([f'{p.first} {p.last}', user, iso(s['last'] + dt.timedelta(days=int(rng.integers(0, 3)))),
                     iso(p.signup) if registered[p.i] else '', p.email, str(s['orders']), f"{s['spend']:.2f}", f'{aov:.2f}',
                     p.country, p.city, p.province, p.zip])
    # The same person as a guest before registering: same e-mail, no username, an older last-active date.
    for i in range(5, 5 + 6 * 31, 31):
        at = next((k for k, r in enumerate(rows) if r[4] == people[i].email), None)
        if at is None or not rows[at][1]:
            continue
        r = rows[at]
        rows.append([r[0], '', iso(people[i].signup), '', r[4], '1', f'{PRICE["Soy Candle"]:.2f}', f'{PRICE["Soy Candle"]:.2f}',
                     r[8], r[9], r[10], r[11]])
        dup_pairs.append([at, len(rows) - 1])
    write_csv('woocommerce-customers.csv', WOO_CUSTOMERS, rows)
    truth['woocommerce'] = {
        'customers': len(rows), 'orderRows': len(lines), 'duplicatePairs': dup_pairs,
        'leadingZeroZips': sum(1 for r in rows if r[11][:1] == '0'),
        'guest': {'orders': guest['orders'], 'revenue': round(guest['revenue'], 2)},
        'perCustomer': {k: {**v, 'revenue': round(v['revenue'], 2), 'products': sorted(v['products'])} for k, v in per_customer.items()},
    }


# --------------------------------------------------------------------------------------------
# Stripe
# --------------------------------------------------------------------------------------------
STRIPE_CUSTOMERS = ['id', 'Description', 'Email', 'Name', 'Created (UTC)', 'Delinquent', 'Plan', 'Status', 'Total Spend', 'Payment Count',
                    'Refunded Volume', 'Dispute Losses', 'tag (metadata)']
STRIPE_PAYMENTS = ['id', 'Description', 'Seller Message', 'Created (UTC)', 'Amount', 'Amount Refunded', 'Currency', 'Converted Amount',
                   'Converted Amount Refunded', 'Fee', 'Tax', 'Converted Currency', 'Mode', 'Status', 'Statement Descriptor', 'Customer ID',
                   'Customer Description', 'Customer Email', 'Captured', 'Card ID', 'Card Last4', 'Card Brand', 'Card Funding',
                   'Card Exp Month', 'Card Exp Year', 'Card Name', 'Card Address Line1', 'Card Address Line2', 'Card Address City',
                   'Card Address State', 'Card Address Country', 'Card Address Zip', 'Card Issue Country', 'Card Fingerprint',
                   'Card CVC Status', 'Card AVS Zip Status', 'Card AVS Line1 Status', 'Card Tokenization Method', 'Disputed Amount',
                   'Dispute Status', 'Dispute Reason', 'Dispute Date (UTC)', 'Dispute Evidence Due (UTC)', 'Invoice ID',
                   'Payment Source Type', 'Destination', 'Transfer']
EUR_USD = 1.08
ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'


def stripe_id(rng, prefix, n=14):
    return prefix + ''.join(ALNUM[int(k)] for k in rng.integers(0, len(ALNUM), n))


def make_stripe(rng, people, orders, truth):
    ids = {p.i: stripe_id(rng, 'cus_') for p in people}
    # The same e-mail under a second customer id (a checkout that made a new customer).
    second = {}
    dup_people = list(range(3, 3 + 7 * 29, 29))
    for i in dup_people:
        second[i] = stripe_id(rng, 'cus_')
    eur = {p.i: p.country in ('FR', 'DE') for p in people}
    rows = []
    lines = []
    per_customer = {}
    totals = {}
    failed = 0
    for o in orders:
        p = o['person']
        cid = second[p.i] if p.i in second and rng.random() < 0.4 else ids[p.i]
        amount = subtotal(o) + ship(o)
        cur = 'eur' if eur[p.i] else 'usd'
        converted = round(amount * EUR_USD, 2) if cur == 'eur' else amount
        status = {'paid': 'Paid', 'cancelled': 'Failed', 'refunded': 'Refunded'}[o['status']]
        refunded = amount if status == 'Refunded' else 0.0
        conv_ref = converted if status == 'Refunded' else 0.0
        fee = round(converted * 0.029 + 0.30, 2) if status != 'Failed' else 0.0
        row = {h: '' for h in STRIPE_PAYMENTS}
        row.update({
            'id': stripe_id(rng, 'ch_', 24), 'Description': f"Order {o['number']}", 'Seller Message': 'Payment complete.' if status != 'Failed' else 'The bank did not return any further details with this decline.',
            'Created (UTC)': (o['when'] + dt.timedelta(hours=4)).strftime('%Y-%m-%d %H:%M'), 'Amount': f'{amount:.2f}',
            'Amount Refunded': f'{refunded:.2f}', 'Currency': cur, 'Converted Amount': f'{converted:.2f}' if status != 'Failed' else '0.00',
            'Converted Amount Refunded': f'{conv_ref:.2f}', 'Fee': f'{fee:.2f}', 'Tax': '0.00', 'Converted Currency': 'usd',
            'Mode': 'Live', 'Status': status, 'Statement Descriptor': 'NORTHWIND', 'Customer ID': cid,
            'Customer Description': '', 'Customer Email': p.email, 'Captured': 'false' if status == 'Failed' else 'true',
            'Card ID': stripe_id(rng, 'card_', 24), 'Card Last4': f'{int(rng.integers(0, 10000)):04d}', 'Card Brand': 'Visa',
            'Card Funding': 'credit', 'Card Exp Month': str(int(rng.integers(1, 13))), 'Card Exp Year': str(int(rng.integers(2025, 2031))),
            'Card Name': f'{p.first} {p.last}', 'Card Address Country': p.country, 'Card Address Zip': p.zip,
            'Card Issue Country': p.country, 'Card Fingerprint': stripe_id(rng, '', 16), 'Card CVC Status': 'pass',
            'Card AVS Zip Status': 'pass', 'Card Tokenization Method': '', 'Disputed Amount': '', 'Invoice ID': '',
            'Payment Source Type': 'card',
        })
        lines.append([row[h] for h in STRIPE_PAYMENTS])
        if status == 'Failed':
            failed += 1
            continue
        key = cid.lower()
        net = converted - conv_ref
        c = per_customer.setdefault(key, {'orders': 0, 'revenue': 0.0, 'first': None, 'last': None})
        c['revenue'] += net
        if status == 'Paid':
            c['orders'] += 1
            when = o['when'] + dt.timedelta(hours=4)  # the export's own time (UTC)
            c['first'] = iso(when) if c['first'] is None else min(c['first'], iso(when))
            c['last'] = iso(when) if c['last'] is None else max(c['last'], iso(when))
        t = totals.setdefault(cid, {'spend': 0.0, 'count': 0, 'refunded': 0.0})
        t['spend'] += converted
        t['count'] += 1
        t['refunded'] += conv_ref
    write_csv('stripe-payments.csv', STRIPE_PAYMENTS, lines)
    dup_pairs = []
    row_of = {}
    for p in people:
        for cid in [ids[p.i]] + ([second[p.i]] if p.i in second else []):
            t = totals.get(cid, {'spend': 0.0, 'count': 0, 'refunded': 0.0})
            plan = ['pro_monthly', 'pro_annual', 'starter_monthly', ''][int(rng.integers(4))]
            rows.append([cid, 'Wholesale' if p.company else '', p.email, f'{p.first} {p.last}',
                         (p.signup + dt.timedelta(hours=int(rng.integers(8, 20)))).strftime('%Y-%m-%d %H:%M'),
                         'true' if rng.random() < 0.04 else 'false', plan, 'active' if plan else '', f"{t['spend']:.2f}", str(t['count']),
                         f"{t['refunded']:.2f}", '0.00', 'vip' if rng.random() < 0.1 else ''])
            if cid in second.values():
                dup_pairs.append([row_of[p.i], len(rows) - 1])
            row_of.setdefault(p.i, len(rows) - 1)
    write_csv('stripe-customers.csv', STRIPE_CUSTOMERS, rows)
    usd_amount = sum(float(l[4]) for l in lines if l[6] == 'usd' and l[13] != 'Failed')
    eur_amount = sum(float(l[4]) for l in lines if l[6] == 'eur' and l[13] != 'Failed')
    truth['stripe'] = {
        'customers': len(rows), 'payments': len(lines), 'failed': failed, 'duplicatePairs': dup_pairs,
        'currencies': {'usd': round(usd_amount, 2), 'eur': round(eur_amount, 2)},
        'perCustomer': {k: {**v, 'revenue': round(v['revenue'], 2)} for k, v in per_customer.items()},
    }


# --------------------------------------------------------------------------------------------
# The UCI "Online Retail" layout
# --------------------------------------------------------------------------------------------
RETAIL_COUNTRY = {'US': 'USA', 'CA': 'Canada', 'FR': 'France', 'DE': 'Germany', 'GB': 'United Kingdom'}
RETAIL_HEADER = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country']


def make_retail(rng, people, orders, truth):
    ids = {p.i: 12346 + 7 * p.i for p in people}
    lines = []
    per_customer = {}
    guest = {'lines': 0, 'revenue': 0.0}
    cancelled = {'lines': 0, 'amount': 0.0}
    invoice = 536365
    guest_orders = set(o['number'] for o in orders if rng.random() < 0.15)
    for o in orders:
        p = o['person']
        is_guest = o['number'] in guest_orders
        cid = '' if is_guest else str(ids[p.i])
        country = 'EIRE' if p.country == 'GB' and p.i % 5 == 0 else RETAIL_COUNTRY[p.country]
        when = o['when'].strftime('%-m/%-d/%y %-H:%M')
        items = [(SKU[n], n.upper(), q, PRICE[n]) for n, q in o['lines']]
        if p.country in ('FR', 'DE'):
            items.append(('POST', 'POSTAGE', 1, 18.0))
        for code, desc, q, price in items:
            lines.append([str(invoice), code, desc, str(q), when, f'{price:.2f}', cid, country])
            amount = q * price
            if is_guest:
                guest['lines'] += 1
                guest['revenue'] += amount
            else:
                c = per_customer.setdefault(cid, {'orders': set(), 'revenue': 0.0, 'first': None, 'last': None})
                c['revenue'] += amount
                c['orders'].add(invoice)
                c['first'] = iso(o['when']) if c['first'] is None else min(c['first'], iso(o['when']))
                c['last'] = iso(o['when']) if c['last'] is None else max(c['last'], iso(o['when']))
        if o['status'] != 'paid' and not is_guest:
            # A cancellation: a C-invoice a day later taking the first line back.
            code, desc, q, price = items[0]
            lines.append([f'C{invoice + 500000}', code, desc, str(-q), (o['when'] + dt.timedelta(days=1)).strftime('%-m/%-d/%y %-H:%M'),
                          f'{price:.2f}', cid, country])
            cancelled['lines'] += 1
            cancelled['amount'] -= q * price
            per_customer[cid]['revenue'] -= q * price
        invoice += 1
    write_csv('online-retail.csv', RETAIL_HEADER, lines)
    truth['onlineRetail'] = {
        'lines': len(lines), 'customers': len(per_customer), 'guest': {'lines': guest['lines'], 'revenue': round(guest['revenue'], 2)},
        'cancelled': {'lines': cancelled['lines'], 'amount': round(cancelled['amount'], 2)},
        'perCustomer': {k: {'orders': len(v['orders']), 'revenue': round(v['revenue'], 2), 'first': v['first'], 'last': v['last']}
                        for k, v in per_customer.items()},
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20250630)
    people = make_people(rng, 200)
    orders = make_orders(rng, people)
    truth = {'asOf': iso(AS_OF), 'people': len(people), 'families': FAMILIES,
             'stopped': {p.email: iso(p.stopped) for p in people if p.stopped}}
    make_shopify(np.random.default_rng(1), people, orders, truth)
    make_woocommerce(np.random.default_rng(2), people, orders, truth)
    make_stripe(np.random.default_rng(3), people, orders, truth)
    make_retail(np.random.default_rng(4), people, orders, truth)
    with open(os.path.join(OUT, 'truth.json'), 'w', encoding='utf-8') as f:
        json.dump(truth, f, indent=1, ensure_ascii=False, sort_keys=True)
        f.write('\n')


if __name__ == '__main__':
    main()
