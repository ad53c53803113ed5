#!/usr/bin/env python3
"""Crash safety (issue 8): qadex-index is kill -9'd at random points on a
generated corpus, half of the time with small batches so that kills land
near commits. After every kill:

- xapian-check passes on the database;
- the database holds exactly the first N threads of the input, N never
  going down (the writer commits whole threads, in input order): its own
  counts give N and the answers of N threads, every sampled thread below N
  is found with all its answers by a word only it has, thread N by nothing;
- a killed fresh build (shards, then a merge) leaves no database or a
  complete one, and a killed --rebuild leaves the old database in place;
- piped input (`-`, sent at a slow, uneven pace and then left open, into
  the database or into a new one): every thread the indexer acknowledged as
  committed ("N threads committed", --verbose) before the kill is there,
  and a pause of the pipe gets everything sent so far acknowledged.

At the end an uninterrupted re-run completes and the database's counts equal
those of a run that was never interrupted.

    test_reliability_kill.py                       # the short CTest version
    test_reliability_kill.py --kills 200 --threads 20000   # the long run (scripts/reliability)
"""
import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import reliability_support as rs  # noqa: E402


class Harness:
    def __init__(self, work, thread_count, seed):
        self.work = Path(work)
        self.rng = random.Random(seed)
        self.input = self.work / "input.jsonl"
        expected = rs.make_corpus(self.input, thread_count, seed)
        self.ids = list(expected)
        self.answers_before = [0]  # answers in the first N threads
        for tid in self.ids:
            self.answers_before.append(self.answers_before[-1] + len(expected[tid]))
        self.expected = expected
        self.db = self.work / "db"
        self.committed = 0           # N after the last check
        self.kills = {"update-small-batches": 0, "update-large-batches": 0, "fresh-build": 0, "rebuild": 0,
                      "pipe": 0}
        self.pipe_acknowledged = 0   # threads acknowledged as committed, summed over the pipe kills
        self.seconds = {}            # mode -> duration of an uninterrupted run
        self.checks = 0
        self.resets = 0
        self.searches = 0

    # -------------------------------------------------------------- runs
    def command(self, mode, db):
        args = [rs.INDEX_TOOL, "--db", str(db), "--quiet", "--no-progress"]
        if mode == "update-small-batches":
            args += ["--batch-size", str(self.rng.randint(1, 20))]
        elif mode == "update-large-batches":
            args += ["--batch-size", str(self.rng.choice([100, 500, 1000, 5000]))]
        elif mode == "rebuild":
            args += ["--rebuild"]
        args += ["--threads", str(self.rng.choice([1, 2, 3]))] if mode != "fresh-build" else ["--threads", "2"]
        return args + [str(self.input)]

    def calibrate(self):
        """Times one uninterrupted run per mode (kill points are drawn within
        it) and records the counts a never-interrupted run gives."""
        ref = self.work / "reference"
        r = rs.run([rs.INDEX_TOOL, "--db", str(ref), "--quiet", "--threads", "2", str(self.input)])
        rs.require(r.code == 0, f"reference run exited {r.code}: {r.err_text}")
        self.seconds["fresh-build"] = r.seconds
        self.reference = rs.stats(ref)
        rs.require(self.reference["threads"] == len(self.ids), f"reference: {self.reference}")
        rs.require(self.reference["answers"] == self.answers_before[-1], f"reference: {self.reference}")
        self.seconds["rebuild"] = r.seconds
        for mode in ("update-small-batches", "update-large-batches"):
            scratch = self.work / f"calibrate-{mode}"
            rs.index(scratch, "--threads", "1", "--quiet", "--no-spelling", "-")  # an existing, empty database
            r = rs.run(self.command(mode, scratch))
            rs.require(r.code == 0, f"{mode} run exited {r.code}: {r.err_text}")
            rs.require(rs.stats(scratch) == self.reference, f"{mode}: {rs.stats(scratch)} != {self.reference}")
            self.seconds[mode] = r.seconds
            shutil.rmtree(scratch)
        shutil.rmtree(ref)
        # The database under test starts empty but existing, so updates commit batch by batch.
        r = rs.index(self.db, "--quiet", "-")
        rs.require(r.code == 0, r.err_text)

    def run_and_kill(self, mode, db):
        """Starts the indexer, kill -9s it after a random delay; True if it
        was still running (a real kill), False if it had already finished."""
        delay = self.rng.uniform(0.0, self.seconds[mode] * 1.05)
        with open(self.work / "indexer.err", "wb") as err:
            p = subprocess.Popen(self.command(mode, db), stdout=subprocess.DEVNULL, stderr=err)
            try:
                p.wait(delay)
                killed = False
            except subprocess.TimeoutExpired:
                p.send_signal(signal.SIGKILL)
                p.wait()
                killed = True
        if not killed:
            text = (self.work / "indexer.err").read_text(errors="replace")
            rs.require(p.returncode == 0, f"{mode}: indexer exited {p.returncode}: {text}")
        return killed

    def run_pipe_and_kill(self, db):
        """Sends the first lines of the input through a pipe in uneven bursts,
        leaves the pipe open, and kill -9s the indexer: at a random moment, or
        once it has acknowledged every thread sent (a pause commits them
        within 2 s). Returns the threads it acknowledged as committed."""
        lines = self.input.read_bytes().splitlines(keepends=True)
        sent = self.rng.randint(1, len(lines))
        args = [rs.INDEX_TOOL, "--db", str(db), "--verbose", "--no-progress",
                "--batch-size", str(self.rng.choice([1, 7, 50, 1000])), "--threads", str(self.rng.choice([1, 2, 3])), "-"]
        p = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        acked = [0]
        log = []

        def read_acknowledgements():
            for raw in p.stderr:
                line = raw.decode("utf-8", "replace")
                log.append(line)
                if line.startswith("qadex-index: ") and line.endswith(" committed\n"):
                    acked[0] = int(line.split()[1].replace(",", ""))
        reader = threading.Thread(target=read_acknowledgements)
        reader.start()
        i = 0
        while i < sent:
            burst = self.rng.randint(1, 40)
            p.stdin.write(b"".join(lines[i:min(sent, i + burst)]))
            p.stdin.flush()
            i += burst
            time.sleep(self.rng.uniform(0, 0.02))
        wait_for_all = self.kills["pipe"] % 2 == 0  # every other pipe kill, the first included
        if wait_for_all:
            deadline = time.monotonic() + 60
            while acked[0] < sent and time.monotonic() < deadline and p.poll() is None:
                time.sleep(0.02)
            rs.require(acked[0] == sent, f"pipe paused after {sent} threads: only {acked[0]} acknowledged: {''.join(log)}")
        else:
            time.sleep(self.rng.uniform(0, 3))
        rs.require(p.poll() is None, f"the indexer ended with the pipe open (exit {p.returncode}): {''.join(log)}")
        p.send_signal(signal.SIGKILL)
        p.wait()
        reader.join()
        p.stdin.close()
        return acked[0]

    def pipe_cycle(self):
        if self.rng.random() < 0.3:  # a new database: one writer, committing as it reads
            fresh = self.work / "fresh-pipe"
            acked = self.run_pipe_and_kill(fresh)
            if acked:
                self.check_prefix(fresh, acked)
            for leftover in self.work.glob("fresh-pipe*"):
                shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
        else:
            acked = self.run_pipe_and_kill(self.db)
            self.committed = self.check_prefix(self.db, max(self.committed, acked))
        self.pipe_acknowledged += acked
        return True

    # ------------------------------------------------------------ checks
    def check_prefix(self, db, at_least):
        """The database holds exactly the first N threads, N >= at_least; returns N."""
        rs.xapian_check(db)
        s = rs.stats(db)
        n = s["threads"]
        rs.require(n >= at_least, f"committed threads went from {at_least} down to {n}")
        rs.require(s["answers"] == self.answers_before[n],
                   f"{n} threads but {s['answers']} answers (expected {self.answers_before[n]}): a thread is half-indexed")
        sample = {n - 1, 0, at_least - 1, *self.rng.sample(range(max(n, 1)), min(n, 40))} if n else set()
        queries = {str(i): rs.marker(i) for i in sample if 0 <= i < n}
        if n < len(self.ids):
            queries[str(n)] = rs.marker(n)  # the first thread not committed
        r, found = rs.batch_search(db, queries)
        rs.require(r.code == 0, f"search exited {r.code}: {r.err_text}")
        self.searches += len(queries)
        for qid, hits in found.items():
            i = int(qid)
            want = sorted(self.expected[self.ids[i]]) if i < n else []
            rs.require(sorted(hits) == want, f"thread {i} (of {n} committed): found {hits}, expected {want}")
        self.checks += 1
        return n

    def cycle(self, mode):
        if mode == "pipe":
            return self.pipe_cycle()
        if mode == "fresh-build":
            fresh = self.work / "fresh"
            killed = self.run_and_kill(mode, fresh)
            if fresh.exists():  # the merge finished: complete, never partial
                rs.require(self.check_prefix(fresh, 0) == len(self.ids), "a fresh build appeared incomplete")
            # The next run must not trip over what the killed one left (shards, lock).
            r = rs.run(self.command(mode, fresh))
            rs.require(r.code == 0, f"re-run after a killed fresh build exited {r.code}: {r.err_text}")
            rs.require(rs.stats(fresh) == self.reference, f"fresh re-run: {rs.stats(fresh)} != {self.reference}")
            for leftover in self.work.glob("fresh*"):
                shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
            return killed
        if self.committed == len(self.ids) and mode != "rebuild" and self.rng.random() < 0.7:
            # Everything is in: start again from an empty database, so that
            # most kills land while committed threads are still being added
            # (the others replace threads, each of which must stay whole).
            shutil.rmtree(self.db)
            rs.require(rs.index(self.db, "--quiet", "-").code == 0, "cannot create an empty database")
            self.committed = 0
            self.resets += 1
        before = rs.stats(self.db)
        killed = self.run_and_kill(mode, self.db)
        n = self.check_prefix(self.db, self.committed)
        if mode == "rebuild" and killed:
            rs.require(rs.stats(self.db) == before or n == len(self.ids),
                       f"a killed --rebuild changed the database: {before} -> {rs.stats(self.db)}")
        self.committed = n
        return killed

    def finish(self):
        r = rs.run(self.command("update-large-batches", self.db))
        rs.require(r.code == 0, f"final re-run exited {r.code}: {r.err_text}")
        rs.require(self.check_prefix(self.db, self.committed) == len(self.ids), "final re-run incomplete")
        final = rs.stats(self.db)
        rs.require(final == self.reference, f"after the kills: {final}; never interrupted: {self.reference}")
        return final


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=6, help="kill -9s to land (default 6)")
    parser.add_argument("--threads", type=int, default=400, help="threads in the generated input (default 400)")
    parser.add_argument("--seed", type=int, default=int(os.environ.get("QADEX_TEST_SEED", "8")))
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args()
    if not rs.XAPIAN_CHECK:
        print("xapian-check is missing (Debian package xapian-tools)")
        return 1
    work = tempfile.mkdtemp(prefix="qadex-kill-")
    start = time.monotonic()
    h = Harness(work, args.threads, args.seed)
    h.calibrate()
    print(f"calibrated: {json.dumps({k: round(v, 2) for k, v in h.seconds.items()})} s per uninterrupted run", flush=True)
    kills = attempts = 0
    while kills < args.kills:
        # Half the kills with small batches, so that they land near commits;
        # a quarter on piped input.
        mode = "update-small-batches" if attempts % 2 == 0 else "pipe" if attempts % 4 == 1 else \
            h.rng.choice(["update-large-batches", "update-large-batches", "fresh-build", "rebuild"])
        attempts += 1
        if h.cycle(mode):
            kills += 1
            h.kills[mode] += 1
            if kills % 10 == 0 or args.kills <= 20:
                print(f"kill {kills}: {mode}, {h.committed} of {len(h.ids)} threads committed", flush=True)
    final = h.finish()
    summary = {"kills": kills, "kills_by_mode": h.kills, "runs_started": attempts, "input_threads": len(h.ids),
               "input_answers": h.answers_before[-1], "checks_passed": h.checks,
               "pipe_threads_acknowledged": h.pipe_acknowledged, "restarts_from_empty": h.resets, "marker_searches": h.searches,
               "final": final, "committed_threads_lost": 0, "seconds": round(time.monotonic() - start, 1),
               "load_average": os.getloadavg()[0]}
    print("RESULT " + json.dumps(summary), flush=True)
    if not args.keep:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
