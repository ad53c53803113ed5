#!/usr/bin/env python3
"""A request that escapes the query's caps ends as a clean 503 (issue 21):
qadex.cgi and qadex.fcgi set their own CPU time and memory limits for each
request (searcher/web/request_limits.hpp; $QADEX_CPU_LIMIT seconds and
$QADEX_MEMORY_LIMIT MB set them, here tighter than a test corpus could reach
otherwise). qadex.cgi: the 503 of the deadline for CPU time, a 503 naming
memory for memory, exit 0 either way. qadex.fcgi: the CPU-time 503 ends the
process cleanly (exit 0, for the web server to start another); after a
memory 503 the same process answers the next requests.

The heavy request for memory is the thread page of a 6 MB answer; the limit
is set between what it needs and what a small request needs, both found
here, so the test holds whatever the display of answers comes to cost (and
skips if the page no longer needs much more than a search)."""
import json
import os
import subprocess
import sys
import time
import unittest
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
import fcgi_client as fcgi  # noqa: E402
import webserver as web  # noqa: E402

TIMEOUT_BODY = b"The search took too long. Please try a shorter question.\n"
MEMORY_MESSAGE = "The search needed too much memory"
# 200 different words, each in the corpus or not: parsing and looking them up
# in four fields takes some milliseconds of CPU, far over a 1 ms limit.
LONG_QUERY = " ".join(f"botox{i} filler{i} laser scar" for i in range(50))


def sanitized():
    """Under AddressSanitizer there is no memory limit (request_limits.hpp)."""
    return b"__asan_init" in Path(web.CGI_TOOL).read_bytes()


