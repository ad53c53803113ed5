#!/usr/bin/env python3
"""trec_metrics: score TREC runs against graded TREC qrels (Python 3 standard library only).

    bench/trec_metrics.py QRELS RUN [RUN...] [--per-topic] [--order rank|score] [--json]

QRELS lines are `qid iteration docid grade` (grade 0-3 here: 0 incorrect, 1 related,
2 incomplete, 3 excellent); RUN lines are `qid Q0 docid rank score tag`. Blank lines
are skipped; any other malformed line is an error naming the file and line.

Measures, per topic, all at a cutoff of 10 results unless named otherwise:

  nDCG@10    linear gain: DCG = sum over ranks i = 1..10 of grade_i / log2(i + 1),
             divided by the DCG of the ideal ordering of every judged answer of the
             topic (its grades sorted from high to low, first 10). Unjudged answers
             have gain 0. A topic with no answer of grade > 0 scores 0.
             trec_eval's ndcg_cut also uses linear gain (the grade as it is in the
             qrels), but it discounts rank i by log2(i) for i >= 2 and rank 1 by 1
             (Jarvelin and Kekalainen's original form), so ranks 1 and 2 both count
             in full there; its figures therefore differ slightly from these
             (ndcg_trec_eval() computes that variant, for comparison).
             The exponential gain (2^grade - 1) is not used.
  MAP@10     relevant = grade >= 2. AP@10 = (sum of precision@i over the ranks
             i <= 10 holding a relevant answer) / R, where R is the number of
             relevant answers in the qrels for the topic (as trec_eval's
             map_cut.10 does; not min(R, 10)). R = 0 scores 0.
  MRR@10     1 / rank of the first answer with grade >= 2 in the top 10, else 0.
  P@5        answers with grade >= 2 among the top 5, divided by 5 (a shorter list
             is not rewarded).
  Judged@10  answers in the top 10 that have any judgment (any grade, 0 included),
             divided by 10. Unjudged answers count as not relevant in every other
             measure, so a low Judged@10 means the other figures are a lower bound.

Means are taken over EVERY topic in the qrels: a topic that the run does not
answer scores 0 on every measure. Run topics absent from the qrels are ignored
(and reported).

Order of a topic's results (choose with --order; rank is the default):
  rank   by the rank column, ascending (ties keep the file order). This is the order
         the engine showed, so two answers whose printed scores tie (identical
         near-duplicate texts do) are scored in the engine's order.
  score  as trec_eval: by score descending, ties broken by docid in DEScending
         string order; the rank column is ignored.
A docid that appears more than once in one topic's results is counted once, at its
first position in that order; later copies are dropped and do not take a place in
the top 10 (trec_eval refuses such runs).

randomization_test(a, b) compares two systems on the same topics: a paired,
two-sided randomization (permutation) test of the mean of one measure's per-topic
differences (Fisher; Smucker, Allan and Carterette, CIKM 2007), with 10,000 random
swaps of the two systems' scores within topics and a fixed seed, so that a rerun
gives the same p-value.
"""
import argparse
import json
import math
import random
import sys
from dataclasses import dataclass, field

CUTOFF = 10
P_CUTOFF = 5
RELEVANT_GRADE = 2
METRICS = ("nDCG@10", "MAP@10", "MRR@10", "P@5", "Judged@10")
ORDERS = ("rank", "score")
PERMUTATIONS = 10_000
SEED = 20191115  # any fixed value: reruns and both directions of a comparison give the same p


class FormatError(ValueError):
    """A qrels or run line that cannot be read; the message names the file and line."""


@dataclass
class RunEntry:
    docid: str
    rank: int
    score: float
    position: int  # line order within the file, for stable ties


@dataclass
class Evaluation:
    per_topic: dict  # qid -> {metric: value}, for every qrels topic
    mean: dict       # metric -> mean over every qrels topic
    topics: int      # number of qrels topics (the denominator of the means)
    unanswered: list = field(default_factory=list)  # qrels topics the run has no result for
    unknown: list = field(default_factory=list)     # run topics absent from the qrels


