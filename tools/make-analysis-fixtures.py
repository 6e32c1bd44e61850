#!/usr/bin/python3
"""Reference values for the analysis engine's tests (test/core/analysis), computed with
Debian's python3-pandas / python3-numpy / python3-sklearn, independently of CDM's TypeScript.

Run once from the repository root:  /usr/bin/python3 tools/make-analysis-fixtures.py
It writes test/fixtures/analysis/*.json (and the small synthetic CSV it uses).
"""
import json
import os

import numpy as np
import pandas as pd
import sklearn
from sklearn.cluster import KMeans
from sklearn.linear_model import LinearRegression
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import StandardScaler

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'test', 'fixtures', 'analysis')
MALL = os.path.join(ROOT, 'data', 'mall_customers.csv')
os.makedirs(OUT, exist_ok=True)

VERSIONS = {'pandas': pd.__version__, 'numpy': np.__version__, 'sklearn': sklearn.__version__}


def num(x):
    return None if x is None or (isinstance(x, float) and np.isnan(x)) else float(x)


def describe(df, numeric, categories):
    out = {'numeric': {}, 'categories': {}, 'correlation': None}
    for c in numeric:
        s = df[c]
        out['numeric'][c] = {
            'count': int(s.count()), 'missing': int(s.isna().sum()),
            'mean': num(s.mean()), 'median': num(s.median()), 'mode': num(s.mode().iloc[0]),
            'std': num(s.std()),  # ddof=1
            'min': num(s.min()), 'q1': num(s.quantile(0.25)), 'q2': num(s.quantile(0.5)),
            'q3': num(s.quantile(0.75)), 'max': num(s.max()),
        }
    for c in categories:
        vc = df[c].value_counts()
        out['categories'][c] = {str(k): int(v) for k, v in vc.items()}
    corr = df[numeric].corr()  # Pearson, pairwise complete
    out['correlation'] = {'columns': numeric, 'matrix': [[num(v) for v in row] for row in corr.values]}
    return out


def synthetic():
    """A small customer table with gaps, a 3-level category and features on very different scales."""
    rng = np.random.default_rng(20240501)
    n = 120
    income = rng.normal(52000, 9000, n).round(0)
    age = rng.integers(18, 75, n).astype(float)
    orders = rng.poisson(6, n).astype(float)
    region = rng.choice(['North', 'South', 'West'], n)
    spend = (0.004 * income + 35 * orders - 1.5 * age + np.where(region == 'South', 80, 0)
             + np.where(region == 'West', -40, 0) + rng.normal(0, 60, n)).round(2)
    df = pd.DataFrame({'Income': income, 'Age': age, 'Orders': orders, 'Region': region, 'Total Spend': spend})
    for col, share in (('Income', 0.1), ('Age', 0.05)):
        df.loc[rng.random(n) < share, col] = np.nan
    df.to_csv(os.path.join(OUT, 'synthetic_customers.csv'), index=False)
    return df


def ols(df, target, numeric, categories):
    """OLS on the complete rows: numbers as they are, categories one-hot with the first
    (alphabetical) level dropped, exactly pandas.get_dummies(drop_first=True)."""
    d = df.dropna(subset=numeric + [target])
    x = pd.concat([d[numeric], pd.get_dummies(d[categories], drop_first=True, prefix_sep=' = ').astype(float)], axis=1)
    y = d[target].to_numpy(float)
    a = np.column_stack([x.to_numpy(float), np.ones(len(x))])
    beta, *_ = np.linalg.lstsq(a, y, rcond=None)
    sk = LinearRegression().fit(x.to_numpy(float), y)
    assert np.allclose(beta[:-1], sk.coef_, rtol=1e-9, atol=1e-9)
    yhat = a @ beta
    r2 = 1 - ((y - yhat) ** 2).sum() / ((y - y.mean()) ** 2).sum()
    return {'target': target, 'features': list(x.columns), 'rows': [int(i) for i in d.index],
            'x': x.to_numpy(float).tolist(), 'y': y.tolist(),
            'coefficients': beta[:-1].tolist(), 'intercept': float(beta[-1]), 'r2': float(r2)}


def mall_segments(mall):
    feats = ['Annual Income (k$)', 'Spending Score (1-100)']
    raw = mall[feats].to_numpy(float)
    scaled = StandardScaler().fit_transform(raw)
    out = {'features': feats, 'scaled': {}, 'unscaled': {}}
    for name, data in (('scaled', scaled), ('unscaled', raw)):
        for k in range(2, 11):
            km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(data)
            out[name][str(k)] = {'silhouette': float(silhouette_score(data, km.labels_)),
                                 'inertia': float(km.inertia_), 'labels': km.labels_.tolist()}
    return out


mall = pd.read_csv(MALL)
mall_num = ['Age', 'Annual Income (k$)', 'Spending Score (1-100)']
syn = synthetic()
fixtures = {
    'describe-mall.json': describe(mall, mall_num, ['Gender']),
    'describe-synthetic.json': describe(syn, ['Income', 'Age', 'Orders', 'Total Spend'], ['Region']),
    'ols-mall.json': ols(mall, 'Spending Score (1-100)', ['Age', 'Annual Income (k$)'], ['Gender']),
    'ols-synthetic.json': ols(syn, 'Total Spend', ['Income', 'Age', 'Orders'], ['Region']),
    'segments-mall.json': mall_segments(mall),
}
for name, body in fixtures.items():
    body = {'source': 'tools/make-analysis-fixtures.py', 'versions': VERSIONS, **body}
    with open(os.path.join(OUT, name), 'w') as f:
        json.dump(body, f, indent=1)
    print('wrote', name)
