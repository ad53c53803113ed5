#!/usr/bin/env python3
"""Concurrency (issue 8): while one indexer replaces, deletes and adds
threads in a loop (one qadex-index run, one commit, per change), searchers
run in parallel through the three front ends: one-shot qadex-search, one
long-lived `qadex-search --batch` fed through a pipe, and qadex.cgi behind a
real lighttpd. Every search must succeed (exit 0 / HTTP 200, valid JSON), and

- no result may point at an answer whose removal was committed (its
  qadex-index run had exited) before the search started;
- every answer committed before the search started, and not being removed
  by a run started before the search ended, must be found (by the CLI and
  batch searches, which list every answer; the CGI lists every thread).

A second writer started while the indexer holds the database gets the
documented lock error and exit code 4.

    test_reliability_concurrency.py                  # short CTest version (8 s)
    test_reliability_concurrency.py --seconds 60     # the long run (scripts/reliability)
"""
import argparse
import json
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "web"))
import reliability_support as rs  # noqa: E402
import webserver as web  # noqa: E402

WORD = "rlyprobe"   # in every answer of the threads the indexer churns
POOL = (6, 14)      # live churned threads are kept between these counts (under 100 answers)
LOCKED = 4          # exit_codes.hpp: locked


class History:
    """When each churned answer became visible and when its removal was committed."""

    def __init__(self):
        self.lock = threading.Lock()
        self.added = {}            # answer id -> time its run exited (committed)
        self.removal_started = {}  # answer id -> time the run removing it started
        self.removed = {}          # answer id -> time that run exited
        self.live = {}             # thread number -> its answer ids
        self.runs = 0

    def must_find(self, start, end):
        """Answers committed before `start` that no run started before `end` removes."""
        with self.lock:
            return {a for a, t in self.added.items() if t < start and self.removal_started.get(a, end + 1) > end}

    def stale(self, answers, start):
        with self.lock:
            return [a for a in answers if a in self.removed and self.removed[a] < start]


