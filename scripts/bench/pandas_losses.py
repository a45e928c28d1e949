"""The same work as the page's import, the usual Python way, for `make bench` to compare with:
read the predictions file with pandas, then the four losses (numpy, SPEC section 2's
conventions) and the metrics (scikit-learn) of model A. Prints one JSON line with the seconds.

    .venv/bin/python scripts/bench/pandas_losses.py FILE
"""

import json
import sys
import time

import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score, confusion_matrix, roc_auc_score

EPS, ALPHA, GAMMA, PW, T = 1e-7, 0.25, 2.0, 1.0, 0.5

start = time.perf_counter()
frame = pd.read_csv(sys.argv[1])
read = time.perf_counter()
y = frame.iloc[:, 0].to_numpy()
p = np.clip(frame.iloc[:, 1].to_numpy(), EPS, 1 - EPS)
pos = y == 1
ce = np.where(pos, -np.log(p), -np.log1p(-p))
p_t = np.where(pos, p, 1 - p)
a_t = np.where(pos, ALPHA, 1 - ALPHA)
losses = {
    "bce": ce.mean(),
    "weighted_bce": np.where(pos, PW * ce, ce).mean(),
    "balanced_ce": (a_t * ce).mean(),
    "focal": (a_t * (1 - p_t) ** GAMMA * ce).mean(),
}
tn, fp, fn, tp = confusion_matrix(y, frame.iloc[:, 1].to_numpy() >= T).ravel()
auc = roc_auc_score(y, frame.iloc[:, 1])
ap = average_precision_score(y, frame.iloc[:, 1])
done = time.perf_counter()
print(json.dumps({"read_s": read - start, "total_s": done - start, "rows": len(frame),
                  "bce": losses["bce"], "tp": int(tp), "roc_auc": auc}))
