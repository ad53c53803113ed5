#!/usr/bin/env python3
"""Remote shards in a long interactive session (issue 9), with real
xapian-tcpsrv processes:

- xapian-tcpsrv drops a connection idle longer than its --idle-timeout
  (60 s by default); the next question connects again and is answered,
  in the interactive session and in --batch fed through a pipe;
- a shard server killed during the session: the next question prints one
  line naming the shard on stderr, and the session goes on (exit 0 at :quit).
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SOURCE_DIR = Path(os.environ.get("QADEX_SOURCE_DIR", Path(__file__).resolve().parents[3]))
BUILD_DIR = Path(os.environ.get("QADEX_BUILD_DIR", SOURCE_DIR / "build"))
INDEX_TOOL = os.environ.get("QADEX_INDEX_TOOL", str(BUILD_DIR / "indexer" / "qadex-index"))
SEARCH_TOOL = os.environ.get("QADEX_SEARCH_TOOL", str(BUILD_DIR / "searcher" / "qadex-search"))
TCPSRV = shutil.which("xapian-tcpsrv")


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(database, idle_ms):
    """A read-only xapian-tcpsrv on 127.0.0.1; returns (process, port)."""
    for _ in range(5):
        port = free_port()
        p = subprocess.Popen([TCPSRV, "--quiet", "--port", str(port), "--interface", "127.0.0.1",
                              "--idle-timeout", str(idle_ms), str(database)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and p.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return p, port
            except OSError:
                time.sleep(0.05)
        p.kill()
        p.wait()
    fail(f"xapian-tcpsrv did not start for {database}")


class Session:
    """qadex-search -i driven through pipes, one line at a time."""

    def __init__(self, db):
        self.p = subprocess.Popen([SEARCH_TOOL, "--db", str(db), "-i", "--timeout", "5"], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)
        os.set_blocking(self.p.stderr.fileno(), False)

    def ask(self, line):
        """Sends a question; returns what it printed on stdout."""
        # A question prints a page, or nothing (its error goes to stderr): the
        # :help that follows, whose first and last lines are known, marks its end.
        self.p.stdin.write(line + "\n:help\n")
        self.p.stdin.flush()
        out = []
        while True:
            text = self.p.stdout.readline()
            if not text:
                fail(f"qadex-search ended early; stderr: {self.errors()}")
            if text.startswith("Type a question to search."):
                break
            out.append(text)
        while not self.p.stdout.readline().startswith("Ctrl-C cancels"):
            pass
        return "".join(out)

    def errors(self):
        try:
            return self.p.stderr.read() or ""
        except (TypeError, OSError):
            return ""

    def quit(self):
        self.p.stdin.write(":quit\n")
        self.p.stdin.close()
        code = self.p.wait(timeout=30)
        return code


def main():
    if not TCPSRV:
        fail("xapian-tcpsrv is not installed (Debian xapian-tools)")
    work = Path(tempfile.mkdtemp(prefix="qadex-remote-session-"))
    servers = []
    try:
        db = work / "sharded"
        r = subprocess.run([INDEX_TOOL, "--quiet", "--db", str(db), "--shards", "2", str(SOURCE_DIR / "corpus")],
                           capture_output=True, text=True)
        if r.returncode != 0:
            fail(f"qadex-index: {r.stderr}")
        lines = [f"auto {db / 'lexicon'}"]
        for k in range(2):
            proc, port = start_server(db / f"shard-{k}", idle_ms=500)
            servers.append((proc, port))
            lines.append(f"remote 127.0.0.1:{port}")
        stub = work / "remote.stub"
        stub.write_text("\n".join(lines) + "\n")

        session = Session(stub)
        first = session.ask("botox atrophy")
        if "Answers 1-10" not in first:
            fail(f"no results at first: {first!r} {session.errors()}")
        time.sleep(1.5)  # the servers drop both idle connections
        again = session.ask("botox atrophy")
        if again != first:
            fail(f"after the idle timeout the results differ:\n{first}\n---\n{again}\nstderr: {session.errors()}")
        if session.errors():
            fail(f"reconnecting printed: {session.errors()}")

        # The whole process group: xapian-tcpsrv serves each connection from
        # a child of its own, which would otherwise go on answering.
        # --batch fed through a pipe, pausing longer than the idle timeout.
        batch = subprocess.Popen([SEARCH_TOOL, "--db", str(stub), "--batch", "-", "--format", "json"],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        batch.stdin.write("1\tbotox atrophy\n")
        batch.stdin.flush()
        first_batch = json.loads(batch.stdout.readline())
        time.sleep(1.5)
        batch.stdin.write("2\tbotox atrophy\n")
        batch.stdin.close()
        second_batch = json.loads(batch.stdout.readline())
        batch_errors = batch.stderr.read()
        if batch.wait(timeout=30) != 0 or batch_errors:
            fail(f"--batch after the idle timeout exited {batch.returncode}: {batch_errors}")
        ids = [[r["answer_id"] for r in j["results"]] for j in (first_batch, second_batch)]
        if not ids[0] or ids[0] != ids[1]:
            fail(f"--batch after the idle timeout: {ids}")

        proc, port = servers[1]
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        down = session.ask("botox atrophy")
        time.sleep(0.2)
        err = session.errors()
        if "Answers" in down or f"remote 127.0.0.1:{port}" not in err or "unavailable" not in err:
            fail(f"with a shard down: stdout {down!r}, stderr {err!r}")
        if err.count("\n") != 1:
            fail(f"expected one line on stderr, got {err!r}")
        code = session.quit()
        if code != 0:
            fail(f"the session exited {code}")
        print("ok: reconnects after xapian-tcpsrv's idle timeout; a killed shard is named and the session goes on")
    finally:
        for proc, _ in servers:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
