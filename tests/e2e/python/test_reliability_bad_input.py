#!/usr/bin/env python3
"""Bad input (issue 8): a directory of hostile inputs generated here (none
is committed): truncated .jsonl and .jsonl.gz, invalid UTF-8, NUL bytes, a
100 MB single line, deeply nested JSON, wrong field types, duplicate ids in
one batch, binary files named .txt, empty files, unreadable files and
directories, symbolic link loops. Each good record sits between bad ones.

One qadex-index run over all of it must: end with exit code 3 (finished,
some inputs skipped), not crash (no signal, no sanitizer report), report each
bad input as `FILE:LINE: reason` or `FILE: reason`, index every good
record around them (each found by a word of its own), and keep its peak
memory bounded (the longest line read is 64 MiB, docs/FORMATS.md).

    test_reliability_bad_input.py [--keep]
"""
import argparse
import gzip
import json
import os
import random
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import reliability_support as rs  # noqa: E402

PARTIAL = 3  # exit_codes.hpp: some inputs were skipped as bad
# Peak RSS allowed for the whole run, 100 MB line included: the reader keeps
# at most 64 MiB of one line (it grows a std::string, so up to twice that).
MAX_RSS_MB = 400
MAX_RSS_MB_SANITIZED = 1200  # ASan's shadow memory and quarantine


