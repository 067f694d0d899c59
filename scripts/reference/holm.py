"""Reference values for src/analysis/holm.ts: statsmodels' multipletests(method="holm").

    /usr/bin/python3 scripts/reference/holm.py
    npx prettier --write test/analysis/fixtures/holm.json
"""

import json
import os

import numpy as np
import statsmodels
from statsmodels.stats.multitest import multipletests

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "test", "analysis", "fixtures", "holm.json")

rng = np.random.default_rng(13)
families = [
    [0.01, 0.04, 0.03, 0.005],
    [0.2, 0.2, 0.01],
    [0.0779, 0.0015, 0.0833, 0.0002, 0.024],
    [1.0, 0.5],
    [0.03],
    list(rng.uniform(0, 0.2, 12)),
]
cases = [{"p": [float(x) for x in f], "holm": [float(x) for x in multipletests(f, method="holm")[1]]} for f in families]
with open(OUT, "w") as f:
    json.dump({"statsmodels": statsmodels.__version__, "cases": cases}, f, indent=2)
    f.write("\n")
