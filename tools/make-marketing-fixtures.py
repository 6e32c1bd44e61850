#!/usr/bin/python3
"""A per-category-spend customer sheet of our own making (the layout of the well-known marketing
campaign data set: Year_Birth, Income, Dt_Customer, Recency, MntWines..MntGoldProds,
Num*Purchases, AcceptedCmp*, Response) and reference values for CDM's analysis of it, computed
here with numpy / scikit-learn from CDM's documented rules, independently of its TypeScript:

- derived: age = 2015 - Year_Birth (as-of 2015-01-01), none above 110; total spend = sum of Mnt*;
  orders = NumWeb + NumCatalog + NumStore purchases (NumDeals left out: those purchases are
  also web, catalogue or store purchases);
- rows kept out of fitting: impossible birth years, values outside a column's fence (3 x IQR,
  and on the log scale too when every value is positive: outside both), rare categories;
- numeric target: least squares, clamped at 0, against least squares on log(1 + y) with Duan's
  smearing; 10 folds from CDM's seeded shuffle (mulberry32, replicated below); the better
  cross-validated R2 wins;
- yes/no target (Response): sklearn LogisticRegression(C=1, solver newton-cholesky) on features standardised with the
  sample standard deviation; AUC of the pooled out-of-fold probabilities (roc_auc_score).

Run from the repository root:  /usr/bin/python3 tools/make-marketing-fixtures.py
Needs Debian's python3-numpy, python3-pandas, python3-sklearn.
"""
import json
import os

import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'test', 'fixtures', 'analysis')
AS_OF_YEAR = 2015
MNT = ['MntWines', 'MntFruits', 'MntMeatProducts', 'MntFishProducts', 'MntSweetProducts', 'MntGoldProds']
NUM = ['NumDealsPurchases', 'NumWebPurchases', 'NumCatalogPurchases', 'NumStorePurchases']


def make_sheet():
    rng = np.random.default_rng(20150101)
    n = 300
    year = rng.integers(1945, 1997, n)
    year[[7, 42, 150]] = [1893, 1899, 1900]
    education = rng.choice(['Graduation', 'PhD', 'Master', 'Basic', '2n Cycle'], n, p=[0.5, 0.2, 0.15, 0.05, 0.1])
    marital = rng.choice(['Married', 'Together', 'Single', 'Divorced', 'Widow'], n, p=[0.38, 0.25, 0.22, 0.11, 0.04]).astype(object)
    marital[20] = 'YOLO'
    marital[90] = 'Absurd'
    income = np.clip(rng.normal(52000, 17000, n), 6000, 115000).round(0)
    kid = rng.choice([0, 1, 2], n, p=[0.55, 0.4, 0.05])
    teen = rng.choice([0, 1, 2], n, p=[0.5, 0.45, 0.05])
    start = np.datetime64('2012-07-30')
    joined = start + rng.integers(0, 700, n).astype('timedelta64[D]')
    recency = rng.integers(0, 100, n)
    wealth = np.clip((income - 15000) / 1000, 1, None)
    scale = wealth * np.exp(-0.5 * kid - 0.3 * teen)
    spend = {
        'MntWines': rng.gamma(1.5, 1, n) * scale * 4.0,
        'MntFruits': rng.gamma(1.2, 1, n) * scale * 0.4,
        'MntMeatProducts': rng.gamma(1.3, 1, n) * scale * 2.2,
        'MntFishProducts': rng.gamma(1.2, 1, n) * scale * 0.5,
        'MntSweetProducts': rng.gamma(1.2, 1, n) * scale * 0.4,
        'MntGoldProds': rng.gamma(1.2, 1, n) * scale * 0.6,
    }
    spend = {k: np.floor(v).astype(int) for k, v in spend.items()}
    total = sum(spend.values())
    web = rng.poisson(1 + total / 250)
    catalog = rng.poisson(0.5 + total / 400)
    store = rng.poisson(2 + total / 200)
    deals = rng.poisson(2 + kid + teen)
    visits = rng.poisson(np.clip(8 - income / 12000, 1, None))
    cmp1 = (rng.random(n) < 1 / (1 + np.exp(-(income - 75000) / 8000))).astype(int)
    cmp2 = (rng.random(n) < 0.05).astype(int)
    complain = (rng.random(n) < 0.03).astype(int)
    complain[5] = 1
    logit = -1.2 + 2.0 * cmp1 - 0.04 * recency + 0.0025 * total - 0.6 * kid
    response = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    income_cell = income.astype(object)
    income_cell[100] = 666666
    for i in (11, 55, 222):
        income_cell[i] = ''
    df = pd.DataFrame({
        'ID': np.arange(1001, 1001 + n),
        'Year_Birth': year,
        'Education': education,
        'Marital_Status': marital,
        'Income': income_cell,
        'Kidhome': kid,
        'Teenhome': teen,
        'Dt_Customer': pd.to_datetime(joined).strftime('%Y-%m-%d'),
        'Recency': recency,
        **spend,
        'NumDealsPurchases': deals,
        'NumWebPurchases': web,
        'NumCatalogPurchases': catalog,
        'NumStorePurchases': store,
        'NumWebVisitsMonth': visits,
        'AcceptedCmp1': cmp1,
        'AcceptedCmp2': cmp2,
        'Complain': complain,
        'Z_CostContact': 3,
        'Z_Revenue': 11,
        'Response': response,
    })
    return df


