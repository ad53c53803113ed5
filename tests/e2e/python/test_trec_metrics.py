#!/usr/bin/env python3
"""bench/trec_metrics.py on small examples whose figures are computed by hand below.

Run as a script: exits 0 when every test passes, 1 otherwise.
Logarithms used (log2): log2(2) = 1, log2(3) = 1.5849625, log2(4) = 2,
log2(5) = 2.3219281, log2(6) = 2.5849625.
"""
import itertools
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

SOURCE_DIR = Path(os.environ.get("QADEX_SOURCE_DIR") or Path(__file__).resolve().parents[3])
BENCH = SOURCE_DIR / "bench"
sys.path.insert(0, str(BENCH))
import trec_metrics as tm  # noqa: E402


def run_lines(qid, docids, tag="t"):
    """Run lines giving `docids` ranks 1, 2, ... and decreasing scores."""
    return [f"{qid} Q0 {d} {i} {100 - i}.0 {tag}" for i, d in enumerate(docids, 1)]


def evaluate(qrels_lines, run, order="rank"):
    return tm.evaluate(tm.read_qrels(qrels_lines), tm.read_run(run), order)


# Topic 1 of most tests: judged d1:3 d2:2 d3:1 d4:0 d5:2; d5 is never retrieved.
QRELS_1 = ["1 0 d1 3", "1 0 d2 2", "1 0 d3 1", "1 0 d4 0", "1 0 d5 2"]
# Ranked: 1 d4 (grade 0), 2 d1 (3), 3 dx (unjudged), 4 d3 (1), 5 d2 (2).
RUN_1 = run_lines("1", ["d4", "d1", "dx", "d3", "d2"])


class MixedRankingTest(unittest.TestCase):
    """Topic 1: every measure on one ranking with all kinds of answers."""

    def setUp(self):
        self.m = evaluate(QRELS_1, RUN_1).per_topic["1"]

    def test_ndcg_uses_linear_gain_and_log2_rank_plus_1(self):
        # DCG  = 3/log2(3) + 1/log2(5) + 2/log2(6)
        #      = 1.8927893 + 0.4306766 + 0.7737056 = 3.0971715
        # IDCG = grades 3,2,2,1,0: 3/1 + 2/log2(3) + 2/log2(4) + 1/log2(5)
        #      = 3 + 1.2618595 + 1 + 0.4306766 = 5.6925361
        # nDCG = 3.0971715 / 5.6925361 = 0.5440759
        self.assertAlmostEqual(self.m["nDCG@10"], 0.5440759, places=6)

    def test_map_divides_by_all_relevant_answers_of_the_topic(self):
        # relevant (grade >= 2): d1 at rank 2, d2 at rank 5, d5 not retrieved: R = 3
        # AP = (1/2 + 2/5) / 3 = 0.9 / 3 = 0.3
        self.assertAlmostEqual(self.m["MAP@10"], 0.3, places=9)

    def test_mrr_is_first_grade_2_or_more(self):
        # rank 1 is grade 0, rank 2 is grade 3: 1/2
        self.assertAlmostEqual(self.m["MRR@10"], 0.5, places=9)

    def test_p5_counts_grade_2_or_more(self):
        # top 5: d1 and d2 have grade >= 2 (d3 is grade 1): 2/5
        self.assertAlmostEqual(self.m["P@5"], 0.4, places=9)

    def test_judged_counts_any_grade_including_0_over_10(self):
        # d4, d1, d3, d2 are judged (d4 with grade 0), dx is not: 4/10
        self.assertAlmostEqual(self.m["Judged@10"], 0.4, places=9)


