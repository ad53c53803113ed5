#!/usr/bin/env python3
"""Trains the key-term model (searcher/engine/term_model.hpp) on bench_term_features output.

    build/bench/bench_term_features --db DB ../shared/eval/meqsum-train.jsonl \\
        | bench/train_term_model.py - --out data/term-model.tsv

Logistic regression with an L2 penalty, fitted by Newton's method on standardised
features (plain Python: no numpy). Prints 5-fold cross-validated figures, folds split
by question so that no question has words on both sides, beside baselines: one score
each, given probabilities by a logistic fit (the word's body IDF; the rarest field
frequency, which chooses the searcher's deciding words today; the word's position),
and keeping every non-stopword (predicts "keep" everywhere; its log-loss uses the
training base rate, and with all words tied its "top 3" are the first three).
"AUC within question" averages the AUC over the words of each question (those with
kept and dropped words): the order of one question's words is what a searcher uses. With --out,
fits on every row and writes the weights on the raw feature scale, as TermModel reads
them. Rows whose label is NA are skipped.
"""

import argparse
import math
import operator
import random
import sys

FOLDS = 5
SEED = 16  # the number: any fixed seed makes the folds reproducible


def read_rows(stream):
    header = stream.readline().rstrip("\n").split("\t")
    if header[:3] != ["qid", "word", "stem"] or "label" not in header:
        sys.exit("train_term_model: input is not bench_term_features output")
    label_at = header.index("label")
    names = header[3:label_at]
    qids, xs, ys = [], [], []
    for number, line in enumerate(stream, start=2):
        cells = line.rstrip("\n").split("\t")
        if len(cells) < label_at + 1:
            sys.exit(f"train_term_model: line {number}: {len(cells)} cells, expected {label_at + 1}")
        if cells[label_at] == "NA":
            continue
        qids.append(cells[0])
        xs.append([float(v) for v in cells[3:label_at]])
        ys.append(int(cells[label_at]))
    return names, qids, xs, ys


