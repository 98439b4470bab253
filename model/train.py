"""Trains the purchase-propensity models from the CSV files `snowline train` writes.

Run by `snowline train` with /usr/bin/python3 (Debian's python3-xgboost 1.7, the line
SageMaker's built-in XGBoost container serves); not meant to be run by hand, though it can be:

    /usr/bin/python3 model/train.py --train train.csv --test test.csv --out DIR [--seed 1]

Inputs: CSV with a header row, `label` first, then the model's features in MODEL_FEATURES
order (lib/model), every value a number (the TS side has already applied the defaults). A
value may be empty: XGBoost treats it as missing.

Writes to --out:
  model.json        the XGBoost booster in XGBoost's JSON format, without feature names (so
                    SageMaker's container, which reads headerless CSV, accepts it)
  predictions.csv   one line per test row: xgboost,logistic (probabilities)
  training.json     the parameters used and the number of boosting rounds

The number of boosting rounds is chosen without looking at the test file: the training rows
come in label-time order, XGBoost first trains on their earlier 80 % with early stopping on the
later 20 % (log loss, 30 rounds of patience), then again on all of them for the best number of
rounds. Both models are deterministic for a given seed: XGBoost runs the `hist` tree method on one
thread; the logistic regression is solved by Newton's method, with no randomness at all.
Progress goes to stderr.
"""

import argparse
import json
import sys

import numpy as np
import xgboost as xgb

XGB_PARAMS = {
    "objective": "binary:logistic",
    "eval_metric": "logloss",
    "tree_method": "hist",
    "max_depth": 3,
    "eta": 0.05,
    "min_child_weight": 5,
    "subsample": 0.8,
    "colsample_bytree": 0.8,
    "lambda": 1.0,
    "base_score": 0.5,
    "nthread": 1,
}
MAX_ROUNDS = 1000
EARLY_STOPPING_ROUNDS = 30
VALIDATION_SHARE = 0.2
LOGISTIC_L2 = 1e-3
LOGISTIC_ITERATIONS = 50


def log(message):
    print(f"train.py: {message}", file=sys.stderr, flush=True)


def read_csv(path):
    with open(path, encoding="utf-8") as handle:
        header = handle.readline().strip().split(",")
    if not header or header[0] != "label":
        raise SystemExit(f"train.py: {path}: the first column must be 'label', got {header[:1]}")
    data = np.genfromtxt(path, delimiter=",", skip_header=1, dtype=np.float64, missing_values="", filling_values=np.nan)
    if data.size == 0:
        raise SystemExit(f"train.py: {path} has no rows")
    data = np.atleast_2d(data)
    return header[1:], data[:, 0], data[:, 1:]


def train_logistic(x, y):
    """L2-regularised logistic regression by Newton's method on standardised features."""
    filled = np.where(np.isnan(x), 0.0, x)
    mean = filled.mean(axis=0)
    std = filled.std(axis=0)
    std[std == 0] = 1.0
    z = np.hstack([np.ones((len(filled), 1)), (filled - mean) / std])
    w = np.zeros(z.shape[1])
    penalty = LOGISTIC_L2 * len(z) * np.eye(z.shape[1])
    penalty[0, 0] = 0.0
    for _ in range(LOGISTIC_ITERATIONS):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        gradient = z.T @ (p - y) + penalty @ w
        hessian = (z * (p * (1 - p))[:, None]).T @ z + penalty + 1e-9 * np.eye(z.shape[1])
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.max(np.abs(step)) < 1e-10:
            break

    def predict(x_new):
        f = np.where(np.isnan(x_new), 0.0, x_new)
        zn = np.hstack([np.ones((len(f), 1)), (f - mean) / std])
        return 1.0 / (1.0 + np.exp(-(zn @ w)))

    return predict


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", required=True)
    parser.add_argument("--test", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-rounds", type=int, default=MAX_ROUNDS)
    args = parser.parse_args()

    names, y_train, x_train = read_csv(args.train)
    test_names, y_test, x_test = read_csv(args.test)
    if names != test_names:
        raise SystemExit("train.py: the train and test files have different columns")
    log(f"{len(y_train)} training rows, {len(y_test)} test rows, {len(names)} features")

    params = dict(XGB_PARAMS, seed=args.seed)
    cut = int(len(y_train) * (1 - VALIDATION_SHARE))
    log(f"choosing the number of rounds: XGBoost on the first {cut} training rows, early stopping on the last {len(y_train) - cut}")
    probe = xgb.train(
        params,
        xgb.DMatrix(x_train[:cut], label=y_train[:cut], missing=np.nan),
        num_boost_round=args.max_rounds,
        evals=[(xgb.DMatrix(x_train[cut:], label=y_train[cut:], missing=np.nan), "validation")],
        early_stopping_rounds=EARLY_STOPPING_ROUNDS,
        verbose_eval=False,
    )
    rounds = probe.best_iteration + 1
    dtrain = xgb.DMatrix(x_train, label=y_train, missing=np.nan)
    dtest = xgb.DMatrix(x_test, missing=np.nan)
    log(f"training XGBoost on every training row ({rounds} rounds, depth {params['max_depth']})")
    booster = xgb.train(params, dtrain, num_boost_round=rounds)
    booster.save_model(f"{args.out}/model.json")
    xgb_test = booster.predict(dtest)

    log("training the logistic regression baseline")
    logistic_test = train_logistic(x_train, y_train)(x_test)

    with open(f"{args.out}/predictions.csv", "w", encoding="utf-8") as handle:
        handle.write("xgboost,logistic\n")
        for a, b in zip(xgb_test, logistic_test):
            handle.write(f"{float(a)!r},{float(b)!r}\n")
    with open(f"{args.out}/training.json", "w", encoding="utf-8") as handle:
        json.dump({"xgboost": {"params": params, "rounds": rounds, "earlyStoppingRounds": EARLY_STOPPING_ROUNDS, "validationShare": VALIDATION_SHARE, "version": xgb.__version__}, "logistic": {"l2": LOGISTIC_L2}}, handle, indent=2)
    log("done")


if __name__ == "__main__":
    main()