class EdgeCasesTest(unittest.TestCase):
    def test_ideal_ranking_scores_1_everywhere(self):
        m = evaluate(QRELS_1, run_lines("1", ["d1", "d2", "d5", "d3", "d4"])).per_topic["1"]
        self.assertAlmostEqual(m["nDCG@10"], 1.0, places=9)
        self.assertAlmostEqual(m["MAP@10"], 1.0, places=9)   # (1/1 + 2/2 + 3/3) / 3
        self.assertAlmostEqual(m["MRR@10"], 1.0, places=9)
        self.assertAlmostEqual(m["P@5"], 0.6, places=9)      # 3 relevant answers exist: 3/5
        self.assertAlmostEqual(m["Judged@10"], 0.5, places=9)  # 5 results, all judged: 5/10

    def test_topic_without_results_scores_0_and_counts_in_the_mean(self):
        # Topic 1 as in MixedRankingTest; topic 2 is judged but absent from the run.
        ev = evaluate(QRELS_1 + ["2 0 e1 3"], RUN_1)
        self.assertEqual(ev.topics, 2)
        self.assertEqual(ev.unanswered, ["2"])
        self.assertEqual(ev.per_topic["2"], {m: 0.0 for m in tm.METRICS})
        # means are half of topic 1's figures
        self.assertAlmostEqual(ev.mean["nDCG@10"], 0.5440759 / 2, places=6)
        self.assertAlmostEqual(ev.mean["MAP@10"], 0.15, places=9)
        self.assertAlmostEqual(ev.mean["MRR@10"], 0.25, places=9)
        self.assertAlmostEqual(ev.mean["P@5"], 0.2, places=9)
        self.assertAlmostEqual(ev.mean["Judged@10"], 0.2, places=9)

    def test_run_topics_absent_from_the_qrels_are_ignored(self):
        ev = evaluate(QRELS_1, RUN_1 + run_lines("99", ["d1", "d2"]))
        self.assertEqual(ev.topics, 1)
        self.assertEqual(ev.unknown, ["99"])
        self.assertAlmostEqual(ev.mean["MRR@10"], 0.5, places=9)

    def test_topic_with_only_grades_0_and_1(self):
        # qrels a:1 b:1 c:0, ranked c, a.
        # DCG = 0 + 1/log2(3) = 0.6309298; IDCG = 1 + 1/log2(3) = 1.6309298
        # nDCG = 0.6309298 / 1.6309298 = 0.3868528; no answer of grade >= 2:
        # MAP, MRR, P@5 are 0; Judged = 2/10.
        m = evaluate(["7 0 a 1", "7 0 b 1", "7 0 c 0"], run_lines("7", ["c", "a"])).per_topic["7"]
        self.assertAlmostEqual(m["nDCG@10"], 0.3868528, places=6)
        self.assertEqual((m["MAP@10"], m["MRR@10"], m["P@5"]), (0.0, 0.0, 0.0))
        self.assertAlmostEqual(m["Judged@10"], 0.2, places=9)

    def test_topic_judged_all_0_has_ndcg_0_not_a_division_error(self):
        m = evaluate(["8 0 a 0"], run_lines("8", ["a"])).per_topic["8"]
        self.assertEqual(m["nDCG@10"], 0.0)
        self.assertAlmostEqual(m["Judged@10"], 0.1, places=9)

    def test_only_the_top_10_count(self):
        # 10 unjudged answers, then the only relevant one at rank 11: all 0.
        m = evaluate(["3 0 r 3"], run_lines("3", [f"u{i}" for i in range(10)] + ["r"])).per_topic["3"]
        self.assertEqual(m, {k: 0.0 for k in tm.METRICS})

    def test_relevant_answer_at_rank_10_counts(self):
        # nDCG = (3/log2(11)) / (3/1) = 1/log2(11) = 1/3.4594316 = 0.2890648
        # AP = (1/10) / 1 = 0.1; MRR = 1/10; P@5 = 0; Judged = 1/10
        m = evaluate(["3 0 r 3"], run_lines("3", [f"u{i}" for i in range(9)] + ["r"])).per_topic["3"]
        self.assertAlmostEqual(m["nDCG@10"], 0.2890648, places=6)
        self.assertAlmostEqual(m["MAP@10"], 0.1, places=9)
        self.assertAlmostEqual(m["MRR@10"], 0.1, places=9)
        self.assertEqual(m["P@5"], 0.0)
        self.assertAlmostEqual(m["Judged@10"], 0.1, places=9)

    def test_ideal_dcg_takes_only_the_10_best_judgments(self):
        # 12 answers of grade 3; the run returns 10 of them: nDCG = 1 exactly,
        # but AP = 10 / 12 (R = 12 relevant answers exist).
        qrels = [f"4 0 g{i} 3" for i in range(12)]
        m = evaluate(qrels, run_lines("4", [f"g{i}" for i in range(10)])).per_topic["4"]
        self.assertAlmostEqual(m["nDCG@10"], 1.0, places=9)
        self.assertAlmostEqual(m["MAP@10"], 10 / 12, places=9)

    def test_p5_of_a_list_shorter_than_5_divides_by_5(self):
        m = evaluate(["5 0 a 2"], run_lines("5", ["a"])).per_topic["5"]
        self.assertAlmostEqual(m["P@5"], 0.2, places=9)