# ---------------------------------------------------------------- reading

def _lines(source):
    """(name, iterable of lines) for a path or an iterable of strings."""
    if isinstance(source, str):
        with open(source, encoding="utf-8") as f:
            return source, f.read().splitlines()
    return "<lines>", list(source)


def read_qrels(source):
    """qid -> {docid: grade} from a path or an iterable of qrels lines.

    Raises FormatError on a line without 4 fields, a grade that is not a
    non-negative integer, or the same (qid, docid) judged twice with different grades.
    """
    name, lines = _lines(source)
    qrels = {}
    for number, line in enumerate(lines, 1):
        fields = line.split()
        if not fields:
            continue
        if len(fields) != 4:
            raise FormatError(f"{name}:{number}: expected 'qid iteration docid grade', got {line.strip()!r}")
        qid, _, docid, grade_text = fields
        try:
            grade = int(grade_text)
        except ValueError:
            raise FormatError(f"{name}:{number}: grade {grade_text!r} is not an integer") from None
        if grade < 0:
            raise FormatError(f"{name}:{number}: grade {grade} is negative")
        judged = qrels.setdefault(qid, {})
        if docid in judged and judged[docid] != grade:
            raise FormatError(f"{name}:{number}: {qid} {docid} judged again with another grade")
        judged[docid] = grade
    return qrels


def read_run(source):
    """qid -> [RunEntry, ...] (file order) from a path or an iterable of run lines.

    Raises FormatError on a line without 6 fields or with a bad rank or score.
    """
    name, lines = _lines(source)
    run = {}
    for number, line in enumerate(lines, 1):
        fields = line.split()
        if not fields:
            continue
        if len(fields) != 6:
            raise FormatError(f"{name}:{number}: expected 'qid Q0 docid rank score tag', got {line.strip()!r}")
        qid, _, docid, rank_text, score_text, _ = fields
        try:
            rank = int(rank_text)
            score = float(score_text)
        except ValueError:
            raise FormatError(f"{name}:{number}: bad rank {rank_text!r} or score {score_text!r}") from None
        if math.isnan(score):
            raise FormatError(f"{name}:{number}: score is NaN")
        run.setdefault(qid, []).append(RunEntry(docid, rank, score, number))
    return run


# ---------------------------------------------------------------- scoring

def ranked_docids(entries, order="rank"):
    """The topic's docids in evaluation order, each once (see the module comment)."""
    if order == "rank":
        ordered = sorted(entries, key=lambda e: (e.rank, e.position))
    elif order == "score":
        # Two stable sorts: docid descending, then score descending.
        ordered = sorted(entries, key=lambda e: e.docid, reverse=True)
        ordered = sorted(ordered, key=lambda e: -e.score)
    else:
        raise ValueError(f"order must be one of {ORDERS}, not {order!r}")
    seen, result = set(), []
    for e in ordered:
        if e.docid not in seen:
            seen.add(e.docid)
            result.append(e.docid)
    return result


def dcg(grades):
    """Linear-gain DCG of grades listed from rank 1: sum of g / log2(rank + 1)."""
    return sum(g / math.log2(i + 1) for i, g in enumerate(grades, 1) if g > 0)


def ndcg_trec_eval(ranking, judgments):
    """nDCG@10 as trec_eval's ndcg_cut.10 computes it, for comparison only: linear
    gain, rank 1 undiscounted and rank i >= 2 discounted by log2(i)."""
    def te_dcg(grades):
        return sum(g / (math.log2(i) if i > 1 else 1.0) for i, g in enumerate(grades, 1) if g > 0)
    ideal = te_dcg(sorted(judgments.values(), reverse=True)[:CUTOFF])
    return te_dcg([judgments.get(d) or 0 for d in ranking[:CUTOFF]]) / ideal if ideal > 0 else 0.0


def mean_ndcg_trec_eval(qrels, run, order="rank"):
    """ndcg_trec_eval averaged over every qrels topic (0 for a topic without results)."""
    if not qrels:
        return 0.0
    return sum(ndcg_trec_eval(ranked_docids(run.get(q, []), order), j) for q, j in qrels.items()) / len(qrels)


