#!/usr/bin/env python3
"""bench/eval end to end on small data written here, without ../shared.

Two collections, as bench/eval runs them: "liveqa" on the sample corpus
(corpus/threads.jsonl) and "mediqa" on four answer passages written below (no tags
or categories, empty subjects), each with hand-written topics and qrels whose
figures are computed by hand; the real qadex-index, qadex-search --batch --format
trec and bench_baseline_bm25 (plain and stopwords + title) run.
Binaries: $QADEX_INDEX_TOOL, $QADEX_SEARCH_TOOL (set by CTest) and
$QADEX_BUILD_DIR/bench/bench_baseline_bm25; run by hand, build/ is used, and the
test is skipped (exit 77) when those binaries are not built.
"""
import gzip
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

SOURCE_DIR = Path(os.environ.get("QADEX_SOURCE_DIR") or Path(__file__).resolve().parents[3])
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

# The "mediqa" collection: MEDIQA's schema (one answer per thread, answer id = thread
# id, title = the text before the first colon, no tags or category).
MEDIQA_PASSAGES = [
    ("MQ_T1", "Achalasia", "a rare disorder in which the esophagus does not let food pass into the stomach."),
    ("MQ_T2", "Uveitis", "inflammation of the middle layer of the eye wall, with redness and blurred vision."),
    ("MQ_T3", "Gout", "a painful form of arthritis in which uric acid crystals build up in a joint."),
    ("MQ_T4", "Kidney stones (Symptoms)", "pain in the side and back, and blood in the urine."),
]
MEDIQA_TOPICS = [
    {"qid": "mq1", "subject": "", "message": "achalasia swallowing food"},  # only MQ_T1 has achalasia and food
    {"qid": "mq2", "subject": "", "message": "uveitis in both eyes"},        # only MQ_T2 has uveitis and eye
]
MEDIQA_QRELS = """mq1 0 MQ_T1 3
mq1 0 MQ_T3 0
mq2 0 MQ_T2 2
mq2 0 MQ_NOT_IN_CORPUS 3
"""
# mq1: MQ_T1 (3) at rank 1, MQ_T3 (0) not retrieved: nDCG 1; R = 1: MAP 1; MRR 1; P@5 1/5; Judged@10 1/10
# mq2: MQ_T2 (2) at rank 1; the ideal is 3, 2: nDCG = 2 / (3 + 2/log2(3)) = 2 / 4.2618595 = 0.4692787
#      relevant MQ_T2 and MQ_NOT_IN_CORPUS: R = 2, MAP = 1/2; MRR 1; P@5 1/5; Judged@10 1/10
MEDIQA_MEANS = {
    "nDCG@10": (1 + 0.4692787) / 2,  # 0.7346394
    "MAP@10": (1 + 0.5) / 2,
    "MRR@10": 1.0,
    "P@5": 0.2,
    "Judged@10": 0.1,
}
ROWS = ["qadex", "qadex (collapsed)", "baseline", "baseline (stopwords+title)"]
METRICS = ("nDCG@10", "MAP@10", "MRR@10", "P@5", "Judged@10")