class TrecEvalNdcgTest(unittest.TestCase):
    def test_trec_eval_variant_discounts_rank_i_by_log2_i(self):
        # Topic 1 ranked 0,3,0,1,2 (grades by rank):
        # DCG  = 3/log2(2) + 1/log2(4) + 2/log2(5) = 3 + 0.5 + 0.8613531 = 4.3613531
        # IDCG = 3/1 + 2/log2(2) + 2/log2(3) + 1/log2(4) = 3 + 2 + 1.2618595 + 0.5 = 6.7618595
        # nDCG = 4.3613531 / 6.7618595 = 0.6449932
        ranking = tm.ranked_docids(tm.read_run(RUN_1)["1"])
        self.assertAlmostEqual(tm.ndcg_trec_eval(ranking, tm.read_qrels(QRELS_1)["1"]), 0.6449932, places=6)

    def test_trec_eval_variant_mean_counts_topics_without_results(self):
        qrels = tm.read_qrels(QRELS_1 + ["2 0 e1 3"])
        self.assertAlmostEqual(tm.mean_ndcg_trec_eval(qrels, tm.read_run(RUN_1)), 0.6449932 / 2, places=6)
        self.assertEqual(tm.ndcg_trec_eval(["e1"], {"e1": 0}), 0.0)


class DuplicatesAndOrderTest(unittest.TestCase):
    def test_duplicate_docid_counts_once_and_takes_no_place(self):
        # Ranks: 1 a, 2 a (copy, dropped), 3 b, so b is 2nd: MRR = 1/2, not 1/3.
        # nDCG = (2/log2(3)) / (2/1) = 1/log2(3) = 0.6309298
        run = ["6 Q0 a 1 3.0 t", "6 Q0 a 2 2.0 t", "6 Q0 b 3 1.0 t"]
        m = evaluate(["6 0 b 2"], run).per_topic["6"]
        self.assertAlmostEqual(m["MRR@10"], 0.5, places=9)
        self.assertAlmostEqual(m["nDCG@10"], 0.6309298, places=6)
        # Judged: b only; the dropped copy of a is not counted twice anyway: 1/10
        self.assertAlmostEqual(m["Judged@10"], 0.1, places=9)

    def test_duplicate_of_a_relevant_answer_is_not_counted_twice(self):
        # a (grade 3) at ranks 1 and 2: P@5 = 1/5, AP = 1/1 / R(1) = 1.
        run = ["6 Q0 a 1 3.0 t", "6 Q0 a 2 2.0 t"]
        m = evaluate(["6 0 a 3"], run).per_topic["6"]
        self.assertAlmostEqual(m["P@5"], 0.2, places=9)
        self.assertAlmostEqual(m["MAP@10"], 1.0, places=9)
        self.assertAlmostEqual(m["nDCG@10"], 1.0, places=9)

    def test_rank_order_follows_the_rank_column_not_the_file_order(self):
        # File order b, a but ranks say a (1) then b (2); a is relevant.
        run = ["9 Q0 b 2 5.0 t", "9 Q0 a 1 4.0 t"]
        ev = evaluate(["9 0 a 2"], run, order="rank")
        self.assertAlmostEqual(ev.per_topic["9"]["MRR@10"], 1.0, places=9)

    def test_score_order_ignores_ranks_like_trec_eval(self):
        # Same run: by score b (5.0) comes first, a second: MRR = 1/2.
        run = ["9 Q0 b 2 5.0 t", "9 Q0 a 1 4.0 t"]
        ev = evaluate(["9 0 a 2"], run, order="score")
        self.assertAlmostEqual(ev.per_topic["9"]["MRR@10"], 0.5, places=9)

    def test_score_ties_break_by_docid_descending_like_trec_eval(self):
        # Equal scores: trec_eval puts "b" before "a" (strcmp descending).
        entries = tm.read_run(["9 Q0 a 1 1.0 t", "9 Q0 c 3 2.0 t", "9 Q0 b 2 1.0 t"])["9"]
        self.assertEqual(tm.ranked_docids(entries, "score"), ["c", "b", "a"])
        self.assertEqual(tm.ranked_docids(entries, "rank"), ["a", "b", "c"])

    def test_equal_ranks_keep_file_order(self):
        entries = tm.read_run(["9 Q0 z 1 1.0 t", "9 Q0 y 1 1.0 t"])["9"]
        self.assertEqual(tm.ranked_docids(entries, "rank"), ["z", "y"])