def solve(a, b):
    """Solves a x = b (a symmetric positive definite, small) by Gaussian elimination."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            if f:
                m[r] = [u - f * v for u, v in zip(m[r], m[c])]
    x = [0.0] * n
    for c in range(n - 1, -1, -1):
        x[c] = (m[c][n] - sum(m[c][k] * x[k] for k in range(c + 1, n))) / m[c][c]
    return x


def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


class Model:
    """Logistic regression on the columns `use` of the rows, standardised."""

    def __init__(self, xs, ys, use, l2):
        n = len(ys)
        self.use = [j for j in use if len({x[j] for x in xs}) > 1]  # a constant column says nothing
        self.mean = [sum(x[j] for x in xs) / n for j in self.use]
        self.std = [math.sqrt(sum((x[j] - m) ** 2 for x in xs) / n) for j, m in zip(self.use, self.mean)]
        cols = [[1.0] * n] + [[(x[j] - m) / s for x in xs] for j, m, s in zip(self.use, self.mean, self.std)]
        k = len(cols)
        w = [0.0] * k
        w[0] = math.log(sum(ys) / (n - sum(ys)))
        for _ in range(50):
            z = [0.0] * n
            for c, wc in zip(cols, w):
                z = list(map(operator.add, z, map(operator.mul, c, [wc] * n)))
            p = [sigmoid(v) for v in z]
            r = list(map(operator.sub, ys, p))  # the log-likelihood's gradient is X'r
            d = [v * (1 - v) for v in p]
            grad = [sum(map(operator.mul, c, r)) - (l2 * w[i] if i else 0) for i, c in enumerate(cols)]
            dcols = [list(map(operator.mul, c, d)) for c in cols]
            hess = [[sum(map(operator.mul, dcols[i], cols[j])) + (l2 if i == j and i else 0) for j in range(k)]
                    for i in range(k)]
            step = solve(hess, grad)
            w = [a + b for a, b in zip(w, step)]
            if max(abs(s) for s in step) < 1e-8:
                break
        self.w = w

    def raw_weights(self, count):
        """(bias, weights per raw feature), the standardisation folded in."""
        weights = [0.0] * count
        bias = self.w[0]
        for j, m, s, wj in zip(self.use, self.mean, self.std, self.w[1:]):
            weights[j] = wj / s
            bias -= wj * m / s
        return bias, weights

    def predict(self, x):
        z = self.w[0] + sum(wj * (x[j] - m) / s for j, m, s, wj in zip(self.use, self.mean, self.std, self.w[1:]))
        return sigmoid(z)


def auc(scores, ys):
    """Probability that a kept word outscores a dropped one (ties count half)."""
    pairs = sorted(zip(scores, ys))
    pos = sum(ys)
    neg = len(ys) - pos
    if pos == 0 or neg == 0:
        return None
    rank_sum, i = 0.0, 0
    while i < len(pairs):
        j = i
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            j += 1
        rank_sum += (i + j + 1) / 2 * sum(y for _, y in pairs[i:j])  # mean rank (1-based) of the tie group
        i = j
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg)


def figures(ps, ys, qids):
    eps = 1e-12
    n = len(ys)
    acc = sum((p >= 0.5) == (y == 1) for p, y in zip(ps, ys)) / n
    loss = -sum(math.log(max(p, eps)) if y else math.log(max(1 - p, eps)) for p, y in zip(ps, ys)) / n
    by_q = {}
    for q, p, y in zip(qids, ps, ys):
        by_q.setdefault(q, []).append((p, y))
    # What the searcher needs: the right order of the words of one question.
    within = [a for a in (auc([p for p, _ in v], [y for _, y in v]) for v in by_q.values()) if a is not None]
    top3 = [sum(y for _, y in sorted(v, key=lambda t: -t[0])[:3]) / min(3, len(v)) for v in by_q.values()]
    return {"accuracy": acc, "AUC": auc(ps, ys), "log-loss": loss,
            "AUC within question": sum(within) / len(within), "kept among top 3": sum(top3) / len(top3)}


def cross_validate(names, qids, xs, ys, l2):
    questions = sorted(set(qids))
    random.Random(SEED).shuffle(questions)
    fold_of = {q: i % FOLDS for i, q in enumerate(questions)}
    col = {n: j for j, n in enumerate(names)}
    fields = [col[n] for n in ("nidf_body", "nidf_title", "nidf_question", "nidf_tag")]
    # Each baseline is one score, turned into a probability by a logistic fit on the training folds.
    baselines = {
        "IDF alone (nidf_body)": lambda x: x[col["nidf_body"]],
        # The searcher's deciding words today: the rarest by their most frequent field; unknown words never decide.
        "rarest field frequency": lambda x: 0.0 if x[col["unknown"]] else min(x[j] for j in fields),
        "position (first words first)": lambda x: x[col["position"]],
    }
    wide = [x + [f(x) for f in baselines.values()] for x in xs]
    fits = {"model": list(range(len(names)))}
    fits.update({name: [len(names) + i] for i, name in enumerate(baselines)})
    results = {name: [] for name in fits}
    results["keep every non-stopword"] = []
    for fold in range(FOLDS):
        train = [i for i, q in enumerate(qids) if fold_of[q] != fold]
        test = [i for i, q in enumerate(qids) if fold_of[q] == fold]
        txs, tys = [wide[i] for i in train], [ys[i] for i in train]
        vys, vq = [ys[i] for i in test], [qids[i] for i in test]
        for name, use in fits.items():
            m = Model(txs, tys, use, l2)
            results[name].append(figures([m.predict(wide[i]) for i in test], vys, vq))
        base = sum(tys) / len(tys)
        keep = figures([base] * len(test), vys, vq)
        keep["accuracy"] = sum(vys) / len(vys)  # "keep" is predicted for every word
        results["keep every non-stopword"].append(keep)
    return results


def report(results):
    keys = ["accuracy", "AUC", "log-loss", "AUC within question", "kept among top 3"]
    print(f"{FOLDS}-fold cross-validation, folds by question (mean ± sd over folds)")
    print(f"{'':30}" + "".join(f"{k:>22}" for k in keys))
    for name, folds in results.items():
        cells = []
        for k in keys:
            vals = [f[k] for f in folds]
            mean = sum(vals) / len(vals)
            sd = math.sqrt(sum((v - mean) ** 2 for v in vals) / len(vals))
            cells.append(f"{mean:.4f} ± {sd:.4f}")
        print(f"{name:30}" + "".join(f"{c:>22}" for c in cells))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("features", help="bench_term_features output with labels (- for stdin)")
    ap.add_argument("--out", help="write the model fitted on every row here (TermModel's TSV)")
    ap.add_argument("--l2", type=float, default=1.0, help="L2 penalty on the standardised weights (default 1)")
    ap.add_argument("--no-cv", action="store_true", help="skip the cross-validation")
    args = ap.parse_args()
    stream = sys.stdin if args.features == "-" else open(args.features, encoding="utf-8")
    names, qids, xs, ys = read_rows(stream)
    print(f"{len(ys)} words of {len(set(qids))} questions, {sum(ys)} kept ({sum(ys) / len(ys):.1%})")
    if not args.no_cv:
        report(cross_validate(names, qids, xs, ys, args.l2))
    model = Model(xs, ys, list(range(len(names))), args.l2)
    bias, weights = model.raw_weights(len(names))
    std_weight = dict(zip((names[j] for j in model.use), model.w[1:]))
    print(f"\n{'feature':18}{'raw weight':>12}{'standardised':>14}")
    print(f"{'bias':18}{bias:12.4f}")
    for name, w in zip(names, weights):
        print(f"{name:18}{w:12.4f}{std_weight.get(name, 0.0):14.4f}" + ("" if name in std_weight else "  (constant)"))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as out:
            out.write(
                "# qadex key-term model (searcher/engine/term_model.hpp): logistic regression giving the\n"
                "# probability that an expert who sums a consumer question up in one line keeps a word.\n"
                "# Learnt from MeQSum (Ben Abacha & Demner-Fushman, ACL 2019, CC BY 4.0): the words of\n"
                f"# {len(set(qids))} questions of ../shared/eval/meqsum-train.jsonl, labelled by the stems of their\n"
                "# expert summaries; IDF features from the MedQuAD database built by qadex-index.\n"
                f"# {len(ys)} words, L2 {args.l2} on standardised features; weights are on the raw feature scale.\n"
                "# A feature constant in the training data (nidf_question: MedQuAD has no question bodies) has weight 0.\n"
                "# Made again by:\n"
                "#   build/indexer/qadex-index --db /tmp/tm-medquad ../shared/corpora/medquad.jsonl.gz\n"
                "#   build/bench/bench_term_features --db /tmp/tm-medquad ../shared/eval/meqsum-train.jsonl \\\n"
                "#     | python3 bench/train_term_model.py - --out data/term-model.tsv\n")
            out.write(f"bias\t{bias:.6g}\n")
            for name, w in zip(names, weights):
                out.write(f"{name}\t{w:.6g}\n")
        print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
