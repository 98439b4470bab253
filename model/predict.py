"""Scores rows with the reference library: XGBoost's own `predict` on a saved model.

    /usr/bin/python3 model/predict.py MODEL_JSON < rows.csv

Reads headerless CSV rows of numbers from stdin (an empty value, `nan` or `NaN` is missing),
prints one JSON array of probabilities. The tests compare the local model server's evaluator
(local/sagemaker/xgboostModel.ts) with it.
"""

import json
import sys

import numpy as np
import xgboost as xgb


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: predict.py MODEL_JSON < rows.csv")
    booster = xgb.Booster()
    booster.load_model(sys.argv[1])
    rows = []
    for line in sys.stdin:
        line = line.strip()
        if line:
            rows.append([float(cell) if cell.strip() not in ("", "nan", "NaN") else np.nan for cell in line.split(",")])
    data = xgb.DMatrix(np.array(rows, dtype=np.float64), missing=np.nan)
    print(json.dumps([float(p) for p in booster.predict(data)]))


if __name__ == "__main__":
    main()
