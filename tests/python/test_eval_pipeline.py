#!/usr/bin/env python3
"""bench/eval end to end on the sample corpus (corpus/threads.jsonl), without ../shared.

Three hand-written topics and qrels whose figures are computed by hand below; the
real qadex-index, qadex-search --batch --format trec and bench_baseline_bm25 run.
Binaries: $QADEX_INDEX_TOOL, $QADEX_SEARCH_TOOL (set by CTest) and
$QADEX_BUILD_DIR/bench/bench_baseline_bm25; run by hand, build/ is used, and the
test is skipped (exit 77) when those binaries are not built.
"""
import importlib.machinery
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

SOURCE_DIR = Path(os.environ.get("QADEX_SOURCE_DIR") or Path(__file__).resolve().parents[2])
BUILD_DIR = Path(os.environ.get("QADEX_BUILD_DIR") or SOURCE_DIR / "build")
UNDER_CTEST = "QADEX_INDEX_TOOL" in os.environ
INDEX_TOOL = Path(os.environ.get("QADEX_INDEX_TOOL") or BUILD_DIR / "indexer" / "qadex-index")
SEARCH_TOOL = Path(os.environ.get("QADEX_SEARCH_TOOL") or BUILD_DIR / "searcher" / "qadex-search")
BASELINE_TOOL = BUILD_DIR / "bench" / "bench_baseline_bm25"
EVAL = SOURCE_DIR / "bench" / "eval"
CORPUS = SOURCE_DIR / "corpus" / "threads.jsonl"

CROOKED = "thr-crooked-smile-after-crows-feet-botox-a1"  # the only answer with "crooked"
RADIESSE = "thr-radiesse-hand-rejuvenation-a1"           # the only answer with "microspheres"

# qid A: "crooked" is in one thread only, which has one answer: it ranks 1st.
#        Its subject and message hold a tab and a newline, which must become spaces.
# qid B: "microspheres" is in one answer's body only: it ranks 1st.
# qid D: not in the qrels: ignored.
TOPICS = [
    {"qid": "A", "subject": "crooked\tsmile", "message": "after Botox for\ncrow's feet"},
    {"qid": "B", "subject": "microspheres", "message": "in the hands?"},
    {"qid": "D", "subject": "Botox", "message": "atrophy"},
]
# Judged answers absent from the corpus can never be retrieved but count in the ideal DCG
# and in R. Topic C is judged but has no query: it scores 0 and counts in the means.
QRELS = f"""A 0 {CROOKED} 3
A 0 not-in-corpus-1 2
B 0 {RADIESSE} 1
B 0 not-in-corpus-2 3
C 0 not-in-corpus-3 2
"""
# A: CROOKED (3) at rank 1, nothing else judged is retrievable.
#    nDCG = (3/1) / (3/1 + 2/log2(3)) = 3 / 4.2618595 = 0.7039181
#    MAP = (1/1) / R(2) = 0.5; MRR = 1; P@5 = 1/5 = 0.2; Judged@10 = 1/10
# B: RADIESSE (1, related, not relevant) at rank 1.
#    nDCG = (1/1) / (3/1 + 1/log2(3)) = 1 / 3.6309298 = 0.2754116
#    MAP = MRR = P@5 = 0; Judged@10 = 1/10
# C: no results: 0 everywhere.
# Means over the 3 qrels topics:
EXPECTED_MEANS = {
    "nDCG@10": (0.7039181 + 0.2754116) / 3,  # 0.3264432
    "MAP@10": 0.5 / 3,
    "MRR@10": 1 / 3,
    "P@5": 0.2 / 3,
    "Judged@10": 0.2 / 3,
}