class ReadingTest(unittest.TestCase):
    def test_blank_lines_are_skipped(self):
        self.assertEqual(tm.read_qrels(["", "1 0 a 2", "   "]), {"1": {"a": 2}})
        self.assertEqual(len(tm.read_run(["", "1 Q0 a 1 1.5 t"])["1"]), 1)

    def test_malformed_qrels_lines_are_errors_naming_the_line(self):
        for bad in (["1 0 a"], ["1 0 a two"], ["1 0 a -1"], ["1 0 a 1 extra"]):
            with self.subTest(bad=bad), self.assertRaisesRegex(tm.FormatError, r":1:"):
                tm.read_qrels(bad)

    def test_conflicting_judgments_are_an_error_identical_ones_are_not(self):
        with self.assertRaises(tm.FormatError):
            tm.read_qrels(["1 0 a 2", "1 0 a 3"])
        self.assertEqual(tm.read_qrels(["1 0 a 2", "1 0 a 2"]), {"1": {"a": 2}})

    def test_malformed_run_lines_are_errors_naming_the_line(self):
        for bad in (["1 Q0 a 1 2.0"], ["1 Q0 a one 2.0 t"], ["1 Q0 a 1 high t"], ["1 Q0 a 1 nan t"]):
            with self.subTest(bad=bad), self.assertRaisesRegex(tm.FormatError, r":1:"):
                tm.read_run(bad)

    def test_unknown_order_is_refused(self):
        with self.assertRaises(ValueError):
            tm.ranked_docids([], "random")


