"""Shared pieces of the reliability tests (issue 8): where the tools are,
running them with their exit code, peak memory and time, a generated corpus
whose every thread can be found by a word of its own, and what a database
holds according to the tools themselves.

Every test here runs the real executables on real databases on disk.
"""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

SKIP = 77  # CTest SKIP_RETURN_CODE
SOURCE_DIR = Path(os.environ.get("QADEX_SOURCE_DIR", Path(__file__).resolve().parents[3]))
BUILD_DIR = Path(os.environ.get("QADEX_BUILD_DIR", SOURCE_DIR / "build"))
INDEX_TOOL = os.environ.get("QADEX_INDEX_TOOL", str(BUILD_DIR / "indexer" / "qadex-index"))
SEARCH_TOOL = os.environ.get("QADEX_SEARCH_TOOL", str(BUILD_DIR / "searcher" / "qadex-search"))
CGI_TOOL = os.environ.get("QADEX_CGI_TOOL", str(BUILD_DIR / "searcher" / "qadex.cgi"))
SHARED_DIR = Path(os.environ.get("QADEX_SHARED_DIR") or SOURCE_DIR.parent / "shared")
MEDQUAD = SHARED_DIR / "corpora" / "medquad.jsonl.gz"
XAPIAN_CHECK = shutil.which("xapian-check")

# A sanitizer report ends a process with a message on stderr (the tools are
# built with halt_on_error); seeing one is a failure wherever it appears.
SANITIZER_MARKS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:", "SUMMARY: UndefinedBehaviorSanitizer")


def sanitized_build():
    """True when the tools were built with ASan (their memory and speed differ)."""
    try:
        return b"__asan_init" in Path(INDEX_TOOL).read_bytes()
    except OSError:
        return False


@dataclass
class Run:
    code: int          # exit code, or 128 + signal number
    out: bytes
    err: bytes
    max_rss_kb: int    # peak resident memory of the process
    seconds: float     # wall time
    cpu_seconds: float = 0.0  # user + system time: what the run costs whatever else the machine does

    @property
    def err_text(self):
        return self.err.decode("utf-8", "replace")

    @property
    def out_text(self):
        return self.out.decode("utf-8", "replace")


def run(argv, stdin=b"", timeout=600, env=None):
    """Runs argv to completion; its own peak RSS comes from wait4(), not a guess."""
    start = time.monotonic()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as inp:
        inp.write(stdin)
        inp.seek(0)
        p = subprocess.Popen(argv, stdin=inp, stdout=out, stderr=err, env=env)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                p.kill()
                pid, status, usage = os.wait4(p.pid, 0)
                break
            time.sleep(0.002)
        p.returncode = 0  # reaped here: keep Popen from waiting again
        seconds = time.monotonic() - start
        code = os.waitstatus_to_exitcode(status)
        code = 128 - code if code < 0 else code
        out.seek(0)
        err.seek(0)
        return Run(code, out.read(), err.read(), usage.ru_maxrss, seconds, usage.ru_utime + usage.ru_stime)


def assert_no_sanitizer_report(text, what=""):
    for mark in SANITIZER_MARKS:
        if mark in text:
            raise AssertionError(f"sanitizer report {what}: {text[-3000:]}")


# ---------------------------------------------------------------- corpus

WORDS = ("botox filler laser peel scar acne rosacea eyelid droop swelling bruise nodule atrophy "
         "forehead cheek jaw chin lip collagen sunscreen retinol antiviral dermatitis allergy "
         "infection antibiotic surgeon clinic recovery week month dose injection muscle nerve "
         "vein blood pressure heart kidney liver fever pain headache nausea diabetes insulin").split()


def marker(i):
    """A word found only in thread i (no stem, no spelling neighbour matters:
    searches for markers run with --no-spelling --no-synonyms)."""
    return f"rmk{i:07d}z"


def thread_id(i):
    return f"rel-{i:07d}"


def make_thread(i, rng, version=None, answers=None, word=""):
    """Thread i: every answer carries the thread's marker, so that searching
    the marker with --all-answers finds exactly the answers the thread has.
    A version gives answer ids of their own (rel-i-v3-a0), so that a replaced
    thread's old answers are gone, not rewritten; `word` is added to each answer."""
    n = answers if answers is not None else 1 + rng.randrange(4)
    def text(k):
        return " ".join(rng.choice(WORDS) for _ in range(k))
    answer_prefix = thread_id(i) if version is None else f"{thread_id(i)}-v{version}"
    return {
        "id": thread_id(i),
        "title": f"{text(6)} {marker(i)}?",
        "question": text(30),
        "tags": [rng.choice(WORDS)],
        "source": "reliability",
        "answers": [{"id": f"{answer_prefix}-a{j}", "author": "Dr. Probe", "rating": 4.5,
                     "body": f"{text(60)} {marker(i)} {word}.\n\n{text(40)}"} for j in range(n)],
    }


def make_corpus(path, count, seed=8):
    """Writes `count` generated threads as JSON Lines; returns {thread id: answer ids}."""
    rng = random.Random(seed)
    expected = {}
    with open(path, "w", encoding="utf-8") as f:
        for i in range(count):
            t = make_thread(i, rng)
            expected[t["id"]] = [a["id"] for a in t["answers"]]
            f.write(json.dumps(t) + "\n")
    return expected


# ---------------------------------------------------------------- databases

def index(db, *args, **kw):
    return run([INDEX_TOOL, "--db", str(db), "--no-progress", *map(str, args)], **kw)


def stats(db):
    """{"answers": n, "threads": n, "terms": n} from `qadex-index --stats`."""
    r = index(db, "--stats")
    if r.code != 0:
        raise AssertionError(f"qadex-index --stats {db} exited {r.code}: {r.err_text}")
    out = {}
    for line in r.out_text.splitlines():
        name, _, value = line.partition(":")
        if name in ("answers", "threads", "terms"):
            out[name] = int(value.strip().split()[0])
    return out


def xapian_check(db):
    """xapian-check's verdict on the whole database (every table)."""
    r = run([XAPIAN_CHECK, str(db)])
    if r.code != 0 or b"No errors found" not in r.out:
        raise AssertionError(f"xapian-check {db} exited {r.code}: {r.out_text[-2000:]} {r.err_text[-2000:]}")


def batch_search(db, queries, per_page=100, extra=()):
    """Runs {qid: query} through one `qadex-search --batch`; returns
    (Run, {qid: [answer ids]}). Markers need no spelling or synonyms."""
    lines = "".join(f"{qid}\t{q}\n" for qid, q in queries.items()).encode()
    r = run([SEARCH_TOOL, "--db", str(db), "--batch", "-", "--format", "jsonl", "--all-answers",
             "--per-page", str(per_page), "--no-spelling", "--no-synonyms", *extra], stdin=lines)
    found = {qid: [] for qid in queries}
    for line in r.out.splitlines():
        hit = json.loads(line)
        found[hit["qid"]].append(hit["answer_id"])
    return r, found


def require(condition, message):
    if not condition:
        raise AssertionError(message)


def skip(reason):
    print(f"SKIPPED: {reason}")
    sys.exit(SKIP)