# --- CDM's seeded shuffle (src/core/random.ts), replicated --------------------------------------
def mulberry32(seed):
    a = seed & 0xFFFFFFFF

    def imul(x, y):
        return ((x & 0xFFFFFFFF) * (y & 0xFFFFFFFF)) & 0xFFFFFFFF

    def rng():
        nonlocal a
        a = (a + 0x6D2B79F5) & 0xFFFFFFFF
        t = a
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & 0xFFFFFFFF
        t &= 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296

    return rng


def folds_of(n, k=10, seed=1):
    out = list(range(n))
    rng = mulberry32(seed)
    for i in range(n - 1, 0, -1):
        j = int(np.floor(rng() * (i + 1)))
        out[i], out[j] = out[j], out[i]
    fold = np.zeros(n, dtype=int)
    for pos, row in enumerate(out):
        fold[row] = pos % k
    return fold


# --- CDM's documented rules, written again ------------------------------------------------------
def tukey(sorted_vals):
    q1, q3 = np.quantile(sorted_vals, [0.25, 0.75])
    iqr = q3 - q1
    if not iqr > 0:
        return None
    return q1 - 3 * iqr, q3 + 3 * iqr


def fence(values):
    v = values[~np.isnan(values)]
    if len(v) < 8:
        return -np.inf, np.inf
    lin = tukey(np.sort(v))
    if lin is None:
        return -np.inf, np.inf
    low, high = lin
    if (v >= 0).all():
        positive = (v > 0).all()
        lg = tukey(np.sort(np.log(v) if positive else np.log1p(v)))
        if lg is None:
            return -np.inf, np.inf
        back = np.exp if positive else np.expm1
        low, high = min(low, back(lg[0])), max(high, back(lg[1]))
    return low, high


def r2(y, yhat):
    return 1 - ((y - yhat) ** 2).sum() / ((y - y.mean()) ** 2).sum()


def lstsq(x, y):
    a = np.column_stack([x, np.ones(len(x))])
    beta, *_ = np.linalg.lstsq(a, y, rcond=None)
    return beta[:-1], beta[-1]


def cross_validated(x, y, fold, log):
    """R2 and mean absolute error of the out-of-fold predictions over 10 folds: least squares on y
    clamped at 0, or (log) on log(1 + y) brought back with Duan's smearing, as CDM's spend model."""
    target = np.log1p(y) if log else y
    yhat = np.zeros(len(y))
    for f in range(10):
        tr, te = fold != f, fold == f
        b, c0 = lstsq(x[tr], target[tr])
        line = x[te] @ b + c0
        if log:
            smear = np.exp(target[tr] - (x[tr] @ b + c0)).mean()
            yhat[te] = np.maximum(0, np.exp(line) * smear - 1)
        else:
            yhat[te] = np.maximum(0, line)
    return float(r2(y, yhat)), float(np.abs(y - yhat).mean())


