#!/usr/bin/env python3
"""Databases and locks (issue 21), the indexer's side, with the real
qadex-index on real databases:

- a database with bytes flipped in postlist.glass is refused before anything
  is written to it (exit 10, naming the database and the file), also by
  --stats; damage met only while writing stops the run without a commit;
  a damaged shard is named; --rebuild replaces a damaged database;
- a second --rebuild, however it spells PATH, leaves the running one's
  PATH.rebuild alone and exits 4;
- SIGTERM during --rebuild removes the partial rebuild, and the summary
  says the database is unchanged, never "added";
- a fresh --shards build is invisible until it is complete (searchers find
  no database, then the whole index), and SIGINT puts in what it finished;
- a read-only database directory is a permission error, not a lock; a text
  file at --db is not called a stub file.

(A full disk during --rebuild: test_reliability_disk_full.py.)

    test_reliability_databases.py [-v]
"""
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import reliability_support as rs  # noqa: E402

LOCKED, DAMAGED, INTERRUPTED = 4, 10, 130  # exit_codes.hpp
BLOCK = 8192  # glass's default block size, which qadex-index does not change
LAST_WORD = "zzzzzzlast"      # after every other key of postlist.glass: in its last leaf block
MIDDLE_WORD = "aaaaaamiddle"  # among the terms, far from the first and the last leaf


def break_leaves_holding(table, needle):
    """Flips the directory-end field of every leaf block of `table` that holds
    `needle`, as a flipped byte on disk would: Xapian reads such a block as
    damaged ("dir_end invalid in block N"). Returns the blocks broken."""
    data = bytearray(Path(table).read_bytes())
    broken = []
    for start in range(0, len(data), BLOCK):
        block = data[start:start + BLOCK]
        if block[4] == 0 and needle.encode() in block:  # byte 4: the level, 0 for a leaf
            data[start + 9:start + 11] = b"\xff\xff"
            broken.append(start // BLOCK)
    Path(table).write_bytes(bytes(data))
    return broken


def snapshot(db):
    """Every file of a database directory (or sharded index) and its bytes."""
    return {str(p.relative_to(db)): p.read_bytes() for p in sorted(Path(db).rglob("*")) if p.is_file()}


def thread(i, words=""):
    t = rs.make_thread(i, random.Random(i), answers=2)
    t["answers"][0]["body"] += " " + words
    return t


def write_threads(path, threads):
    Path(path).write_text("".join(json.dumps(t) + "\n" for t in threads))
    return path


def index(db, *args, stdin=b""):
    r = rs.index(db, *args, stdin=stdin)
    rs.assert_no_sanitizer_report(r.err_text, "from qadex-index")
    return r


def start(db, *args):
    """qadex-index reading standard input from a pipe the test writes to."""
    return subprocess.Popen([rs.INDEX_TOOL, "--db", str(db), "--no-progress", *map(str, args), "-"],
                            stdin=subprocess.PIPE, stderr=subprocess.PIPE)


def end(p, stop=None):
    """Sends `stop` (a signal: the pipe stays open, so only the signal can end
    the run) or closes the pipe; returns (exit code, stderr)."""
    if stop:
        p.send_signal(stop)
    else:
        p.stdin.close()
    try:
        code = p.wait(timeout=120)
    except subprocess.TimeoutExpired:
        p.kill()
        code = p.wait()
    if stop:
        p.stdin.close()
    err = p.stderr.read().decode()
    p.stderr.close()
    return code, err


def shard_bytes(index):
    """The size of a sharded index's shards: it grows with each commit."""
    return sum(p.stat().st_size for p in Path(index).glob("shard-*/*.glass"))


def wait_for(condition, seconds=20):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.02)
    return False


