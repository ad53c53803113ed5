#!/usr/bin/env python3
"""Inputs that used to hang the indexer (issue 21, "Inputs and requests that
hang or grow"): a FIFO or /dev/zero named as input (or as --synonyms),
standard input that is /dev/zero, a file with no newline in its first 64 MiB,
and a pipe that goes silent in the middle of an over-long line, each beside a
good input.

qadex-index must read only regular files (and `-`): a FIFO or device is
refused as `FILE: not a regular file (a FIFO)`, counted as a bad input
(exit 3), and the other inputs are indexed; a JSON Lines input with no
newline in its first 64 MiB is refused whole, naming it; and SIGTERM or
SIGINT ends a run blocked on a silent pipe at once, with exit 130 and what
was read committed. Every run here must end within HANG_SECONDS; one that
does not is killed and fails the test.

    test_reliability_input_hangs.py
"""
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

PARTIAL, INTERRUPTED = 3, 130  # exit_codes.hpp
HANG_SECONDS = 20  # far more than any of these runs needs (under ASan too); a hang is for ever
MIB = 1 << 20


class Indexer:
    """One qadex-index process whose standard input the test controls."""

    def __init__(self, work, name, args, stdin=subprocess.DEVNULL):
        self.err_path = work / f"{name}.err"
        self.err_file = open(self.err_path, "wb")
        self.proc = subprocess.Popen([rs.INDEX_TOOL, "--no-progress", *map(str, args)], stdin=stdin,
                                     stdout=subprocess.DEVNULL, stderr=self.err_file)

    def wait(self, seconds=HANG_SECONDS):
        """The exit code, or None (after killing it) when it did not end in time."""
        try:
            code = self.proc.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            code = None
        self.err_file.close()
        return code

    @property
    def err(self):
        return self.err_path.read_text(errors="replace")


def good_file(work, name, index):
    t = rs.make_thread(index, random.Random(index))
    path = work / name
    path.write_text(json.dumps(t) + "\n")
    return path, len(t["answers"])


def answers_in(db):
    return rs.stats(db)["answers"] if db.exists() else 0


def check(failures, what, condition, detail=""):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(f"{what}: {detail}")


def refused_inputs(work, failures):
    """A FIFO (named, and in a directory), /dev/zero behind a link, and /dev/zero as standard input."""
    good, good_answers = good_file(work, "good.jsonl", 1)
    fifo = work / "fifo.jsonl"
    os.mkfifo(fifo)
    in_dir = work / "dir"
    in_dir.mkdir()
    good_file(in_dir, "inside.jsonl", 2)
    os.mkfifo(in_dir / "pipe.jsonl")
    zero = work / "zero.jsonl"
    zero.symlink_to("/dev/zero")
    db = work / "refused-db"
    with open("/dev/zero", "rb") as dev_zero:
        start = time.monotonic()
        run = Indexer(work, "refused", ["--db", db, fifo, good, in_dir, zero, "-"], stdin=dev_zero)
        code = run.wait()
    seconds = time.monotonic() - start
    err = run.err
    rs.assert_no_sanitizer_report(err, "from qadex-index (refused inputs)")
    check(failures, f"a FIFO, /dev/zero and stdin from /dev/zero end the run (exit {code}, {seconds:.1f} s)",
          code == PARTIAL, f"exit {code} (None: still running after {HANG_SECONDS} s), expected {PARTIAL}: {err}")
    for message in (f"qadex-index: {fifo}: not a regular file (a FIFO)\n",
                    f"qadex-index: {in_dir / 'pipe.jsonl'}: not a regular file (a FIFO)\n",
                    f"qadex-index: {zero}: not a regular file (a character device)\n",
                    "qadex-index: <stdin>: no newline in the first 64 MiB (not JSON Lines); file skipped\n"):
        check(failures, f"message {message.strip()}", message in err, err)
    if code == PARTIAL:
        check(failures, "the good inputs beside them are indexed", rs.stats(db)["threads"] == 2, str(rs.stats(db)))
    return {"refused_inputs_seconds": round(seconds, 2)}


def synonyms_fifo(work, failures):
    """--synonyms naming a FIFO: an error naming it, not a run waiting for a writer."""
    fifo = work / "synonyms-fifo.txt"
    os.mkfifo(fifo)
    good, _ = good_file(work, "good3.jsonl", 7)
    run = Indexer(work, "synonyms", ["--db", work / "synonyms-db", "--synonyms", fifo, good])
    code = run.wait()
    err = run.err
    rs.assert_no_sanitizer_report(err, "from qadex-index (synonyms FIFO)")
    check(failures, f"--synonyms naming a FIFO is refused (exit {code})",
          code == 1 and f"qadex-index: {fifo}: cannot read synonyms file: not a regular file (a FIFO)\n" in err, err)


