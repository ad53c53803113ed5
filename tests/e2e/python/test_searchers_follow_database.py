#!/usr/bin/env python3
"""Searchers follow the database they were pointed at (issue 21): one
`qadex-search --batch -` reading a pipe, and one interactive session driven
through its standard input, stay running while the database at their path

  1. is rebuilt: qadex-index --rebuild swaps a new directory in,
  2. is deleted (rm -rf) and indexed again,
  3. gets a commit from qadex-index,
  4. is emptied (rm -rf PATH/*) and indexed again into the same directory,
  5. is moved away (mv): that line says the database is missing
     (`<stdin>:N: no database at 'PATH'`) and the batch goes on,
  6. is moved back.

After each step the next query must answer from what is on disk then, never
from the files of a database that is gone; the batch ends with exit 3 (a
line was skipped), the session with exit 0 at :quit. Every corpus has its
own marker word, so a stale answer cannot pass for a fresh one.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import reliability_support as rs  # noqa: E402

PARTIAL = 3


def corpus(path, name):
    """One thread whose answer holds the word 'zebra' and the corpus's name."""
    thread = {"id": f"t-{name}", "title": f"Zebra question {name}", "question": "zebra?",
              "answers": [{"id": f"t-{name}-a1", "body": f"zebra answer {name}"}]}
    path.write_text(json.dumps(thread) + "\n")
    return path


def index(db, *args):
    r = rs.index(db, "--quiet", *args)
    rs.require(r.code == 0, f"qadex-index {args}: {r.err_text}")


class Batch:
    """qadex-search --batch - fed one line at a time through a pipe."""

    def __init__(self, db):
        self.p = subprocess.Popen([rs.SEARCH_TOOL, "--db", str(db), "--batch", "-", "--format", "jsonl",
                                   "--all-answers", "--no-spelling", "--no-synonyms"],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.qid = 0

    def ask(self, expect_answer=True):
        """The answer id for 'zebra' (one result line), or the line's message on stderr."""
        self.qid += 1
        self.p.stdin.write(f"{self.qid}\tzebra\n")
        self.p.stdin.flush()
        if not expect_answer:
            return self.p.stderr.readline()
        line = self.p.stdout.readline()
        if not line:
            raise AssertionError(f"--batch ended early (exit {self.p.wait()}): {self.p.stderr.read()}")
        hit = json.loads(line)
        rs.require(hit["qid"] == str(self.qid), f"--batch answered {hit['qid']} for {self.qid}")
        return hit["answer_id"]

    def finish(self):
        self.p.stdin.close()
        rest = self.p.stdout.read()
        return self.p.wait(timeout=30), rest, self.p.stderr.read()


class Session:
    """qadex-search -i driven through its standard input (no terminal)."""

    def __init__(self, db):
        self.p = subprocess.Popen([rs.SEARCH_TOOL, "--db", str(db), "-i", "--no-spelling", "--no-synonyms"],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def ask(self):
        """What 'zebra' printed, up to the end marked by the :help that follows."""
        self.p.stdin.write("zebra\n:help\n")
        self.p.stdin.flush()
        out = []
        while True:
            line = self.p.stdout.readline()
            if not line:
                raise AssertionError(f"the session ended early (exit {self.p.wait()}): {self.p.stderr.read()}")
            if line.startswith("Type a question to search."):
                break
            out.append(line)
        while not self.p.stdout.readline().startswith("Ctrl-C cancels"):
            pass
        return "".join(out)

    def finish(self):
        self.p.stdin.write(":quit\n")
        self.p.stdin.close()
        code = self.p.wait(timeout=30)
        return code, self.p.stderr.read()


def main():
    work = Path(tempfile.mkdtemp(prefix="qadex-follow-"))
    batch = session = None
    try:
        db = work / "db"
        names = ("first", "rebuilt", "again", "committed", "inplace")
        files = {name: corpus(work / f"{name}.jsonl", name) for name in names}
        index(db, files["first"])
        batch, session = Batch(db), Session(db)

        def both_answer(expected, step):
            got = batch.ask()
            rs.require(got == f"t-{expected}-a1", f"--batch after {step}: {got}, expected t-{expected}-a1")
            page = session.ask()
            rs.require(f"Zebra question {expected}" in page and page.count("Zebra question") == 1,
                       f"session after {step}: {page!r}")

        both_answer("first", "opening")
        index(db, "--rebuild", files["rebuilt"])
        both_answer("rebuilt", "--rebuild")
        shutil.rmtree(db)
        index(db, files["again"])
        both_answer("again", "rm -rf and a new index")
        index(db, "--delete", "t-again", files["committed"])
        both_answer("committed", "a commit")
        for part in db.iterdir():
            part.unlink()
        index(db, files["inplace"])
        both_answer("inplace", "a new index in the emptied directory")

        db.rename(work / "moved")
        message = batch.ask(expect_answer=False)
        rs.require(message == f"qadex-search: <stdin>:6: no database at '{db}'\n", f"--batch, moved: {message!r}")
        missing = session.ask()
        rs.require("Answers" not in missing, f"the session answered with the database moved away: {missing!r}")
        (work / "moved").rename(db)
        both_answer("inplace", "moving it back")

        code, rest, err = batch.finish()
        rs.assert_no_sanitizer_report(err, "--batch")
        rs.require(code == PARTIAL, f"--batch exited {code}, expected {PARTIAL}: {err}")
        rs.require(err == "", f"--batch stderr: {err!r}")
        rs.require(rest == "", f"--batch printed more: {rest!r}")
        code, err = session.finish()
        rs.assert_no_sanitizer_report(err, "the session")
        rs.require(code == 0, f"the session exited {code}: {err}")
        rs.require(err == f"qadex-search: no database at '{db}'\n", f"session stderr: {err!r}")
        print("ok: --batch and the session follow --rebuild, rm -rf, a commit, a new index in place and mv")
    finally:
        for searcher in (batch, session):
            if searcher and searcher.p.poll() is None:
                searcher.p.kill()
                searcher.p.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