class Databases(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.built = Path(tempfile.mkdtemp(prefix="qadex-databases-built-"))
        # 150 threads by one writer (-j1: not compacted), so that postlist.glass
        # has many leaf blocks; thread 0 holds the first and last words. Built
        # once, as one database and as 2 shards; each test damages a copy.
        cls.corpus = write_threads(cls.built / "corpus.jsonl",
                                   [thread(0, f"{LAST_WORD} {MIDDLE_WORD}")] + [thread(i) for i in range(1, 150)])
        for name, args in (("db", []), ("sharded", ["--shards", "2"])):
            r = index(cls.built / name, "-j1", *args, cls.corpus)
            if r.code != 0:
                raise AssertionError(f"building {name}: exit {r.code}: {r.err_text}")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.built, ignore_errors=True)

    def setUp(self):
        self.work = Path(tempfile.mkdtemp(prefix="qadex-databases-"))
        self.new = write_threads(self.work / "new.jsonl", [thread(500)])
        self.synonyms = self.work / "synonyms.txt"
        self.synonyms.write_text("botox, botulinum toxin\n")

    def tearDown(self):
        shutil.rmtree(self.work, ignore_errors=True)

    def build(self, name, kind="db"):
        """A copy of the database built once (`kind`: "db" or "sharded")."""
        db = self.work / name
        shutil.copytree(self.built / kind, db)
        return db

    def assert_damage_reported(self, r, damaged, detail, consequence, db=None):
        self.assertEqual(r.code, DAMAGED, r.err_text)
        lines = r.err_text.splitlines()
        self.assertRegex(lines[0], rf"^qadex-index: '{re.escape(str(damaged))}' is damaged \({detail}\); {consequence}$")
        self.assertEqual(lines[1], f"qadex-index: rebuild the index from its inputs (qadex-index --rebuild --db "
                                   f"'{db or damaged}' INPUT...) or restore a copy; xapian-check '{damaged}' lists the damage")

    def test_a_damaged_database_is_refused_before_anything_is_written(self):
        # The last leaf of the terms, and the first leaf (metadata: the schema version).
        for needle in (LAST_WORD, "qadex.schema_version"):
            db = self.build(f"db-{needle}")
            self.assertTrue(break_leaves_holding(db / "postlist.glass", needle))
            before = snapshot(db)
            for args in ([self.new], ["--delete", rs.thread_id(3)], ["-j2", "--synonyms", self.synonyms]):
                with self.subTest(needle=needle, args=args):
                    r = index(db, *args)
                    self.assert_damage_reported(r, db, r"postlist\.glass: dir_end invalid in block \d+",
                                                "nothing was written to it")
                    self.assertEqual(snapshot(db), before)
            with self.subTest(needle=needle, args="--stats"):
                stats = index(db, "--stats")
                self.assert_damage_reported(stats, db, r"postlist\.glass: dir_end invalid in block \d+",
                                            "its counts cannot be read")
                self.assertEqual(stats.out, b"")
            # What the message says to do: --rebuild replaces it.
            with self.subTest(needle=needle, args="--rebuild"):
                r = index(db, "--rebuild", self.corpus)
                self.assertEqual(r.code, 0, r.err_text)
                self.assertEqual(rs.stats(db)["threads"], 150)
                if rs.XAPIAN_CHECK:
                    rs.xapian_check(db)

    def test_damage_met_while_writing_stops_the_run_before_it_commits(self):
        db = self.build("db")
        self.assertTrue(break_leaves_holding(db / "postlist.glass", MIDDLE_WORD))
        version = (db / "iamglass").read_bytes()  # rewritten by every commit
        r = index(db, write_threads(self.work / "middle.jsonl", [thread(501, MIDDLE_WORD)]))
        self.assert_damage_reported(r, db, r"dir_end invalid in block \d+",
                                    "the run stopped there, and what it had not committed was abandoned")
        self.assertEqual((db / "iamglass").read_bytes(), version)

    def test_a_damaged_shard_is_named(self):
        db = self.build("sharded", "sharded")
        shard = next(p for p in sorted(db.glob("shard-*")) if LAST_WORD.encode() in (p / "postlist.glass").read_bytes())
        self.assertTrue(break_leaves_holding(shard / "postlist.glass", LAST_WORD))
        before = snapshot(db)
        r = index(db, self.new)
        self.assert_damage_reported(r, shard, r"postlist\.glass: dir_end invalid in block \d+", "nothing was written to it",
                                    db=db)
        self.assertEqual(snapshot(db), before)

    def test_a_second_rebuild_leaves_the_running_one_alone_however_path_is_spelt(self):
        db = self.build("db")
        rebuilding = Path(f"{db}.rebuild")
        first = start(db, "--rebuild", "--quiet")
        try:
            first.stdin.write(Path(self.new).read_bytes())
            first.stdin.flush()
            self.assertTrue(wait_for(lambda: (rebuilding / "iamglass").exists()), "the first rebuild never started")
            for spelling in (str(db), f"{db}/", f"{db}//", f"{db}/.", os.path.relpath(db)):
                with self.subTest(db=spelling):
                    r = rs.run([rs.INDEX_TOOL, "--db", spelling, "--rebuild", "--no-progress", str(self.corpus)])
                    self.assertEqual(r.code, LOCKED, r.err_text)
                    self.assertIn("is locked by another writer", r.err_text)
                    self.assertTrue((rebuilding / "iamglass").exists())
                    self.assertEqual(sorted(p.name for p in db.iterdir() if not p.name.endswith(".glass")),
                                     ["flintlock", "iamglass"])  # no lock file inside the database
        finally:
            code, err = end(first)
        self.assertEqual(code, 0, err)
        self.assertEqual(rs.stats(db)["threads"], 1)  # the first rebuild, swapped in whole
        self.assertFalse(rebuilding.exists())

    def test_sigterm_abandons_a_rebuild_and_says_the_database_is_unchanged(self):
        db = self.build("db")
        before = snapshot(db)
        lines = Path(self.corpus).read_bytes().splitlines(keepends=True)[:40]
        for threads in ("1", "2"):
            with self.subTest(threads=threads):
                p = start(db, "--rebuild", "-j", threads, "--batch-size", "5")
                p.stdin.write(b"".join(lines))
                p.stdin.flush()
                self.assertTrue(wait_for(lambda: Path(f"{db}.rebuild").exists()))
                time.sleep(0.5)  # threads read and written
                code, err = end(p, signal.SIGTERM)
                self.assertEqual(code, INTERRUPTED, err)
                self.assertRegex(err, rf"^qadex-index: interrupted; \d+ threads? \(\d+ answers?\) read from \d+ files? "
                                      rf"\(rebuild abandoned: '{re.escape(str(db))}' is unchanged\); 0 skipped; ")
                self.assertNotIn("added", err)
                self.assertEqual(sorted(p.name for p in self.work.iterdir() if p.name.startswith("db")),
                                 ["db", "db.lock"])
                self.assertEqual(snapshot(db), before)

    def test_a_new_sharded_index_is_searched_only_once_complete(self):
        db = self.work / "sharded"
        p = start(db, "--shards", "2", "--batch-size", "1", "--quiet")
        lines = Path(self.corpus).read_bytes().splitlines(keepends=True)
        p.stdin.write(b"".join(lines[:20]))
        p.stdin.flush()
        self.assertTrue(wait_for(lambda: Path(f"{db}.rebuild/XAPIANDB").exists()))
        time.sleep(0.5)  # batches of one thread committed to the shards being built
        self.assertFalse(db.exists())
        search = rs.run([rs.SEARCH_TOOL, "--db", str(db), "botox"])
        self.assertEqual(search.code, 5, search.err_text)  # no database yet, not a part of one
        p.stdin.write(b"".join(lines[20:]))
        code, err = end(p)
        self.assertEqual(code, 0, err)
        self.assertEqual(rs.stats(db)["threads"], 150)
        self.assertFalse(Path(f"{db}.rebuild").exists())
        # Interrupted, a new sharded index keeps the threads it finished, as a new database does.
        cut = self.work / "cut"
        p = start(cut, "--shards", "2", "--batch-size", "1")
        self.assertTrue(wait_for(lambda: Path(f"{cut}.rebuild/XAPIANDB").exists()))
        empty = shard_bytes(f"{cut}.rebuild")
        p.stdin.write(b"".join(lines[:10]))
        p.stdin.flush()
        self.assertTrue(wait_for(lambda: shard_bytes(f"{cut}.rebuild") > empty), "no thread was committed")
        code, err = end(p, signal.SIGINT)
        self.assertEqual(code, INTERRUPTED, err)
        added = re.search(r"threads (\d+) added", err)
        self.assertTrue(added, err)
        self.assertGreater(int(added.group(1)), 0)
        self.assertEqual(rs.stats(cut)["threads"], int(added.group(1)))

    def test_a_read_only_database_is_a_permission_error_and_a_text_file_is_not_a_stub(self):
        db = self.build("db")
        prefix = []
        if os.geteuid() == 0:  # root writes anywhere: the indexer runs as nobody
            if not shutil.which("setpriv"):
                self.skipTest("running as root without setpriv")
            prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
            self.work.chmod(0o777)
            Path(f"{db}.lock").touch(0o666)
            os.chmod(f"{db}.lock", 0o666)
            for p in [db, *db.iterdir()]:
                p.chmod(0o755 if p.is_dir() else 0o644)
        db.chmod(0o555)
        try:
            r = rs.run(prefix + [rs.INDEX_TOOL, "--db", str(db), "--no-progress", str(self.new)])
        finally:
            db.chmod(0o755)
        self.assertEqual(r.code, 1, r.err_text)
        self.assertEqual(r.err_text, f"qadex-index: cannot write to the database '{db}': Permission denied\n")
        text = self.work / "notes.txt"
        text.write_text("my notes about the index\n")
        r = index(text, self.new)
        self.assertEqual(r.code, 6, r.err_text)
        self.assertEqual(r.err_text, f"qadex-index: '{text}' exists and is not a qadex database; "
                                     "refusing to create a database in it\n")
        self.assertEqual(text.read_text(), "my notes about the index\n")


if __name__ == "__main__":
    result = unittest.main(exit=False).result
    print("RESULT " + json.dumps({"tests": result.testsRun, "failures": len(result.failures) + len(result.errors),
                                  "skipped": len(result.skipped)}), flush=True)
    sys.exit(0 if result.wasSuccessful() else 1)