def no_newline_file(work, failures):
    """A regular file whose first 64 MiB hold no newline is refused whole (a sparse file: no disk used)."""
    binary = work / "binary.jsonl"
    with open(binary, "wb") as f:
        f.truncate(65 * MIB)
        f.seek(0, os.SEEK_END)
        t = rs.make_thread(3, random.Random(3))
        f.write(b"\n" + json.dumps(t).encode() + b"\n")  # not read: the file is not JSON Lines
    good, _ = good_file(work, "good2.jsonl", 4)
    db = work / "binary-db"
    run = Indexer(work, "binary", ["--db", db, binary, good])
    code = run.wait()
    err = run.err
    rs.assert_no_sanitizer_report(err, "from qadex-index (no newline)")
    check(failures, f"a file with no newline in its first 64 MiB is refused (exit {code})", code == PARTIAL, err)
    check(failures, "named as not JSON Lines",
          f"qadex-index: {binary}: no newline in the first 64 MiB (not JSON Lines); file skipped\n" in err, err)
    if code == PARTIAL:
        check(failures, "nothing after it in that file is read, the other file is", rs.stats(db)["threads"] == 1,
              str(rs.stats(db)))


def silent_pipe(work, failures, sig, over_long):
    """Standard input that goes silent (after one good line, and with
    `over_long` in the middle of a line longer than 64 MiB): the signal ends
    the run at once, and the good line is committed."""
    name = f"pipe-{signal.Signals(sig).name}-{'long' if over_long else 'plain'}"
    good, good_answers = good_file(work, f"{name}-file.jsonl", 5)
    db = work / f"{name}-db"
    run = Indexer(work, name, ["--db", db, "--verbose", "--batch-size", "1", good, "-"], stdin=subprocess.PIPE)
    line = json.dumps(rs.make_thread(6, random.Random(6))).encode() + b"\n"
    fed = threading.Event()

    def feed():
        try:
            run.proc.stdin.write(line)
            run.proc.stdin.flush()
            if over_long:
                chunk = b"x" * MIB
                for _ in range(65):
                    run.proc.stdin.write(chunk)
                run.proc.stdin.flush()
            fed.set()
        except (BrokenPipeError, ValueError):
            fed.set()

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    # Both threads are committed (piped input is committed within 2 s), then the pipe stays silent.
    deadline = time.monotonic() + HANG_SECONDS
    while time.monotonic() < deadline and "2 threads committed" not in run.err:
        time.sleep(0.05)
    fed.wait(HANG_SECONDS)
    time.sleep(0.3)  # in the middle of the over-long line, or waiting for the next line
    start = time.monotonic()
    run.proc.send_signal(sig)
    code = run.wait()
    seconds = time.monotonic() - start
    try:
        run.proc.stdin.close()
    except BrokenPipeError:
        pass
    err = run.err
    rs.assert_no_sanitizer_report(err, f"from qadex-index ({name})")
    check(failures, f"{name}: {signal.Signals(sig).name} ends the run (exit {code}, {seconds:.2f} s after the signal)",
          code == INTERRUPTED, f"exit {code} (None: still running after {HANG_SECONDS} s): {err}")
    if code == INTERRUPTED:
        check(failures, f"{name}: the summary says interrupted", "qadex-index: interrupted; 2 threads" in err, err)
        check(failures, f"{name}: what was read is committed", rs.stats(db)["threads"] == 2, str(rs.stats(db)))
    return seconds


def main():
    work = Path(tempfile.mkdtemp(prefix="qadex-input-hangs-"))
    failures = []
    figures = {}
    try:
        figures.update(refused_inputs(work, failures))
        no_newline_file(work, failures)
        synonyms_fifo(work, failures)
        for sig in (signal.SIGTERM, signal.SIGINT):
            for over_long in (False, True):
                key = f"{signal.Signals(sig).name}_{'over_long' if over_long else 'silent'}_seconds"
                figures[key] = round(silent_pipe(work, failures, sig, over_long), 2)
        print("RESULT " + json.dumps(figures))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for f in failures:
        print("FAIL:", f[:3000])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