class Corpus:
    """Writes the hostile files; remembers good threads and expected messages."""

    def __init__(self, root):
        self.root = Path(root)
        self.rng = random.Random(8)
        self.n = 0
        self.good = {}       # thread id -> answer ids, all must be indexed
        self.expected = []   # (file name, line or None, regex on the reason)
        self.notes = []

    def thread(self, **overrides):
        t = rs.make_thread(self.n, self.rng, version=None)
        self.n += 1
        t.update(overrides)
        return t

    def good_line(self):
        t = self.thread()
        self.good[t["id"]] = [a["id"] for a in t["answers"]]
        return json.dumps(t).encode() + b"\n"

    def write(self, name, data, mode=None):
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        if mode is not None:
            path.chmod(mode)
        return path

    def expect(self, name, line, reason):
        self.expected.append((name, line, reason))

    def build(self):
        g = self.good_line
        # Truncated JSON Lines: the last record stops in the middle.
        cut = json.dumps(self.thread()).encode()[:150]
        self.write("truncated.jsonl", g() + g() + cut)
        self.expect("truncated.jsonl", 3, r"invalid JSON")
        # Truncated gzip: the records before the damage are kept.
        lines = [g() for _ in range(30)]
        whole = gzip.compress(b"".join(lines) + b"".join(json.dumps(self.thread()).encode() + b"\n"
                                                         for _ in range(30)))
        self.write("truncated.jsonl.gz", whole[: len(whole) * 2 // 3])
        self.expect("truncated.jsonl.gz", None, r"truncated compressed data|corrupt compressed data")
        # Bytes that are not UTF-8, in a value and as the whole line.
        bad = json.dumps(self.thread()).encode().replace(b'"title": "', b'"title": "\xff\xfe\xc3(', 1)
        self.write("invalid-utf8.jsonl", g() + bad + b"\n" + b"\xc0\xaf\xed\xa0\x80\n" + g())
        self.expect("invalid-utf8.jsonl", 2, r"invalid UTF-8")
        self.expect("invalid-utf8.jsonl", 3, r"invalid UTF-8")
        # A raw NUL byte inside a string, and a line of NULs.
        nul = json.dumps(self.thread()).encode().replace(b'"title": "', b'"title": "a\x00b', 1)
        self.write("nul.jsonl", g() + nul + b"\n" + b"\x00" * 100 + b"\n" + g())
        self.expect("nul.jsonl", 2, r"invalid JSON|control character")
        self.expect("nul.jsonl", 3, r"invalid JSON")
        # A 100 MB line between two good ones (a valid JSON string, so only its length is wrong).
        with open(self.root / "huge-line.jsonl", "wb") as f:
            f.write(g())
            f.write(b'{"id": "huge", "answers": [], "title": "')
            block = b"lorem ipsum " * 87381  # ~1 MiB
            for _ in range(100):
                f.write(block)
            f.write(b'"}\n')
            f.write(g())
        self.expect("huge-line.jsonl", 2, r"line longer than 64 MiB")
        # Deep nesting: an array a million deep, an object 5,000 deep in an unknown field.
        deep_object = json.dumps(self.thread())[:-1] + ', "extra": ' + '{"a": ' * 5000 + "1" + "}" * 5000 + "}"
        self.write("nested.jsonl", g() + b"[" * 1000000 + b"]" * 1000000 + b"\n" + deep_object.encode() + b"\n" + g())
        self.expect("nested.jsonl", 2, r"nested deeper than")
        self.expect("nested.jsonl", 3, r"nested deeper than")
        # Wrong field types, one per line, good records between them.
        wrong = [
            ({"id": 12.5}, r"field 'id' must be a string"),
            ({"answers": "none"}, r"field 'answers' must be an array"),
            ({"tags": {"a": 1}}, r"field 'tags' must be an array"),
            ({"title": ["x"]}, r"field 'title' must be a string"),
            ({"date": 20240101}, r"field 'date' must be a date YYYY-MM-DD"),
            ({"date": True}, r"field 'date' must be a string"),
            ({"answers": [{"id": "x-a1", "body": None}]}, r"missing required field 'body'"),
            ({"answers": [{"id": "x-a1", "body": "b", "rating": "five"}]}, r"field 'rating' must be a number"),
            ({"answers": [{"id": "x-a1", "body": "b", "reviews": -3}]}, r"field 'reviews' must not be negative"),
            ({"answers": [7]}, r"must be an object"),
        ]
        data = g()
        for k, (fields, reason) in enumerate(wrong):
            data += json.dumps(self.thread(**fields)).encode() + b"\n" + g()
            self.expect("wrong-types.jsonl", 2 + 2 * k, reason)
        data += b"[1, 2, 3]\n" + b'"just a string"\n' + g()
        self.expect("wrong-types.jsonl", 2 + 2 * len(wrong), r"must be a JSON object")
        self.expect("wrong-types.jsonl", 3 + 2 * len(wrong), r"must be a JSON object")
        self.write("wrong-types.jsonl", data)
        # Duplicate ids in one batch: the same thread twice (the later wins),
        # an answer id twice in one thread (an error), an answer id that
        # another thread holds (an error: the thread holding it keeps it).
        first = self.thread(answers=[{"id": "dup-a1", "body": "first version dupmarkone"}], id="dup-thread")
        second = dict(first, answers=[{"id": "dup-a2", "body": "second version dupmarktwo"}])
        twice = self.thread(answers=[{"id": "same-a", "body": "x"}, {"id": "same-a", "body": "y"}])
        mover = self.thread(id="mover-2", answers=[{"id": "dup-a2", "body": "moved dupmarkthree"}])
        self.write("duplicates.jsonl", b"".join(json.dumps(t).encode() + b"\n" for t in (first, second, twice, mover)))
        self.expect("duplicates.jsonl", 3, r"answer id 'same-a' appears twice")
        self.expect("duplicates.jsonl", 4, r"answer id 'dup-a2' already belongs to thread 'dup-thread'")
        self.good["dup-thread"] = ["dup-a2"]  # its second version, which mover-2 cannot take dup-a2 from
        # Binary data named .txt, one with NUL bytes and one without.
        self.write("pages/binary.txt", bytes(self.rng.randrange(256) for _ in range(20000)))
        self.expect("pages/binary.txt", "any", r"not UTF-8|NUL byte")
        self.write("pages/zeros.txt", b"\x00" * 5000)
        self.expect("pages/zeros.txt", "any", r"NUL byte")
        self.write("pages/elf.txt", Path(rs.INDEX_TOOL).read_bytes()[:200000])
        self.expect("pages/elf.txt", "any", r"not UTF-8|NUL byte")
        # Empty files: an empty page is an error; empty JSON Lines hold no record.
        self.write("empty.jsonl", b"")
        self.write("empty.jsonl.gz", b"")
        self.write("pages/empty.txt", b"")
        self.expect("pages/empty.txt", "any", r".")
        self.write("blank.jsonl", b"\n\n   \n")
        # A gzip file that is not gzip at all, and a .jsonl that is gzip.
        self.write("not-gzip.jsonl.gz", g() + g())  # zlib reads plain data transparently: both indexed
        self.write("gzip-named-plain.jsonl", gzip.compress(g()))  # the same, the other way round
        # Symbolic link loops: a link to its own directory (not followed) and
        # links that point at each other.
        (self.root / "pages" / "loop").symlink_to("..")
        (self.root / "a.jsonl").symlink_to("b.jsonl")
        (self.root / "b.jsonl").symlink_to("a.jsonl")
        self.expect("a.jsonl", None, r"Too many levels of symbolic links")
        self.expect("b.jsonl", None, r"Too many levels of symbolic links")
        (self.root / "dangling.jsonl").symlink_to("no-such-file.jsonl")
        self.expect("dangling.jsonl", None, r"cannot read")
        # A directory with a JSON Lines name.
        (self.root / "dir.jsonl").mkdir()
        # The good pages and records the bad ones sit among.
        self.write("zz-good.jsonl", b"".join(g() for _ in range(20)))


def check_unreadable(work, failures, notes):
    """An unreadable file and directory among readable input. chmod 000 does
    not stop root, so as root the indexer runs as nobody (setpriv); where
    that is impossible the case is reported as not tested, not passed."""
    root = work / "unreadable"
    (root / "locked-dir").mkdir(parents=True)
    rng = random.Random(9)
    good = rs.make_thread(1, rng)
    (root / "ok.jsonl").write_text(json.dumps(good) + "\n")
    (root / "unreadable.jsonl").write_text(json.dumps(rs.make_thread(2, rng)) + "\n")
    (root / "locked-dir" / "inside.jsonl").write_text(json.dumps(rs.make_thread(3, rng)) + "\n")
    (root / "unreadable.jsonl").chmod(0o000)
    (root / "locked-dir").chmod(0o000)
    db_parent = work / "unreadable-db"
    db_parent.mkdir()
    for d in (work, root, db_parent):
        d.chmod(0o777)
    prefix = []
    if os.geteuid() == 0:
        probe = rs.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "cat", str(root / "ok.jsonl")]) \
            if shutil.which("setpriv") else None
        if probe is None or probe.code != 0:
            notes.append("running as root without setpriv: unreadable inputs NOT tested")
            return
        prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        notes.append("running as root: the unreadable inputs were read by qadex-index running as nobody")
    db = db_parent / "db"
    r = rs.run(prefix + [rs.INDEX_TOOL, "--db", str(db), "--no-progress", str(root)])
    rs.assert_no_sanitizer_report(r.err_text, "from qadex-index (unreadable inputs)")
    if r.code != PARTIAL:
        failures.append(f"unreadable inputs: exit {r.code}, expected {PARTIAL}: {r.err_text}")
    for name, reason in (("unreadable.jsonl", "cannot open: Permission denied"),
                         ("locked-dir", "cannot read directory: Permission denied")):
        if f"qadex-index: {root / name}: {reason}" not in r.err_text:
            failures.append(f"unreadable inputs: no '{name}: {reason}' in: {r.err_text}")
    if r.code == PARTIAL and rs.stats(db)["threads"] != 1:
        failures.append(f"unreadable inputs: the readable thread was not indexed alone: {rs.stats(db)}")
    (root / "locked-dir").chmod(0o700)
    (root / "unreadable.jsonl").chmod(0o600)


