#!/usr/bin/env python3
"""qadex.fcgi alone on a unix socket, spoken to with a small FastCGI client
(fcgi_client.py): one process answers 10,000 requests right with a flat
RSS; it follows the indexer's commits, a --rebuild swap and a deleted
database (503, then serving again) without a restart; SIGTERM lets the
request in flight finish; a peer that stalls is given up; connections
kept open for more requests never hold up a new one; the command line's
help and exit codes."""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import unittest
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
import fcgi_client as fcgi  # noqa: E402
import webserver as web  # noqa: E402

SUGGEST_FIXTURE = web.SOURCE_DIR / "tests" / "e2e" / "web" / "fixtures" / "suggest.jsonl"
RSS_SLACK_KB = 5 * 1024  # growth allowed between request 1,000 and 10,000


def rss_kb(pid):
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))


def without_took(body):
    j = json.loads(body)
    j.pop("took_ms", None)
    return j


class FcgiProcess:
    """qadex.fcgi --listen unix:SOCKET with QADEX_DB=database."""

    def __init__(self, out, database, name="fcgi", args=()):
        self.socket = out / f"{name}.sock"
        self.log = out / f"{name}.stderr"
        env = dict(os.environ, QADEX_DB=str(database))
        self.process = subprocess.Popen([web.FCGI_TOOL, "--listen", f"unix:{self.socket}", *args], env=env,
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=open(self.log, "ab"), preexec_fn=web._die_with_parent)
        deadline = time.monotonic() + 10
        while not self.socket.exists():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"qadex.fcgi did not start: {self.log.read_text()}")
            time.sleep(0.02)

    def get(self, query_string, **kw):
        return fcgi.get(self.socket, query_string, **kw)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
        return self.process.wait(10)


