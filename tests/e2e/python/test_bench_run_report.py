#!/usr/bin/env python3
"""bench/run's tables and target verdicts (bench/run_report.py) on made-up figures.

Nothing is run or timed: the figures below are the JSON shapes that
bench/index-bench --json and bench/search-bench --json write, with round
numbers whose ratios are computed by hand.
"""
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
import run_report  # noqa: E402


def ix(label, docs_per_s, rss_mb, db_mb, compact_mb=None, answers=18_000):
    return {"label": label, "docs_per_s": docs_per_s, "raw_mb_per_s": 3.0, "wall_s": answers / docs_per_s,
            "cpu_s": 1.0, "rss_kib": rss_mb * 1_000_000 / 1024, "docs": answers, "db_bytes": db_mb * 1_000_000,
            "compact_bytes": compact_mb * 1_000_000 if compact_mb else None}


def q(label, p50, p95, p99, qps):
    return {"label": label, "p50_ms": p50, "p90_ms": p95, "p95_ms": p95, "p99_ms": p99, "qps": qps}


INDEX = {"input": "medquad.jsonl.gz", "answers": 18_000, "load": [0.5, 1.5],
         "tools": {"qadex": ix("qadex-index", 3000, 150, 90, 89), "bare": ix("bare libxapian", 1500, 200, 100, 70),
                   "fts5": ix("SQLite FTS5", 30000, 20, 60)}}
SEARCH = {"load": [1.0, 2.0], "markdown": "(table)",
          "context": {"measured": 199, "docs": 18_000, "query_desc": "200 queries"},
          "process": {"qadex": q("qadex-search --format json", 6.0, 9.0, 12.0, 150),
                      "quest": q("quest", 3.0, 4.0, 5.0, 300)},
          "batch": {"qadex": q("qadex-search --batch", 2.0, 10.0, 16.0, 250),
                    "fts5": q("SQLite FTS5", 7.0, 60.0, 120.0, 50)}}


def point(answers, qadex_rss_mb, qadex_p99, qadex_qps, fts5_qps):
    return {"answers": answers,
            "index": {"load": [1, 2], "tools": {"qadex": ix("qadex", 2000, qadex_rss_mb, 90 * answers / 18_000,
                                                             answers=answers),
                                                "fts5": ix("SQLite FTS5", 30000, 30, 60 * answers / 18_000,
                                                           answers=answers)}},
            "search": {"load": [1, 2], "batch": {"qadex": q("qadex", 2.0, 10.0, qadex_p99, qadex_qps),
                                                  "fts5": q("SQLite FTS5", 7.0, 60.0, 120.0, fts5_qps)}}}


SCALE = [point(18_000, 150, 16.0, 250, 50), point(1_008_000, 350, 90.0, 20, 1)]


class TargetsTest(unittest.TestCase):
    def setUp(self):
        self.rows = {t: (m, v) for t, m, v in run_report.targets(INDEX, SEARCH, SCALE)}

    def test_indexing_ratio_to_the_bare_loop(self):
        measured, verdict = self.rows["indexing ≥ 1.5× the bare loop's docs/s (18k)"]
        self.assertIn("×2.00", measured)  # 3000 / 1500
        self.assertEqual(verdict, "met")

    def test_peak_rss_at_one_million_is_judged_on_the_large_point_only(self):
        measured, verdict = self.rows["indexing peak RSS ≤ 300 MB at 1.01M"]
        self.assertEqual(measured, "350 MB")
        self.assertEqual(verdict, "**NOT met**")
        self.assertFalse(any("RSS" in t and "18k" in t for t in self.rows))

    def test_per_process_ratio_to_quest(self):
        measured, verdict = self.rows["per-process median ≤ 1.5× quest's (18k)"]
        self.assertIn("×2.00", measured)  # 6 / 3
        self.assertEqual(verdict, "**NOT met**")

    def test_p99_at_both_sizes(self):
        self.assertEqual(self.rows["in-process p99 ≤ 20 ms (18k)"], ("16.0 ms", "met"))
        self.assertEqual(self.rows["in-process p99 ≤ 100 ms at 1.01M"], ("90.0 ms", "met"))

    def test_queries_per_second_against_fts5(self):
        measured, verdict = self.rows["in-process queries/s ≥ 10× SQLite FTS5's (18k)"]
        self.assertIn("×5.0", measured)  # 250 / 50
        self.assertEqual(verdict, "**NOT met**")
        self.assertEqual(self.rows["in-process queries/s ≥ 10× SQLite FTS5's at 1.01M"][1], "met")  # 20 / 1

    def test_missing_peers_leave_their_targets_out(self):
        index = {**INDEX, "tools": {"qadex": INDEX["tools"]["qadex"]}}
        search = {**SEARCH, "process": {"qadex": SEARCH["process"]["qadex"]},
                  "batch": {"qadex": SEARCH["batch"]["qadex"]}}
        targets = [t for t, _, _ in run_report.targets(index, search, [])]
        self.assertEqual(targets, ["in-process p99 ≤ 20 ms (18k)"])


class TablesTest(unittest.TestCase):
    def test_indexing_table_gives_ratios_and_a_dash_for_no_compaction(self):
        lines = run_report.indexing_table(INDEX).splitlines()
        self.assertEqual(len(lines), 2 + 3)
        self.assertTrue(lines[2].startswith("| qadex-index | 3,000 (×2.00) |"))
        self.assertTrue(lines[4].endswith("| 60.0 | – |"))  # FTS5: nothing to compact

    def test_search_tables_name_the_peer_ratios(self):
        self.assertIn("6.00 (×2.00 quest)", run_report.process_table(SEARCH))
        batch = run_report.batch_table(SEARCH)
        self.assertIn("| 50 (qadex ×5.0) |", batch)

    def test_scale_table_has_a_row_per_engine_and_point(self):
        lines = run_report.scale_table(SCALE).splitlines()
        self.assertEqual(len(lines), 2 + 4)
        self.assertTrue(lines[4].startswith("| 1.01M | qadex | 2,000 | 350 |"))

    def test_growth_exponent(self):
        self.assertAlmostEqual(run_report.growth_exponent(1, 100, 10, 1000), 1.0)
        self.assertAlmostEqual(run_report.growth_exponent(5, 5, 10, 1000), 0.0)
        line = run_report.growth_lines(SCALE)[0]
        self.assertIn("p99 ×5.6", line)  # 90 / 16


if __name__ == "__main__":
    unittest.main()