def matches(line, root, name, number, reason):
    prefix = re.escape(str(root / name))
    if number is None:
        pattern = rf"^qadex-index: {prefix}(:\d+)?: .*({reason})"
    elif number == "any":
        pattern = rf"^qadex-index: {prefix}(:\d+)?: .*({reason})"
    else:
        pattern = rf"^qadex-index: {prefix}:{number}: .*({reason})"
    return re.search(pattern, line) is not None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="qadex-bad-input-"))
    failures = []
    try:
        corpus = Corpus(work / "in")
        corpus.build()
        db = work / "db"
        r = rs.index(db, "--threads", "2", "--batch-size", "7", work / "in")
        err = r.err_text
        rs.assert_no_sanitizer_report(err, "from qadex-index")
        if r.code != PARTIAL:
            failures.append(f"qadex-index exited {r.code}, expected {PARTIAL}: {err[-2000:]}")
        lines = err.splitlines()
        for name, number, reason in corpus.expected:
            if not any(matches(line, work / "in", name, number, reason) for line in lines):
                failures.append(f"no message '{name}:{number}: {reason}' in:\n" + "\n".join(lines))
        for line in lines:  # every message names a file (or it is the summary line)
            if not re.match(rf"^qadex-index: ({re.escape(str(work / 'in'))}/\S+?(:\d+)?: \S|interrupted|\d)", line):
                failures.append(f"a message without FILE: or FILE:LINE: {line}")
        limit = MAX_RSS_MB_SANITIZED if rs.sanitized_build() else MAX_RSS_MB
        if r.max_rss_kb > limit * 1024:
            failures.append(f"peak memory {r.max_rss_kb // 1024} MB over {limit} MB")
        queries = {tid: rs.marker(int(tid.split("-")[1])) for tid in corpus.good if tid.startswith("rel-")}
        queries["dup-thread"] = "dupmarktwo"
        queries["dup-gone"] = "dupmarkone"  # replaced within the batch by its second version
        queries["mover-gone"] = "dupmarkthree"  # skipped: its answer id is dup-thread's
        s, found = rs.batch_search(db, queries)
        if s.code != 0:
            failures.append(f"search exited {s.code}: {s.err_text}")
        for tid, want in corpus.good.items():
            if sorted(found.get(tid, [])) != sorted(want):
                failures.append(f"good thread {tid}: found {found.get(tid)}, expected {want}")
        if found["dup-gone"]:
            failures.append(f"the first version of a thread replaced within its batch is still found: {found['dup-gone']}")
        if found["mover-gone"]:
            failures.append(f"a thread reusing another thread's answer id was indexed: {found['mover-gone']}")
        rs.xapian_check(db)
        check_unreadable(work, failures, corpus.notes)
        print("RESULT " + json.dumps({"inputs": len(list((work / "in").rglob("*"))), "messages": len(lines),
                                      "good_threads": len(corpus.good), "peak_rss_mb": r.max_rss_kb // 1024,
                                      "seconds": round(r.seconds, 2), "notes": corpus.notes}))
        print(err[:3000])
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    for f in failures[:30]:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