class FastCgiProcess(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.out = web.output_dir("fcgi_process")
        cls.db = cls.out / "db"
        web.build_database(cls.db, *web.corpus_inputs())

    def start(self, database, name="fcgi", args=()):
        server = FcgiProcess(self.out, database, name, args)
        self.addCleanup(server.stop)
        return server

    def cli_json(self, *args):
        r = subprocess.run([web.SEARCH_TOOL, "--db", str(self.db), "--format", "json", *args],
                           capture_output=True, check=True)
        return r.stdout

    def test_10000_requests_from_one_process_are_right_and_memory_stays_flat(self):
        server = self.start(self.db)
        # (query string, method, body, expected status, expected body or None = same as the first time)
        questions = ["does Botox cause atrophy", "filler lump", "zanzibar fever", "eyelid droop", "sculptra nodules"]
        cases = []
        for q in questions:
            cases.append((f"q={quote(q)}&format=json", "GET", b"", 200,
                          without_took(self.cli_json("--", q))))
            cases.append((f"q={quote(q)}&format=json&facets=1", "GET", b"", 200,
                          without_took(self.cli_json("--facets", "--", q))))
            cases.append((f"q={quote(q)}", "GET", b"", 200, None))
        cases += [
            ("", "POST", b"q=botox&format=json", 200, without_took(self.cli_json("--", "botox"))),
            ("suggest=bot", "GET", b"", 200, without_took(subprocess.run(
                [web.SEARCH_TOOL, "--db", str(self.db), "--suggest", "bot"], capture_output=True, check=True).stdout)),
            ("thread=thr-botox-atrophy-long-term", "GET", b"", 200, None),
            ("thread=no-such-thread", "GET", b"", 404, None),
            ("q=botox&page=0", "GET", b"", 400, None),
            ("q=" + "a" * 5000, "GET", b"", 413, None),
            ("q=" + "a*+" * 11, "GET", b"", 400, None),
            ("asset=suggest.js", "GET", b"", 200, None),
            ("", "GET", b"", 200, None),
        ]
        first = {}
        rss = {}
        total = 10_000
        started = time.monotonic()
        for i in range(total):
            query_string, method, body, status, expected = cases[i % len(cases)]
            got_status, headers, got = server.get(query_string, method=method, body=body)
            self.assertEqual(got_status, status, f"request {i}: {query_string[:80]} {got[:200]!r}")
            if expected is not None:
                self.assertEqual(without_took(got), expected, f"request {i}: {query_string[:80]}")
            else:
                self.assertEqual(got, first.setdefault(query_string, got), f"request {i}: {query_string[:80]}")
            if i + 1 in (1_000, total):
                rss[i + 1] = rss_kb(server.process.pid)
        seconds = time.monotonic() - started
        print(f"{total} requests in {seconds:.1f} s ({total / seconds:.0f}/s) by pid {server.process.pid}; "
              f"RSS {rss[1_000]} kB after 1,000, {rss[total]} kB after {total:,}")
        self.assertIsNone(server.process.poll(), "the same process answered them all")
        self.assertLess(rss[total] - rss[1_000], RSS_SLACK_KB, rss)
        self.assertEqual(server.stop(), 0)

    def test_questions_never_asked_twice_fill_the_result_cache_to_its_bound_and_no_further(self):
        # Every question different: each result is kept until the cache
        # (--cache-mb 2 here; 32 by default) is full, then the oldest go.
        # QADEX_FCGI_REQUESTS=100000 is the long run of scripts/reliability.
        server = self.start(self.db, "fcgi-cache", ["--cache-mb", "2"])
        words = sorted({w.lower() for line in (web.SOURCE_DIR / "corpus" / "threads.jsonl").read_text().splitlines()
                        for w in re.findall(r"[A-Za-z]{5,}", json.loads(line)["title"])})
        total = int(os.environ.get("QADEX_FCGI_REQUESTS", "4000"))
        checkpoints = sorted({min(1_000, total), min(10_000, total), total})
        rss = {}
        started = time.monotonic()
        for i in range(total):
            question = f"{words[i % len(words)]} {words[(7 * i + 3) % len(words)]} {i}"
            status, _, body = server.get(f"q={quote(question)}&format=json&facets=1")
            self.assertEqual(status, 200, f"request {i}: {question}: {body[:200]!r}")
            if i + 1 in checkpoints:
                rss[i + 1] = rss_kb(server.process.pid)
        seconds = time.monotonic() - started
        print(f"{total:,} different questions in {seconds:.1f} s ({total / seconds:.0f}/s), 2 MB result cache: "
              + ", ".join(f"RSS {kb} kB after {n:,}" for n, kb in sorted(rss.items())))
        self.assertIsNone(server.process.poll())
        self.assertLess(rss[total] - rss[checkpoints[0]], RSS_SLACK_KB, rss)

    def ids(self, server, query):
        status, _, body = server.get(f"q={quote(query)}&format=json&per_page=100")
        self.assertEqual(status, 200, body[:300])
        return {r["thread_id"] for r in json.loads(body)["results"]}

    def test_commits_rebuild_and_a_deleted_database_are_followed_without_a_restart(self):
        db = self.out / "changing-db"
        shutil.rmtree(db, ignore_errors=True)
        web.build_database(db, web.SOURCE_DIR / "corpus")
        server = self.start(db, "changing")
        self.assertFalse(any(i.startswith("sg-") for i in self.ids(server, "diabetes")))
        self.assertTrue(self.ids(server, "botox"))

        # A commit by the indexer: the next request reads the new revision.
        web.build_database(db, SUGGEST_FIXTURE)
        self.assertIn("sg-diabetes-feet", self.ids(server, "diabetes feet"))

        # --rebuild from the fixture alone swaps another directory in: botox is gone.
        web.build_database(db, SUGGEST_FIXTURE, extra_args=["--rebuild"])
        self.assertEqual(self.ids(server, "botox"), set())
        self.assertIn("sg-diabetes-feet", self.ids(server, "diabetes feet"))

        # Deleted: 503 with Retry-After (JSON and HTML), then the new database once it is back.
        shutil.rmtree(db)
        for query_string in ("q=botox&format=json", "q=botox", "suggest=dia"):
            status, headers, body = server.get(query_string)
            self.assertEqual(status, 503, body[:200])
            self.assertEqual(headers.get("retry-after"), "30")
            self.assertNotIn(str(db).encode(), body)  # paths stay in the log
        web.build_database(db, web.SOURCE_DIR / "corpus")
        self.assertTrue(self.ids(server, "botox"))
        self.assertIsNone(server.process.poll(), "one process throughout")
        self.assertEqual(server.stop(), 0)

    def test_sigterm_finishes_the_request_in_flight_then_exits_0(self):
        server = self.start(self.db, "sigterm")
        body = b"q=botox&format=json"
        records = fcgi.request_records(fcgi.cgi_params("", "POST", body), body)
        cut = len(records) - 24  # the body's end and the end of stdin are still to come
        with fcgi.connect(server.socket) as s:
            s.sendall(records[:cut])
            time.sleep(0.3)  # accepted, reading the body
            server.process.send_signal(signal.SIGTERM)
            time.sleep(0.3)
            self.assertIsNone(server.process.poll(), "the request in flight is finished first")
            s.sendall(records[cut:])
            status, headers, got = fcgi.parse_cgi(fcgi.read_response(s)[0])
        self.assertEqual(status, 200, got[:200])
        self.assertEqual(without_took(got), without_took(self.cli_json("--", "botox")))
        self.assertEqual(server.process.wait(10), 0)

    def test_a_peer_that_stalls_is_given_up_and_neither_holds_the_process_nor_its_sigterm(self):
        # Before: a connection that sent one byte held the process (and the
        # SIGTERM blocked while a request is read) until the peer left.
        server = self.start(self.db, "stall")
        with fcgi.connect(server.socket) as staller:
            staller.sendall(b"\x01")  # the first byte of a record header, then nothing
            status, _, body = server.get("q=botox&format=json")  # times out (30 s) if it is held
            self.assertEqual(status, 200, body[:200])
            self.assertTrue(json.loads(body)["results"])
        # A POST whose body stops half-way: 408, in the format asked for.
        body = b"q=botox&format=json"
        records = fcgi.request_records(fcgi.cgi_params("format=json", "POST", body), body)
        with fcgi.connect(server.socket) as s:
            s.sendall(records[:len(records) - 24])
            status, _, got = fcgi.parse_cgi(fcgi.read_response(s)[0])
        self.assertEqual(status, 408, got[:200])
        self.assertEqual(json.loads(got)["error"], "The request body did not arrive in time.")
        self.assertEqual(server.get("q=botox&format=json")[0], 200, "and it serves on")
        with fcgi.connect(server.socket) as staller:
            staller.sendall(b"\x01")
            time.sleep(0.3)  # accepted, reading the first record
            server.process.send_signal(signal.SIGTERM)
            self.assertEqual(server.process.wait(15), 0)

    def test_connections_kept_for_more_requests_never_hold_up_a_new_one(self):
        # nginx's fastcgi_keep_conn with an upstream keepalive pool keeps
        # connections open. Before, the process waited on an idle kept one
        # while a new connection queued, then shut the kept one 5 s later.
        server = self.start(self.db, "kept")
        params = fcgi.cgi_params("q=botox&format=json")
        expected = without_took(self.cli_json("--", "botox"))

        def ask(s):
            s.sendall(fcgi.request_records(params, keep=True))
            status, _, body = fcgi.parse_cgi(fcgi.read_response(s)[0])
            self.assertEqual(status, 200, body[:200])
            self.assertEqual(without_took(body), expected)

        kept = [fcgi.connect(server.socket, timeout=4) for _ in range(3)]  # shorter than the 5 s deadline
        self.addCleanup(lambda: [s.close() for s in kept])
        for s in kept:
            ask(s)
        self.assertEqual(fcgi.get(server.socket, "q=botox&format=json")[0], 200)  # a new connection, at once
        for s in reversed(kept):  # and every kept connection still answers
            ask(s)
        # More kept connections than a process keeps (16): the idlest are
        # closed, every new one is served, the newest still answer.
        many = [fcgi.connect(server.socket, timeout=4) for _ in range(20)]
        self.addCleanup(lambda: [s.close() for s in many])
        for s in many:
            ask(s)
        for s in many[-10:]:
            ask(s)
        server.process.send_signal(signal.SIGTERM)  # with idle kept connections open
        self.assertEqual(server.process.wait(10), 0)

    def test_standalone_on_tcp(self):
        port = web.free_port()
        process = subprocess.Popen([web.FCGI_TOOL, "--db", str(self.db), "--listen", f"127.0.0.1:{port}"],
                                   stdin=subprocess.DEVNULL, preexec_fn=web._die_with_parent)
        self.addCleanup(lambda: process.poll() is None and process.kill())
        deadline = time.monotonic() + 10
        while True:
            try:
                status, _, body = fcgi.get(("127.0.0.1", port), "q=botox&format=json")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        self.assertEqual(status, 200)
        self.assertTrue(json.loads(body)["results"])
        process.terminate()
        self.assertEqual(process.wait(10), 0)

    def test_command_line(self):
        r = subprocess.run([web.FCGI_TOOL, "--help"], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0)
        self.assertIn("Usage: qadex.fcgi", r.stdout)
        # Run by a person: standard input is a pipe, not a listening socket.
        r = subprocess.run([web.FCGI_TOOL], input="", capture_output=True, text=True)
        self.assertEqual(r.returncode, 2)
        self.assertIn("not started by a FastCGI server", r.stderr)
        for bad in (["--listen", "nowhere"], ["--listen", "unix:"], ["--listen", "127.0.0.1:99999"], ["--backlog", "0"], ["--db"], ["--frobnicate"]):
            r = subprocess.run([web.FCGI_TOOL, *bad], capture_output=True, text=True, stdin=subprocess.DEVNULL)
            self.assertEqual(r.returncode, 2, bad)
            self.assertIn("qadex.fcgi: ", r.stderr)
        r = subprocess.run([web.FCGI_TOOL, "--listen", "unix:/nonexistent-dir/qadex.sock"],
                           capture_output=True, text=True, stdin=subprocess.DEVNULL)
        self.assertEqual(r.returncode, 1)
        self.assertIn("cannot listen on unix:/nonexistent-dir/qadex.sock: No such file or directory", r.stderr)
        busy = web.free_port()
        with __import__("socket").create_server(("127.0.0.1", busy)):
            r = subprocess.run([web.FCGI_TOOL, "--listen", f"127.0.0.1:{busy}"],
                               capture_output=True, text=True, stdin=subprocess.DEVNULL)
        self.assertEqual(r.returncode, 1)
        self.assertIn("Address already in use", r.stderr)


if __name__ == "__main__":
    web.run_tests([FastCgiProcess])