def big_corpus(path):
    """One thread with a 6 MB answer, one with a short one."""
    words = ["alpha", "beta", "gamma", "delta", "botox", "filler", "laser", "scar"]
    body = " ".join(words[(i * 7 + i // 3) % len(words)] for i in range(1_000_000))
    with open(path, "w") as f:
        f.write(json.dumps({"id": "big", "title": "A very long answer", "answers": [{"id": "big-a0", "body": body}]}) + "\n")
        f.write(json.dumps({"id": "small", "title": "Short one", "answers": [{"id": "small-a0", "body": "botox is short"}]}) + "\n")


def cgi(database, query_string, **limits):
    """qadex.cgi's (status, headers, body, exit code)."""
    env = {"GATEWAY_INTERFACE": "CGI/1.1", "REQUEST_METHOD": "GET", "QUERY_STRING": query_string,
           "QADEX_DB": str(database), "PATH": os.environ.get("PATH", "")}
    env.update({k: str(v) for k, v in limits.items()})
    r = subprocess.run([web.CGI_TOOL], env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=60)
    head, _, body = r.stdout.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split()[1]) if lines[0].startswith(b"Status:") else 200
    headers = {k.strip().lower().decode(): v.strip().decode() for k, _, v in (l.partition(b":") for l in lines)}
    return status, headers, body, r.returncode


def memory_needed_mb(database, query_string):
    """The least of 1, 2, 4 ... 512 MB of $QADEX_MEMORY_LIMIT under which
    qadex.cgi answers query_string 200 (a limit it cannot fit answers 503)."""
    for mb in (1, 2, 4, 8, 16, 32, 64, 128, 256, 512):
        if cgi(database, query_string, QADEX_MEMORY_LIMIT=mb)[0] == 200:
            return mb
    raise AssertionError(f"{query_string} needs more than 512 MB")


class FcgiProcess:
    """qadex.fcgi --listen unix:SOCKET with these environment variables."""

    def __init__(self, out, name, **env):
        self.socket = out / f"{name}.sock"
        self.log = out / f"{name}.stderr"
        if self.socket.exists():
            self.socket.unlink()
        # No result cache: these requests repeat, and must each run the search the limits bound.
        self.process = subprocess.Popen([web.FCGI_TOOL, "--listen", f"unix:{self.socket}", "--cache-mb", "0"],
                                        env=dict(os.environ, **{k: str(v) for k, v in env.items()}),
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=open(self.log, "ab"), preexec_fn=web._die_with_parent)
        deadline = time.monotonic() + 10
        while not self.socket.exists():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"qadex.fcgi did not start: {self.log.read_text()}")
            time.sleep(0.02)

    def get(self, query_string):
        return fcgi.get(self.socket, query_string)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
        return self.process.wait(10)


class RequestLimits(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.out = web.output_dir("request_limits")
        cls.db = cls.out / "db"
        web.build_database(cls.db, *web.corpus_inputs())
        cls.big_db = cls.out / "big-db"
        big_corpus(cls.out / "big.jsonl")
        web.build_database(cls.big_db, cls.out / "big.jsonl")
        cls.heavy, cls.light = "thread=big&format=json", "q=short&format=json"
        cls.memory_mb = None
        # A limit no search fits in must give a 503 (else limits are not set at all).
        cls.limit_works = cgi(cls.big_db, cls.light, QADEX_MEMORY_LIMIT=0.01)[0] == 503
        if not sanitized() and cls.limit_works:
            heavy, light = memory_needed_mb(cls.big_db, cls.heavy), memory_needed_mb(cls.big_db, cls.light)
            print(f"memory limit needed: {heavy} MB for the 6 MB answer's page, {light} MB for a small search",
                  flush=True)
            if heavy >= 8 and heavy >= 4 * light:
                cls.memory_mb = heavy // 2  # too little for the page, enough for the search

    def require_memory_limit(self):
        if sanitized():
            self.skipTest("no memory limit under AddressSanitizer")
        self.assertTrue(self.limit_works, "a search answered 200 under a 10 kB memory limit")
        if self.memory_mb is None:
            self.skipTest("the 6 MB answer's page no longer needs 8 MB more than a small search")

    def test_cgi_over_its_cpu_time_answers_the_deadline_503(self):
        query = "q=" + quote(LONG_QUERY) + "&format=json"
        status, headers, body, code = cgi(self.db, query, QADEX_CPU_LIMIT=0.001)
        self.assertEqual((status, code), (503, 0), body[:300])
        self.assertEqual(headers.get("retry-after"), "30")
        self.assertEqual(body, TIMEOUT_BODY)
        # The default limit (1 s) is far over what it needs.
        status, _, body, code = cgi(self.db, query)
        self.assertEqual((status, code), (200, 0), body[:300])
        self.assertTrue(json.loads(body)["results"])

    def test_a_memory_limit_too_small_for_any_search_is_a_clean_503(self):
        if sanitized():
            self.skipTest("no memory limit under AddressSanitizer")
        for query_string in ("q=botox&format=json", "q=botox"):
            status, headers, body, code = cgi(self.db, query_string, QADEX_MEMORY_LIMIT=0.01)
            self.assertEqual((status, code), (503, 0), body[:300])
            self.assertEqual(headers.get("retry-after"), "30")
            self.assertIn(MEMORY_MESSAGE.encode(), body)
        server = FcgiProcess(self.out, "tiny", QADEX_DB=self.db, QADEX_MEMORY_LIMIT=0.01)
        self.addCleanup(server.stop)
        for query_string in ("q=botox&format=json", "q=botox", "q=botox&format=json"):
            status, headers, body = server.get(query_string)
            self.assertEqual(status, 503, body[:300])
            self.assertEqual(headers.get("retry-after"), "30")
            self.assertIn(MEMORY_MESSAGE.encode(), body)
        # Answered by the handler, the process serves on; out of memory
        # outside it, the process ends cleanly for the server to start another.
        self.assertEqual(server.stop(), 0)

    def test_cgi_over_its_memory_answers_503(self):
        self.require_memory_limit()
        for query_string, content_type in ((self.heavy, "application/json"), ("thread=big", "text/html")):
            status, headers, body, code = cgi(self.big_db, query_string, QADEX_MEMORY_LIMIT=self.memory_mb)
            self.assertEqual((status, code), (503, 0), body[:300])
            self.assertEqual(headers.get("retry-after"), "30")
            self.assertTrue(headers.get("content-type", "").startswith(content_type))
            self.assertIn(MEMORY_MESSAGE.encode(), body)
        status, _, body, code = cgi(self.big_db, self.light, QADEX_MEMORY_LIMIT=self.memory_mb)
        self.assertEqual((status, code), (200, 0), body[:300])
        status, _, body, code = cgi(self.big_db, self.heavy)  # the default limit, 64 MB
        self.assertEqual((status, code), (200, 0), body[:300])

    def test_fcgi_over_its_memory_answers_503_and_serves_on(self):
        self.require_memory_limit()
        server = FcgiProcess(self.out, "memory", QADEX_DB=self.big_db, QADEX_MEMORY_LIMIT=self.memory_mb)
        self.addCleanup(server.stop)
        for _ in range(3):
            status, headers, body = server.get(self.heavy)
            self.assertEqual(status, 503, body[:300])
            self.assertEqual(headers.get("retry-after"), "30")
            self.assertIn(MEMORY_MESSAGE, json.loads(body)["error"])
            status, _, body = server.get(self.light)
            self.assertEqual(status, 200, body[:300])
            self.assertEqual([r["thread_id"] for r in json.loads(body)["results"]], ["small"])
        self.assertIsNone(server.process.poll(), "the same process answered them all")
        self.assertEqual(server.stop(), 0)

    def test_fcgi_over_its_cpu_time_answers_503_and_exits_cleanly(self):
        server = FcgiProcess(self.out, "cpu", QADEX_DB=self.db, QADEX_CPU_LIMIT=0.001)
        self.addCleanup(server.stop)
        status, headers, body = server.get("q=" + quote(LONG_QUERY) + "&format=json")
        self.assertEqual(status, 503, body[:300])
        self.assertEqual(headers.get("retry-after"), "30")
        self.assertEqual(body, TIMEOUT_BODY)
        self.assertEqual(server.process.wait(10), 0, "exits for the web server to start a new one")
        # Each request has its own CPU time: requests under the limit go on
        # being answered after the process has used more than it in all.
        limit = 0.2
        server = FcgiProcess(self.out, "cpu-many", QADEX_DB=self.db, QADEX_CPU_LIMIT=limit)
        self.addCleanup(server.stop)
        limit *= 10 if sanitized() else 1
        used, requests = 0.0, 0
        while used < 2 * limit:
            status, _, body = server.get("q=" + quote(LONG_QUERY) + "&format=json")
            self.assertEqual(status, 200, f"request {requests}: {body[:200]!r}")
            requests += 1
            used = cpu_seconds(server.process.pid)
            self.assertLess(requests, 5000, f"{used:.2f} s of CPU after {requests} requests")
        print(f"{requests} requests used {used:.2f} s of CPU in one process, each under {limit} s", flush=True)
        self.assertIsNone(server.process.poll())
        self.assertEqual(server.stop(), 0)


def cpu_seconds(pid):
    """User and system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    web.run_tests([RequestLimits])