def topic_metrics(ranking, judgments):
    """{metric: value} for one topic: `ranking` is the ordered, de-duplicated docids
    (any length; only the top 10 count), `judgments` is {docid: grade}."""
    top = ranking[:CUTOFF]
    grades = [judgments.get(d) for d in top]
    gains = [g or 0 for g in grades]
    ideal = dcg(sorted(judgments.values(), reverse=True)[:CUTOFF])
    relevant_total = sum(1 for g in judgments.values() if g >= RELEVANT_GRADE)

    hits, precision_sum, reciprocal_rank = 0, 0.0, 0.0
    for i, g in enumerate(gains, 1):
        if g >= RELEVANT_GRADE:
            hits += 1
            precision_sum += hits / i
            if reciprocal_rank == 0.0:
                reciprocal_rank = 1.0 / i
    return {
        "nDCG@10": dcg(gains) / ideal if ideal > 0 else 0.0,
        "MAP@10": precision_sum / relevant_total if relevant_total else 0.0,
        "MRR@10": reciprocal_rank,
        "P@5": sum(1 for g in gains[:P_CUTOFF] if g >= RELEVANT_GRADE) / P_CUTOFF,
        "Judged@10": sum(1 for g in grades if g is not None) / CUTOFF,
    }


def evaluate(qrels, run, order="rank"):
    """Evaluation of `run` (read_run's form) against `qrels` (read_qrels's form)."""
    per_topic = {}
    for qid, judgments in qrels.items():
        per_topic[qid] = topic_metrics(ranked_docids(run.get(qid, []), order), judgments)
    topics = len(qrels)
    mean = {m: (sum(t[m] for t in per_topic.values()) / topics if topics else 0.0) for m in METRICS}
    return Evaluation(
        per_topic=per_topic,
        mean=mean,
        topics=topics,
        unanswered=sorted((q for q in qrels if not run.get(q)), key=topic_key),
        unknown=sorted((q for q in run if q not in qrels), key=topic_key),
    )


def randomization_test(a, b, permutations=PERMUTATIONS, seed=SEED):
    """Two-sided p-value of a paired randomization test: could the mean of the
    per-topic differences a - b come from swapping a's and b's scores at random
    within topics?

    `a` and `b` are {qid: score} with the same topics (or sequences of the same
    length, paired by position). Each of `permutations` trials flips the sign of
    every topic's difference with probability 1/2 (random.Random(seed), so the
    same inputs always give the same p); p = (trials whose |sum| >= the observed
    |sum|, + 1) / (permutations + 1), the observed labelling counting as one
    (Phipson and Smyth 2010), so p > 0. Identical scores give p = 1, and
    randomization_test(a, b) == randomization_test(b, a).
    """
    if isinstance(a, dict) or isinstance(b, dict):
        if not (isinstance(a, dict) and isinstance(b, dict)) or a.keys() != b.keys():
            raise ValueError("randomization_test: both systems need scores for the same topics")
        keys = sorted(a, key=topic_key)
        a, b = [a[k] for k in keys], [b[k] for k in keys]
    elif len(a) != len(b):
        raise ValueError("randomization_test: both systems need scores for the same number of topics")
    if permutations < 1:
        raise ValueError("randomization_test: permutations must be at least 1")
    # Topics without a difference add nothing whatever their sign.
    diffs = [x - y for x, y in zip(a, b) if x != y]
    if not diffs:
        return 1.0
    observed = abs(sum(diffs))
    tolerance = 1e-9 * max(1.0, observed)  # the same sum added up in another order

    # The signed sum of each group of 8 topics for each of its 256 sign patterns,
    # so that a trial adds one table entry per 8 topics.
    chunk = 8
    tables = []
    for start in range(0, len(diffs), chunk):
        group = diffs[start:start + chunk]
        table = [0.0] * (1 << len(group))
        for mask in range(len(table)):
            table[mask] = sum(d if mask >> i & 1 else -d for i, d in enumerate(group))
        tables.append(table)
    shifts = [(chunk * i, len(t) - 1) for i, t in enumerate(tables)]

    rng = random.Random(seed)
    bits = len(diffs)
    at_least = 0
    for _ in range(permutations):
        signs = rng.getrandbits(bits)
        total = 0.0
        for table, (shift, mask) in zip(tables, shifts):
            total += table[signs >> shift & mask]
        if abs(total) >= observed - tolerance:
            at_least += 1
    return (at_least + 1) / (permutations + 1)