class RandomizationTest(unittest.TestCase):
    """tm.randomization_test: paired, two-sided, 10,000 sign flips with a fixed seed."""

    def exact_p(self, diffs):
        """The exact p-value: every one of the 2^n sign patterns, the observed one included."""
        observed = abs(sum(diffs))
        hits = sum(1 for signs in itertools.product((1, -1), repeat=len(diffs))
                   if abs(sum(s * d for s, d in zip(signs, diffs))) >= observed - 1e-12)
        return hits / 2 ** len(diffs)

    def test_identical_runs_give_p_1(self):
        scores = {str(i): i / 20 for i in range(20)}
        self.assertEqual(tm.randomization_test(scores, dict(scores)), 1.0)
        self.assertEqual(tm.randomization_test([0.0] * 5, [0.0] * 5), 1.0)

    def test_a_clearly_shifted_run_gives_p_below_0_01(self):
        # 30 topics, every one 0.1 better: only 2 of 2^30 sign patterns are as extreme, so
        # no trial is and p is the floor 1 / 10,001.
        base = [(i * 37 % 100) / 100 for i in range(30)]
        better = [x + 0.1 for x in base]
        p = tm.randomization_test(better, base)
        self.assertLess(p, 0.01)
        self.assertAlmostEqual(p, 1 / (tm.PERMUTATIONS + 1), places=12)
        # Better on 25 topics by 0.1, worse on 5 by 0.05: still clear.
        mixed = [x + (0.1 if i % 6 else -0.05) for i, x in enumerate(base)]
        self.assertLess(tm.randomization_test(mixed, base), 0.01)

    def test_symmetric_and_reproducible(self):
        a = {str(i): (i * 7 % 11) / 11 for i in range(40)}
        b = {str(i): (i * 5 % 13) / 13 for i in range(40)}
        p = tm.randomization_test(a, b)
        self.assertEqual(tm.randomization_test(b, a), p)
        self.assertEqual(tm.randomization_test(a, b), p)
        self.assertGreater(p, 0.0)
        self.assertLessEqual(p, 1.0)

    def test_matches_the_exact_test_on_small_cases(self):
        # Two topics both better: 2 of the 4 sign patterns are as extreme, p = 0.5.
        self.assertAlmostEqual(tm.randomization_test([1.0, 0.5], [0.0, 0.0]), 0.5, delta=0.02)
        # Ten topics of mixed differences, with a group of 8 and one of 2 in the tables.
        diffs = [0.3, -0.1, 0.2, 0.05, 0.4, -0.2, 0.1, 0.15, -0.05, 0.25]
        exact = self.exact_p(diffs)  # 120 / 1024 = 0.1171875
        self.assertAlmostEqual(exact, 0.1171875, places=9)
        # 10,000 trials: standard error sqrt(0.117 * 0.883 / 10,000) = 0.0032.
        self.assertAlmostEqual(tm.randomization_test(diffs, [0.0] * 10), exact, delta=0.015)
        # One topic that differs a lot among many small ones of the other sign.
        diffs = [0.9] + [-0.05] * 11
        self.assertAlmostEqual(tm.randomization_test(diffs, [0.0] * 12), self.exact_p(diffs), delta=0.015)

    def test_topics_must_match(self):
        with self.assertRaises(ValueError):
            tm.randomization_test({"1": 0.5, "2": 0.1}, {"1": 0.5, "3": 0.1})
        with self.assertRaises(ValueError):
            tm.randomization_test([0.5, 0.1], [0.5])

    def test_pairs_dict_scores_by_topic_not_by_insertion_order(self):
        a = {"1": 0.9, "2": 0.8, "3": 0.7}
        b_same_order = {"1": 0.1, "2": 0.2, "3": 0.3}
        b_other_order = {"3": 0.3, "1": 0.1, "2": 0.2}
        self.assertEqual(tm.randomization_test(a, b_same_order), tm.randomization_test(a, b_other_order))


class CommandLineTest(unittest.TestCase):
    def run_cli(self, *args):
        return subprocess.run([sys.executable, str(BENCH / "trec_metrics.py"), *args],
                              capture_output=True, text=True, timeout=60)

    def test_prints_the_table_of_the_means(self):
        with tempfile.TemporaryDirectory() as tmp:
            qrels, run = Path(tmp) / "qrels", Path(tmp) / "run"
            qrels.write_text("\n".join(QRELS_1 + ["2 0 e1 3"]) + "\n")
            run.write_text("\n".join(RUN_1) + "\n")
            out = self.run_cli(str(qrels), str(run), "--per-topic")
            self.assertEqual(out.returncode, 0, out.stderr)
            row = next(line for line in out.stdout.splitlines() if line.startswith(f"| {run} "))
            cells = [c.strip() for c in row.strip("|").split("|")][1:]
            # the means of EdgeCasesTest.test_topic_without_results_scores_0_and_counts_in_the_mean
            self.assertEqual(cells, ["0.2720", "0.1500", "0.2500", "0.2000", "0.2000"])
            self.assertIn("no results for 1 of 2 topics", out.stdout)
            self.assertIn("| 1 | 0.5441 |", out.stdout)
            self.assertIn("| 2 | 0.0000 |", out.stdout)

    def test_bad_input_exits_1_with_the_line(self):
        with tempfile.TemporaryDirectory() as tmp:
            qrels, run = Path(tmp) / "qrels", Path(tmp) / "run"
            qrels.write_text("1 0 a\n")
            run.write_text("1 Q0 a 1 1.0 t\n")
            out = self.run_cli(str(qrels), str(run))
            self.assertEqual(out.returncode, 1)
            self.assertIn(f"{qrels}:1:", out.stderr)


if __name__ == "__main__":
    unittest.main()