sys.path.insert(0, str(SOURCE_DIR / "bench"))
import trec_metrics  # noqa: E402


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
        cls.mediqa_topics = cls.tmp / "mediqa.topics.jsonl"
        cls.mediqa_topics.write_text("".join(json.dumps(t) + "\n" for t in MEDIQA_TOPICS))
        cls.mediqa_qrels = cls.tmp / "mediqa.qrels"
        cls.mediqa_qrels.write_text(MEDIQA_QRELS)
        cls.mediqa_corpus = cls.tmp / "mediqa-answers.jsonl.gz"  # gzipped, as the shared corpora
        with gzip.open(cls.mediqa_corpus, "wt", encoding="utf-8") as f:
            for doc_id, title, text in MEDIQA_PASSAGES:
                f.write(json.dumps({"id": doc_id, "url": f"https://example.org/{doc_id}", "source": "example.org",
                                    "title": title, "question": "",
                                    "answers": [{"id": doc_id, "body": f"{title}: {text}"}]}) + "\n")
        cls.cache = cls.tmp / "cache"

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def data_args(self):
        return ["--liveqa-corpus", str(self.corpus), "--liveqa-topics", str(self.topics),
                "--liveqa-qrels", str(self.qrels), "--mediqa-corpus", str(self.mediqa_corpus),
                "--mediqa-topics", str(self.mediqa_topics), "--mediqa-qrels", str(self.mediqa_qrels)]

    def run_eval(self, *args, data=None, expect=0):
        env = dict(os.environ, QADEX_SHARED_DIR=str(self.tmp / "no-shared"))
        command = [sys.executable, str(EVAL), "--no-build", "--cache-dir", str(self.cache),
                   *(self.data_args() if data is None else data),
                   "--index-tool", str(INDEX_TOOL), "--search-tool", str(SEARCH_TOOL),
                   "--baseline-tool", str(BASELINE_TOOL), *args]
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
        self.assertEqual(result.returncode, expect, f"{command}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}")
        return result

    def assert_means(self, means, expected):
        for metric, value in expected.items():
            self.assertAlmostEqual(means[metric], value, places=6, msg=metric)

    def test_1_figures_of_every_row_on_both_collections_match_the_hand_computed_ones(self):
        result = self.run_eval("--json", "--reindex", "--save-run", str(self.tmp / "runs" / "run"))
        self.assertNotIn("warning", result.stderr)  # no batch line was malformed
        self.assertEqual(result.stderr.count("indexing into"), 6)  # 3 databases per collection
        figures = json.loads(result.stdout)
        self.assertEqual(set(figures["collections"]), {"liveqa", "mediqa"})
        self.assertEqual(figures["variants"], {})
        self.assertEqual((figures["permutations"], figures["seed"]), (10000, trec_metrics.SEED))
        live, mediqa = figures["collections"]["liveqa"], figures["collections"]["mediqa"]
        self.assertEqual((live["topics"], mediqa["topics"]), (3, 2))
        for row in ROWS:
            with self.subTest(row=row):
                self.assertIn(row, live["rows"])
                self.assert_means(live["mean"][row], EXPECTED_MEANS)
                self.assertEqual(live["unanswered"][row], ["C"])
                self.assertAlmostEqual(live["per_topic"][row]["A"]["nDCG@10"], 0.7039181, places=6)
                self.assertAlmostEqual(live["per_topic"][row]["B"]["nDCG@10"], 0.2754116, places=6)
                self.assert_means(mediqa["mean"][row], MEDIQA_MEANS)
                self.assertEqual(mediqa["unanswered"][row], [])
                self.assertAlmostEqual(mediqa["per_topic"][row]["mq2"]["nDCG@10"], 0.4692787, places=6)
                self.assertAlmostEqual(figures["mean_ndcg"][row],
                                       (EXPECTED_MEANS["nDCG@10"] + MEDIQA_MEANS["nDCG@10"]) / 2, places=6)
                if row != "qadex":
                    # The same per-topic figures as qadex: no difference, p = 1 exactly.
                    for collection in (live, mediqa):
                        self.assertAlmostEqual(collection["ndcg_difference"][row], 0.0, places=9)
                        self.assertEqual(collection["p"][row], 1.0)
        self.assertNotIn("qadex", live["p"])  # the reference is not tested against itself

        # The saved runs are TREC runs of the right systems, with A and B answered
        # and 10 results for D (more than 10 answers mention Botox).
        threads_of_d = {}
        runs = self.tmp / "runs"
        for suffix, tag in (("", "qadex"), (".collapsed", "qadex"), (".baseline", "bm25"),
                            (".baseline-st", "bm25-stop-title")):
            lines = (runs / f"run.liveqa{suffix}").read_text().splitlines()
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
            mediqa_first = {line.split()[0]: line.split()[2] for line in
                            (runs / f"run.mediqa{suffix}").read_text().splitlines() if line.split()[3] == "1"}
            self.assertEqual(mediqa_first, {"mq1": "MQ_T1", "mq2": "MQ_T2"}, suffix)
        # Collapsed: one answer per thread. All answers: the two Botox atrophy
        # threads (7 answers with both words) give several answers each.
        self.assertEqual(len(set(threads_of_d[".collapsed"])), 10)
        self.assertLess(len(set(threads_of_d[""])), 10)

    def test_2_databases_are_reused_until_the_corpus_changes(self):
        self.run_eval("--json")  # builds them if test 1 did not run
        result = self.run_eval("--per-topic")
        self.assertEqual(result.stderr.count("reusing"), 6)
        self.assertNotIn("indexing", result.stderr)
        # One table per collection: one row per system, the hand-computed means, the
        # difference from qadex and its p-value; then the mean nDCG@10 of the two.
        tables, current = {}, None
        for line in result.stdout.splitlines():
            if line.startswith("## "):
                current = line
                tables[current] = {}
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if current and cells[0] in ROWS:
                tables[current][cells[0]] = cells[1:]
        headings = list(tables)
        self.assertEqual(len(headings), 3, result.stdout)
        # Given files, not the shared ones: the heading names them.
        self.assertEqual(headings[0], "## liveqa: topics.jsonl on threads.jsonl: 3 questions")
        self.assertEqual(headings[1], "## mediqa: mediqa.topics.jsonl on mediqa-answers.jsonl.gz: 2 questions")
        for heading, means in ((headings[0], EXPECTED_MEANS), (headings[1], MEDIQA_MEANS)):
            expected = [f"{means[m]:.4f}" for m in METRICS]
            self.assertEqual(tables[heading], {"qadex": expected + ["", ""],
                                               **{row: expected + ["+0.0000", "1.0000"] for row in ROWS[1:]}})
        self.assertEqual(tables[headings[2]], {row: ["0.3264", "0.7346", "0.5305"] for row in ROWS})
        self.assertIn("| A | 0.7039 | 0.7039 | 0.7039 | 0.7039 | crooked smile after Botox for crow's feet |",
                      result.stdout)
        self.assertIn("| mq2 | 0.4693 | 0.4693 | 0.4693 | 0.4693 | uveitis in both eyes |", result.stdout)

        os.utime(self.corpus, ns=(0, self.corpus.stat().st_mtime_ns + 10**9))
        result = self.run_eval("--json")
        self.assertEqual(result.stderr.count("indexing into"), 3)  # the liveqa databases rebuilt
        self.assertEqual(result.stderr.count("reusing"), 3)         # not the mediqa ones
        self.assert_means(json.loads(result.stdout)["collections"]["liveqa"]["mean"]["qadex"], EXPECTED_MEANS)

        result = self.run_eval("--json", "--reindex", "--collection", "mediqa")
        self.assertEqual(result.stderr.count("indexing into"), 3)
        self.assertEqual(list(json.loads(result.stdout)["collections"]), ["mediqa"])

    def test_3_variants_run_beside_the_default_with_their_difference_and_p(self):
        # --extra-args: no answer has this tag, so that variant is empty on both
        # collections; the default qadex run and the baselines are not touched.
        # --variant same=...: an option that changes nothing here gives p = 1 exactly.
        empty, same = "qadex --filter tag=no-such-tag-anywhere", "qadex same"
        result = self.run_eval("--json", "--extra-args", "--filter tag=no-such-tag-anywhere",
                               "--variant", "same=--no-synonyms", "--save-run", str(self.tmp / "runs3" / "run"))
        figures = json.loads(result.stdout)
        self.assertEqual(figures["variants"], {
            empty: {"name": "extra-args", "args": ["--filter", "tag=no-such-tag-anywhere"]},
            same: {"name": "same", "args": ["--no-synonyms"]}})
        zeros = {m: 0.0 for m in EXPECTED_MEANS}
        for name, means in (("liveqa", EXPECTED_MEANS), ("mediqa", MEDIQA_MEANS)):
            with self.subTest(collection=name):
                c = figures["collections"][name]
                self.assertEqual(c["rows"], ["qadex", "qadex (collapsed)", empty, same, "baseline",
                                             "baseline (stopwords+title)"])
                self.assert_means(c["mean"][empty], zeros)
                for row in ("qadex", "qadex (collapsed)", same, "baseline", "baseline (stopwords+title)"):
                    self.assert_means(c["mean"][row], means)
                self.assertAlmostEqual(c["ndcg_difference"][empty], -means["nDCG@10"], places=6)
                self.assertEqual(c["p"][same], 1.0)
                # Two topics lose, by different amounts: 2 of the 4 sign patterns are as
                # extreme, so p is 0.5 up to the sampling of 10,000 permutations, and
                # exactly what trec_metrics computes from the per-topic figures.
                ndcg = {row: {q: m["nDCG@10"] for q, m in c["per_topic"][row].items()} for row in (empty, "qadex")}
                self.assertEqual(c["p"][empty], trec_metrics.randomization_test(ndcg[empty], ndcg["qadex"]))
                self.assertAlmostEqual(c["p"][empty], 0.5, delta=0.02)
                self.assertTrue((self.tmp / "runs3" / f"run.{name}.extra-args").is_file())
                self.assertTrue((self.tmp / "runs3" / f"run.{name}.same").is_file())
        self.assertAlmostEqual(figures["mean_ndcg"][empty], 0.0, places=9)

        # The tables: the variant's row with its difference and p-value.
        result = self.run_eval("--variant", "none=--filter tag=no-such-tag-anywhere", "--collection", "mediqa")
        row = next(line for line in result.stdout.splitlines() if line.startswith("| qadex none "))
        cells = [c.strip() for c in row.strip("|").split("|")]
        self.assertEqual(cells[1:7], ["0.0000"] * 5 + [f"{-MEDIQA_MEANS['nDCG@10']:+.4f}"])
        self.assertAlmostEqual(float(cells[7]), 0.5, delta=0.02)
        self.assertNotIn("Mean nDCG@10 over the collections", result.stdout)  # one collection only

    def test_bad_variants_are_refused(self):
        for bad, message in ((["--variant", "no-equals-sign"], "expected NAME=ARGS"),
                             (["--variant", "baseline=--no-synonyms"], "is taken by another row"),
                             (["--variant", "a=--no-synonyms", "--variant", "a=--no-spelling"], "same name"),
                             (["--variant", "bad name=--no-synonyms"], "expected NAME=ARGS")):
            with self.subTest(args=bad):
                result = self.run_eval(*bad, expect=2)
                self.assertIn(message, result.stderr)

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
        live, mediqa = figures["collections"]["liveqa"], figures["collections"]["mediqa"]
        # A now scores 0 for qadex: only B's figures remain (B: nDCG 0.2754116, Judged 1/10).
        only_b = {"nDCG@10": 0.2754116 / 3, "MAP@10": 0.0, "MRR@10": 0.0, "P@5": 0.0, "Judged@10": 0.1 / 3}
        for row in ("qadex", "qadex (collapsed)"):
            with self.subTest(row=row):
                self.assert_means(live["mean"][row], only_b)
                self.assertEqual(live["failed"][row], {"A": "qadex-search: broken on purpose"})
                self.assert_means(mediqa["mean"][row], MEDIQA_MEANS)
                self.assertEqual(mediqa["failed"][row], {})
        for row in ("baseline", "baseline (stopwords+title)"):
            self.assert_means(live["mean"][row], EXPECTED_MEANS)
            self.assertEqual(live["failed"][row], {})
            self.assertAlmostEqual(live["ndcg_difference"][row], EXPECTED_MEANS["nDCG@10"] - only_b["nDCG@10"],
                                   places=6)

    def test_one_collection_with_the_short_data_options(self):
        result = self.run_eval("--json", "--collection", "liveqa", data=[
            "--corpus", str(self.corpus), "--topics", str(self.topics), "--qrels", str(self.qrels)])
        figures = json.loads(result.stdout)
        self.assertEqual(list(figures["collections"]), ["liveqa"])
        self.assert_means(figures["collections"]["liveqa"]["mean"]["qadex"], EXPECTED_MEANS)
        # Without --collection they would be ambiguous.
        self.run_eval("--corpus", str(self.corpus), data=[], expect=2)

    def test_query_is_subject_space_message_with_control_whitespace_as_spaces(self):
        module = load_eval_module()
        self.assertEqual(module.query_text({"subject": "a\tb", "message": "c\nd\r\ne"}), "a b c d  e")
        self.assertEqual(module.query_text({"subject": "only subject", "message": None}), "only subject")
        self.assertEqual(module.query_text({"subject": "", "message": "empty subject"}), "empty subject")
        batch = self.tmp / "batch.tsv"
        module.write_batch([("1", module.query_text(TOPICS[0]))], batch)
        self.assertEqual(batch.read_text(), "1\tcrooked smile after Botox for crow's feet\n")

    def test_results_section_replaces_the_older_liveqa_only_section(self):
        module = load_eval_module()
        results = self.tmp / "RESULTS.md"
        results.write_text("# Results\n\n<!-- eval:liveqa-dev -->\n## Relevance (LiveQA dev)\nold\n"
                           "<!-- /eval:liveqa-dev -->\n\n## Next section\n")
        module.RESULTS_MD = results
        module.update_results("<!-- eval:relevance-dev -->\nnew\n<!-- /eval:relevance-dev -->\n")
        self.assertEqual(results.read_text(), "# Results\n\n<!-- eval:relevance-dev -->\nnew\n"
                                              "<!-- /eval:relevance-dev -->\n\n## Next section\n")
        module.update_results("<!-- eval:relevance-dev -->\nnewer\n<!-- /eval:relevance-dev -->\n")
        self.assertIn("\nnewer\n", results.read_text())
        self.assertNotIn("\nnew\n", results.read_text())

    def test_skips_with_77_without_the_shared_data(self):
        env = dict(os.environ, QADEX_SHARED_DIR=str(self.tmp / "no-shared"))
        for args in ([], ["--collection", "mediqa"],
                     # one collection given, the other's shared files absent
                     ["--liveqa-corpus", str(self.corpus), "--liveqa-topics", str(self.topics),
                      "--liveqa-qrels", str(self.qrels)]):
            with self.subTest(args=args):
                result = subprocess.run([sys.executable, str(EVAL), "--no-build", *args], capture_output=True,
                                        text=True, env=env, timeout=60)
                self.assertEqual(result.returncode, 77, result.stderr)
                self.assertIn("skipped", result.stderr)


if __name__ == "__main__":
    missing = [t for t in (INDEX_TOOL, SEARCH_TOOL, BASELINE_TOOL) if not os.access(t, os.X_OK)]
    if missing:
        print(f"missing binaries: {', '.join(map(str, missing))}", file=sys.stderr)
        # Under CTest the build must have made them: that is a failure, not a skip.
        sys.exit(1 if UNDER_CTEST else 77)
    unittest.main()