def log_fit_reference():
    """A multiplicative spend (log-normal noise): least squares on log(1 + y) with Duan's smearing,
    10 folds from CDM's shuffle; CDM must pick it over the clamped straight line."""
    rng = np.random.default_rng(7)
    n = 120
    x = np.column_stack([rng.uniform(0, 3, n), rng.integers(0, 2, n).astype(float)])
    y = np.round(np.expm1(1.0 + 1.1 * x[:, 0] + 0.5 * x[:, 1] + rng.normal(0, 0.35, n)), 2)
    fold = folds_of(n)
    z = np.log1p(y)
    b, c0 = lstsq(x, z)
    smear = float(np.exp(z - (x @ b + c0)).mean())
    return {'x': x.tolist(), 'y': y.tolist(), 'features': ['a', 'b'], 'coefficients': b.tolist(), 'intercept': float(c0),
            'smear': smear, 'cvLog': cross_validated(x, y, fold, True), 'cvLine': cross_validated(x, y, fold, False)}


def main():
    df = make_sheet()
    df.to_csv(os.path.join(OUT, 'marketing.csv'), index=False)
    income = pd.to_numeric(df['Income'], errors='coerce').to_numpy(float)
    n = len(df)
    age = AS_OF_YEAR - df['Year_Birth'].to_numpy(float)
    impossible = (age > 110) | (age < 0)
    age[impossible] = np.nan
    total = df[MNT].sum(axis=1).to_numpy(float)
    orders = df[['NumWebPurchases', 'NumCatalogPurchases', 'NumStorePurchases']].sum(axis=1).to_numpy(float)

    # Rows kept out of every fit: impossible birth years, fences of every usable numeric user
    # column (not yes/no, not constant), rare categories.
    ruled = set(np.where(impossible)[0])
    user_numeric = ['Year_Birth', 'Income', 'Kidhome', 'Teenhome', 'Recency', *MNT, *NUM, 'NumWebVisitsMonth']
    fences = {}
    for c in user_numeric:
        vals = income if c == 'Income' else df[c].to_numpy(float)
        lo, hi = fence(vals)
        fences[c] = (lo, hi)
        for i in np.where((vals < lo) | (vals > hi))[0]:
            ruled.add(int(i))
    for c in ['Marital_Status', 'Education']:
        counts = df[c].value_counts()
        typical = np.quantile(np.sort(counts.to_numpy(float)), 0.5)
        limit = max(2, 0.002 * n)
        rare = [v for v, k in counts.items() if k <= limit and k * 20 <= typical]
        for i in np.where(df[c].isin(rare))[0]:
            ruled.add(int(i))

    cols = {
        'Income': income, 'Kidhome': df['Kidhome'].to_numpy(float), 'Teenhome': df['Teenhome'].to_numpy(float),
        'Recency': df['Recency'].to_numpy(float), 'NumDealsPurchases': df['NumDealsPurchases'].to_numpy(float),
        'NumWebVisitsMonth': df['NumWebVisitsMonth'].to_numpy(float), 'AcceptedCmp1': df['AcceptedCmp1'].to_numpy(float),
        'AcceptedCmp2': df['AcceptedCmp2'].to_numpy(float), 'Complain': df['Complain'].to_numpy(float),
        'Response': df['Response'].to_numpy(float), 'CDM Age': age, 'CDM Total Spend': total, 'CDM Orders': orders,
    }
    yes_no = {'AcceptedCmp1', 'AcceptedCmp2', 'Complain', 'Response'}

    def design(target, features):
        excluded = set(ruled)
        xs = []
        for c in [target, *features]:
            vals = cols[c]
            lo, hi = (-np.inf, np.inf) if c in yes_no else fence(vals)
            excluded |= set(np.where((vals < lo) | (vals > hi))[0].tolist())
            if c != target:
                fill = np.quantile(vals[~np.isnan(vals)], 0.5)
                x = np.where(np.isnan(vals), fill, vals)
                xs.append(np.clip(x, lo, hi))
        # Categories: levels with 10 or more rows; the alphabetically first is the baseline.
        names = list(features)
        for c in ['Education', 'Marital_Status']:
            counts = df[c].value_counts()
            levels = sorted([v for v, k in counts.items() if k >= max(10, 0.01 * n)])
            for lv in levels[1:]:
                xs.append((df[c] == lv).to_numpy(float))
                names.append(f'{c} = {lv}')
        y = cols[target]
        rows = [i for i in range(n) if i not in excluded and not np.isnan(y[i])]
        return np.column_stack(xs)[rows], y[rows], names, rows

    # --- spend: straight line (clamped at 0) against log(1 + y) ---
    spend_features = ['Income', 'Kidhome', 'Teenhome', 'Recency', 'NumDealsPurchases', 'NumWebVisitsMonth',
                      'AcceptedCmp1', 'AcceptedCmp2', 'Complain', 'Response', 'CDM Age', 'CDM Orders']
    x, y, names, rows = design('CDM Total Spend', spend_features)
    fold = folds_of(len(y))
    z = np.log1p(y)
    cv_line, cv_log = cross_validated(x, y, fold, False), cross_validated(x, y, fold, True)
    use_log = cv_log[0] > cv_line[0]
    b, c0 = lstsq(x, z if use_log else y)
    smear = float(np.exp(z - (x @ b + c0)).mean()) if use_log else None
    b_line, c_line = lstsq(x, y)
    negative_line = int(((x @ b_line + c_line) < 0).sum())
    spend_ref = {
        'target': 'CDM Total Spend', 'rows': [int(r) for r in rows], 'features': names,
        'link': 'log1p' if use_log else 'identity', 'coefficients': dict(zip(names, map(float, b))), 'intercept': float(c0),
        'smear': smear, 'cvR2': float(cv_log[0] if use_log else cv_line[0]), 'cvMae': float(cv_log[1] if use_log else cv_line[1]),
        'cvR2Line': float(cv_line[0]), 'cvR2Log': float(cv_log[0]), 'negativeWithPlainLine': negative_line,
    }

    # --- Response: logistic regression, sklearn C=1 on sample-standardised features ---
    resp_features = ['Income', 'Kidhome', 'Teenhome', 'Recency', 'NumDealsPurchases', 'NumWebVisitsMonth',
                     'AcceptedCmp1', 'AcceptedCmp2', 'Complain', 'CDM Age', 'CDM Total Spend', 'CDM Orders']
    x, y, names, rows = design('Response', resp_features)

    def logistic(xt, yt):
        mu = xt.mean(axis=0)
        sd = xt.std(axis=0, ddof=1)
        keep = sd > 0
        m = LogisticRegression(C=1.0, solver='newton-cholesky', tol=1e-12, max_iter=1000).fit((xt[:, keep] - mu[keep]) / sd[keep], yt)
        w = np.zeros(xt.shape[1])
        w[keep] = m.coef_[0] / sd[keep]
        return w, float(m.intercept_[0] - (m.coef_[0] * mu[keep] / sd[keep]).sum())

    w, c0 = logistic(x, y)
    fold = folds_of(len(y))
    oof = np.zeros(len(y))
    for f in range(10):
        tr, te = fold != f, fold == f
        wf, cf = logistic(x[tr], y[tr])
        oof[te] = 1 / (1 + np.exp(-(x[te] @ wf + cf)))
    resp_ref = {
        'target': 'Response', 'rows': [int(r) for r in rows], 'features': names,
        'coefficients': dict(zip(names, map(float, w))), 'intercept': c0,
        'cvAuc': float(roc_auc_score(y, oof)), 'inSampleAuc': float(roc_auc_score(y, 1 / (1 + np.exp(-(x @ w + c0))))),
    }
    body = {
        'source': 'tools/make-marketing-fixtures.py',
        'versions': {'pandas': pd.__version__, 'numpy': np.__version__, 'sklearn': sklearn.__version__},
        'asOf': '2015-01-01', 'ruledRows': sorted(int(r) for r in ruled), 'spend': spend_ref, 'response': resp_ref,
    }
    body['logFit'] = log_fit_reference()
    with open(os.path.join(OUT, 'marketing-reference.json'), 'w') as f:
        json.dump(body, f, indent=1)
    print('wrote marketing.csv and marketing-reference.json; spend link', spend_ref['link'],
          'cv R2 line %.4f log %.4f' % (cv_line[0], cv_log[0]), 'AUC %.4f' % resp_ref['cvAuc'], 'ruled', len(ruled))


main()