def load_eval_module():
    loader = importlib.machinery.SourceFileLoader("bench_eval", str(EVAL))
    spec = importlib.util.spec_from_loader("bench_eval", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


class EvalPipelineTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="qadex-test-eval-"))
        cls.topics = cls.tmp / "topics.jsonl"
        cls.topics.write_text("".join(json.dumps(t) + "\n" for t in TOPICS))
        cls.qrels = cls.tmp / "qrels"
        cls.qrels.write_text(QRELS)
        # A copy of the corpus, so that touching it does not touch the source tree.
        cls.corpus = cls.tmp / "threads.jsonl"
        shutil.copyfile(CORPUS, cls.corpus)
        cls.cache = cls.tmp / "cache"

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def run_eval(self, *args, shared=None):
        env = dict(os.environ, QADEX_SHARED_DIR=str(shared or self.tmp / "no-shared"))
        command = [sys.executable, str(EVAL), "--no-build", "--cache-dir", str(self.cache),
                   "--corpus", str(self.corpus), "--topics", str(self.topics), "--qrels", str(self.qrels),
                   "--index-tool", str(INDEX_TOOL), "--search-tool", str(SEARCH_TOOL),
                   "--baseline-tool", str(BASELINE_TOOL), *args]
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
        self.assertEqual(result.returncode, 0, f"{command}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}")
        return result

    def assert_means(self, means, expected):
        for metric, value in expected.items():
            self.assertAlmostEqual(means[metric], value, places=6, msg=metric)

    def test_1_figures_of_both_systems_match_the_hand_computed_ones(self):
        result = self.run_eval("--json", "--reindex", "--save-run", str(self.tmp / "runs" / "run"))
        self.assertNotIn("warning", result.stderr)  # no batch line was malformed
        figures = json.loads(result.stdout)
        self.assertEqual(figures["topics"], 3)
        for row in ("qadex", "qadex (collapsed)", "baseline"):
            with self.subTest(row=row):
                self.assert_means(figures["mean"][row], EXPECTED_MEANS)
                self.assertEqual(figures["unanswered"][row], ["C"])
                self.assertAlmostEqual(figures["per_topic"][row]["A"]["nDCG@10"], 0.7039181, places=6)
                self.assertAlmostEqual(figures["per_topic"][row]["B"]["nDCG@10"], 0.2754116, places=6)

        # The saved runs are TREC runs of the right systems, with A and B answered
        # and 10 results for D (more than 10 answers mention Botox).
        threads_of_d = {}
        for suffix, tag in (("", "qadex"), (".collapsed", "qadex"), (".baseline", "bm25")):
            lines = (self.tmp / "runs" / f"run{suffix}").read_text().splitlines()
            first, d_answers = {}, []
            for line in lines:
                qid, q0, docid, rank, _, run_tag = line.split()
                self.assertEqual((q0, run_tag), ("Q0", tag))
                if rank == "1":
                    first[qid] = docid
                if qid == "D":
                    d_answers.append(docid)
            self.assertEqual(first.get("A"), CROOKED, suffix)
            self.assertEqual(first.get("B"), RADIESSE, suffix)
            self.assertEqual(len(d_answers), 10, suffix)
            threads_of_d[suffix] = [a.rsplit("-a", 1)[0] for a in d_answers]
        # Collapsed: one answer per thread. All answers: the two Botox atrophy
        # threads (7 answers with both words) give several answers each.
        self.assertEqual(len(set(threads_of_d[".collapsed"])), 10)
        self.assertLess(len(set(threads_of_d[""])), 10)

    def test_2_databases_are_reused_until_the_corpus_changes(self):
        self.run_eval("--json")  # builds them if test 1 did not run
        result = self.run_eval("--per-topic")
        self.assertIn("reusing", result.stderr)
        self.assertNotIn("indexing", result.stderr)
        # The table: one row per system, with the hand-computed means.
        rows = {}
        for line in result.stdout.splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if cells[0] in ("qadex", "qadex (collapsed)", "baseline") and len(cells) == 6:
                rows[cells[0]] = cells[1:]
        expected = [f"{EXPECTED_MEANS[m]:.4f}" for m in ("nDCG@10", "MAP@10", "MRR@10", "P@5", "Judged@10")]
        self.assertEqual(rows, {"qadex": expected, "qadex (collapsed)": expected, "baseline": expected})
        self.assertIn("| A | 0.7039 | 0.7039 | +0.0000 | crooked smile after Botox for crow's feet |",
                      result.stdout)

        os.utime(self.corpus, ns=(0, self.corpus.stat().st_mtime_ns + 10**9))
        result = self.run_eval("--json")
        self.assertEqual(result.stderr.count("indexing into"), 2)  # both databases rebuilt
        self.assert_means(json.loads(result.stdout)["mean"]["qadex"], EXPECTED_MEANS)

        result = self.run_eval("--json", "--reindex")
        self.assertEqual(result.stderr.count("indexing into"), 2)

    def test_3_extra_args_reach_qadex_search_only(self):
        # No answer has this tag: both qadex rows are empty, the baseline is not.
        result = self.run_eval("--json", "--extra-args", "--filter tag=no-such-tag-anywhere")
        figures = json.loads(result.stdout)
        zeros = {m: 0.0 for m in EXPECTED_MEANS}
        self.assert_means(figures["mean"]["qadex"], zeros)
        self.assert_means(figures["mean"]["qadex (collapsed)"], zeros)
        self.assert_means(figures["mean"]["baseline"], EXPECTED_MEANS)

    def test_4_a_query_that_breaks_the_batch_costs_only_its_topic(self):
        # A qadex-search that fails (exit 1) on any batch holding topic A's query.
        wrapper = self.tmp / "breaking-search"
        wrapper.write_text(f"""#!/bin/sh
for a; do [ "$prev" = "--batch" ] && batch=$a; prev=$a; done
if grep -q crooked "$batch"; then echo "qadex-search: broken on purpose" >&2; exit 1; fi
exec {SEARCH_TOOL} "$@"
""")
        wrapper.chmod(0o755)
        result = self.run_eval("--json", "--search-tool", str(wrapper))
        figures = json.loads(result.stdout)
        self.assertIn("one by one", result.stderr)
        # A now scores 0 for qadex: only B's figures remain (B: nDCG 0.2754116, Judged 1/10).
        only_b = {"nDCG@10": 0.2754116 / 3, "MAP@10": 0.0, "MRR@10": 0.0, "P@5": 0.0, "Judged@10": 0.1 / 3}
        for row in ("qadex", "qadex (collapsed)"):
            with self.subTest(row=row):
                self.assert_means(figures["mean"][row], only_b)
                self.assertEqual(figures["failed"][row], {"A": "qadex-search: broken on purpose"})
        self.assert_means(figures["mean"]["baseline"], EXPECTED_MEANS)
        self.assertEqual(figures["failed"]["baseline"], {})

    def test_query_is_subject_space_message_with_control_whitespace_as_spaces(self):
        module = load_eval_module()
        self.assertEqual(module.query_text({"subject": "a\tb", "message": "c\nd\r\ne"}), "a b c d  e")
        self.assertEqual(module.query_text({"subject": "only subject", "message": None}), "only subject")
        batch = self.tmp / "batch.tsv"
        module.write_batch([("1", module.query_text(TOPICS[0]))], batch)
        self.assertEqual(batch.read_text(), "1\tcrooked smile after Botox for crow's feet\n")

    def test_skips_with_77_without_the_shared_data(self):
        env = dict(os.environ, QADEX_SHARED_DIR=str(self.tmp / "no-shared"))
        result = subprocess.run([sys.executable, str(EVAL), "--no-build"], capture_output=True, text=True,
                                env=env, timeout=60)
        self.assertEqual(result.returncode, 77, result.stderr)
        self.assertIn("skipped", result.stderr)


if __name__ == "__main__":
    missing = [t for t in (INDEX_TOOL, SEARCH_TOOL, BASELINE_TOOL) if not os.access(t, os.X_OK)]
    if missing:
        print(f"missing binaries: {', '.join(map(str, missing))}", file=sys.stderr)
        # Under CTest the build must have made them: that is a failure, not a skip.
        sys.exit(1 if UNDER_CTEST else 77)
    unittest.main()