class Churn:
    def __init__(self, db, history, seed):
        self.db, self.h = db, history
        self.rng = random.Random(seed)
        self.next_thread = 0
        self.version = 0
        self.failures = []
        self.lock_checks = []

    def run_index(self, args, stdin=b""):
        return rs.run([rs.INDEX_TOOL, "--db", str(self.db), "--quiet", "--no-progress", "--batch-size", "1", *args],
                      stdin=stdin)

    def change(self, i, thread):
        """Replaces thread i by `thread` (None: deletes it) in one qadex-index run."""
        old = self.h.live.get(i, [])
        new = [a["id"] for a in thread["answers"]] if thread else []
        with self.h.lock:
            start = time.monotonic()
            for a in old:
                self.h.removal_started[a] = start
        if thread:
            r = self.run_index(["-"], stdin=(json.dumps(thread) + "\n").encode())
        else:
            r = self.run_index(["--delete", rs.thread_id(i)])
        end = time.monotonic()
        if r.code != 0:
            self.failures.append(f"qadex-index exited {r.code}: {r.err_text[-500:]}")
            return
        with self.h.lock:
            for a in old:
                self.h.removed[a] = end
            for a in new:
                self.h.added[a] = end
            if thread:
                self.h.live[i] = new
            else:
                del self.h.live[i]
            self.h.runs += 1

    def second_writer(self, corpus_file):
        """A writer that holds the lock (reading stdin) and a second one that must be refused."""
        first = subprocess.Popen([rs.INDEX_TOOL, "--db", str(self.db), "--quiet", "-"], stdin=subprocess.PIPE,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(0.3)  # it opens the database and takes the lock before reading stdin
        second = self.run_index([str(corpus_file)])
        first.stdin.close()
        first_err = first.stderr.read().decode(errors="replace")
        first.wait()
        self.lock_checks.append((second.code, second.err_text, first.returncode, first_err))

    def step(self):
        """Adds a thread, deletes one or replaces one with a new version (new answer ids)."""
        live = list(self.h.live)
        r = self.rng.random()
        if len(live) < POOL[0] or (r < 0.25 and len(live) < POOL[1]):
            i = self.next_thread
            self.next_thread += 1
        else:
            i = self.rng.choice(live)
        if i in self.h.live and r < 0.5:
            self.change(i, None)
        else:
            self.version += 1
            self.change(i, rs.make_thread(i, self.rng, version=self.version, word=WORD))


class Searchers:
    def __init__(self, db, server, history):
        self.db, self.server, self.h = db, server, history
        self.lock = threading.Lock()
        self.counts = {"cli": 0, "batch": 0, "cgi": 0}
        self.failures = []

    def fail(self, message):
        with self.lock:
            self.failures.append(message)

    def check(self, kind, start, end, answers, threads_only=False):
        churned = [a for a in answers if a.startswith("rel-")]
        stale = self.h.stale(churned, start)
        if stale:
            self.fail(f"{kind}: results point at answers deleted before the search started: {stale}")
        want = self.h.must_find(start, end)
        if threads_only:
            want = {a.split("-v")[0] for a in want}
            churned = {a.split("-v")[0] for a in churned}
        missing = set(want) - set(churned)
        if missing:
            self.fail(f"{kind}: committed answers not found: {sorted(missing)}")
        with self.lock:
            self.counts[kind] += 1

    def cli(self, until):
        while time.monotonic() < until:
            start = time.monotonic()
            r = rs.run([rs.SEARCH_TOOL, "--db", str(self.db), "--format", "json", "--all-answers", "--per-page", "100",
                        "--no-spelling", "--no-synonyms", WORD])
            end = time.monotonic()
            if r.code != 0:
                self.fail(f"cli: exit {r.code}: {r.err_text[-300:]}")
                continue
            self.check("cli", start, end, [h["answer_id"] for h in json.loads(r.out)["results"]])

    def batch(self, until):
        p = subprocess.Popen([rs.SEARCH_TOOL, "--db", str(self.db), "--batch", "-", "--format", "json",
                              "--all-answers", "--per-page", "100", "--no-spelling", "--no-synonyms"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        n = 0
        while time.monotonic() < until:
            n += 1
            start = time.monotonic()
            p.stdin.write(f"q{n}\t{WORD}\n".encode())
            p.stdin.flush()
            line = p.stdout.readline()
            end = time.monotonic()
            if not line:
                self.fail(f"batch: the process ended: {p.stderr.read().decode(errors='replace')[-300:]}")
                return
            self.check("batch", start, end, [h["answer_id"] for h in json.loads(line)["results"]])
        p.stdin.close()
        err = p.stderr.read().decode(errors="replace")
        if p.wait() != 0:
            self.fail(f"batch: exit {p.returncode}: {err[-300:]}")

    def cgi(self, until):
        while time.monotonic() < until:
            start = time.monotonic()
            r = self.server.get(f"{web.QADEX}?q={quote(WORD)}&format=json&per_page=100")
            end = time.monotonic()
            if r.status != 200:
                self.fail(f"cgi: HTTP {r.status}: {r.body[:300]!r}")
                continue
            self.check("cgi", start, end, [h["answer_id"] for h in json.loads(r.body)["results"]], threads_only=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=8, help="how long the searches run (default 8)")
    parser.add_argument("--seed", type=int, default=int(os.environ.get("QADEX_TEST_SEED", "8")))
    args = parser.parse_args()
    if not web.LIGHTTPD:
        print("lighttpd is missing (scripts/install-deps --test)")
        return 1
    out = web.output_dir("reliability_concurrency")
    db = out / "db"
    web.build_database(db, web.SOURCE_DIR / "corpus")
    history = History()
    churn = Churn(db, history, args.seed)
    for _ in range(POOL[0]):
        churn.step()
    start = time.monotonic()
    with web.Server(out, db) as server:
        searchers = Searchers(db, server, history)
        until = time.monotonic() + args.seconds
        workers = [threading.Thread(target=f, args=(until,)) for f in (searchers.cli, searchers.batch, searchers.cgi)]
        for w in workers:
            w.start()
        lock_checked = False
        while time.monotonic() < until:
            churn.step()
            if not lock_checked and time.monotonic() > until - args.seconds / 2:
                churn.second_writer(web.SOURCE_DIR / "corpus" / "threads.jsonl")
                lock_checked = True
        for w in workers:
            w.join()
        log = server.error_log()
    failures = churn.failures + searchers.failures
    for code, err, first_code, first_err in churn.lock_checks:
        if code != LOCKED or "locked" not in err:
            failures.append(f"second writer: exit {code} ({err.strip()}), expected {LOCKED} and a lock message")
        if first_code != 0:
            failures.append(f"first writer exited {first_code}: {first_err}")
    if not churn.lock_checks:
        failures.append("the second writer was never tried")
    rs.assert_no_sanitizer_report(log, "in the CGI's error log")
    if min(searchers.counts.values()) == 0 or history.runs < 10:
        failures.append(f"too little happened: {searchers.counts}, {history.runs} indexer runs")
    summary = {"seconds": round(time.monotonic() - start, 1), "searches": searchers.counts,
               "failed_searches": len(searchers.failures), "indexer_runs": history.runs,
               "answers_removed": len(history.removed), "second_writer_exit": [c[0] for c in churn.lock_checks],
               "load_average": os.getloadavg()[0]}
    print("RESULT " + json.dumps(summary), flush=True)
    for f in failures[:20]:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