def topic_key(qid):
    """Sort key: numeric ids in numeric order, then the rest as strings."""
    return (0, int(qid), "") if qid.isdigit() else (1, 0, qid)


# ---------------------------------------------------------------- output

def format_table(rows, extra=()):
    """A Markdown table of [(name, mean), ...] with one column per measure, then
    one per (header, {name: text}) of `extra` (a row missing there is blank)."""
    width = max([len("system")] + [len(name) for name, _ in rows])
    headers = list(METRICS) + [header for header, _ in extra]
    cols = [max(len(m), 6) for m in METRICS] + \
           [max([len(header)] + [len(cells.get(name, "")) for name, _ in rows]) for header, cells in extra]
    lines = ["| " + "system".ljust(width) + " | " + " | ".join(h.rjust(c) for h, c in zip(headers, cols)) + " |",
             "|" + "-" * (width + 2) + "|" + "|".join("-" * (c + 1) + ":" for c in cols) + "|"]
    for name, mean in rows:
        cells = [f"{mean[m]:.4f}" for m in METRICS] + [texts.get(name, "") for _, texts in extra]
        lines.append("| " + name.ljust(width) + " | " + " | ".join(t.rjust(c) for t, c in zip(cells, cols)) + " |")
    return "\n".join(lines)


def format_per_topic(named, metric="nDCG@10"):
    """A Markdown table of one measure per topic for [(name, Evaluation), ...]."""
    qids = sorted(named[0][1].per_topic, key=topic_key)
    lines = ["| topic | " + " | ".join(f"{name} {metric}" for name, _ in named) + " |",
             "|--:|" + "|".join("--:" for _ in named) + "|"]
    for qid in qids:
        lines.append(f"| {qid} | " + " | ".join(f"{ev.per_topic[qid][metric]:.4f}" for _, ev in named) + " |")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="trec_metrics.py",
        description="nDCG@10, MAP@10, MRR@10, P@5 and Judged@10 of TREC runs against graded qrels "
                    "(relevant = grade >= 2), averaged over every qrels topic.")
    parser.add_argument("qrels", help="qrels file: qid iteration docid grade")
    parser.add_argument("runs", nargs="+", help="run files: qid Q0 docid rank score tag")
    parser.add_argument("--order", choices=ORDERS, default="rank",
                        help="rank: by the rank column (default); score: as trec_eval, score then docid descending")
    parser.add_argument("--per-topic", action="store_true", help="also list every topic's nDCG@10")
    parser.add_argument("--json", action="store_true", help="print per-topic and mean figures as JSON")
    args = parser.parse_args(argv)
    try:
        qrels = read_qrels(args.qrels)
        named = [(path, evaluate(qrels, read_run(path), args.order)) for path in args.runs]
    except (OSError, FormatError) as e:
        print(f"trec_metrics.py: {e}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps({name: {"mean": ev.mean, "per_topic": ev.per_topic, "topics": ev.topics}
                          for name, ev in named}, indent=1))
        return 0
    print(format_table([(name, ev.mean) for name, ev in named]))
    for name, ev in named:
        if ev.unanswered:
            print(f"{name}: no results for {len(ev.unanswered)} of {ev.topics} topics (scored 0)")
        if ev.unknown:
            print(f"{name}: {len(ev.unknown)} topics not in the qrels were ignored")
    if args.per_topic:
        print()
        print(format_per_topic(named))
    return 0


if __name__ == "__main__":
    sys.exit(main())
