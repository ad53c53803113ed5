#!/usr/bin/env python3
"""--timeout bounds the whole search against remote shards (issue 21), not
each message: with `--timeout 1` a search took 14 s against shards that
answered every message just in time.

Two shards served by real xapian-tcpsrv processes, each behind a proxy that
holds every reply for DELAY seconds: well within the timeout per message,
but a search is dozens of messages (the match, each result's document, its
terms, the counts). `qadex-search --timeout 1` must give up with exit 8 and
the timeout named, about 1 s after it started (this machine is shared: the
bound checked is loose); the same search with room enough (--timeout 30)
still succeeds; qadex.cgi with QADEX_REMOTE_TIMEOUT=1 answers 503.
"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import reliability_support as rs  # noqa: E402

TCPSRV = shutil.which("xapian-tcpsrv")
DELAY = 0.05  # seconds each reply is held: a search of ~50 round trips takes 2.5 s


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(database):
    """A read-only xapian-tcpsrv on 127.0.0.1; returns (process, port)."""
    for _ in range(5):
        port = free_port()
        p = subprocess.Popen([TCPSRV, "--quiet", "--port", str(port), "--interface", "127.0.0.1", str(database)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and p.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return p, port
            except OSError:
                time.sleep(0.05)
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
    raise AssertionError(f"xapian-tcpsrv did not start for {database}")


class SlowProxy:
    """Listens on a port of its own and relays to `target`, holding each
    chunk of the server's replies for DELAY seconds."""

    def __init__(self, target):
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.target))
            threading.Thread(target=self.pump, args=(client, server, 0), daemon=True).start()
            threading.Thread(target=self.pump, args=(server, client, DELAY), daemon=True).start()

    @staticmethod
    def pump(source, sink, delay):
        try:
            while data := source.recv(65536):
                time.sleep(delay)
                sink.sendall(data)
        except OSError:
            pass
        for s in (source, sink):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def search(stub, timeout, *args):
    return rs.run([rs.SEARCH_TOOL, "--db", str(stub), "--timeout", str(timeout), *args], timeout=120)


def main():
    if not TCPSRV:
        raise AssertionError("xapian-tcpsrv is not installed (Debian xapian-tools)")
    work = Path(tempfile.mkdtemp(prefix="qadex-remote-timeout-"))
    servers = []
    try:
        db = work / "sharded"
        r = rs.index(db, "--quiet", "--shards", "2", rs.SOURCE_DIR / "corpus")
        rs.require(r.code == 0, f"qadex-index: {r.err_text}")
        lines = [f"auto {db / 'lexicon'}"]
        for k in range(2):
            proc, port = start_server(db / f"shard-{k}")
            servers.append(proc)
            lines.append(f"remote 127.0.0.1:{SlowProxy(port).port}")
        stub = work / "slow.stub"
        stub.write_text("\n".join(lines) + "\n")

        slow = search(stub, 1, "--format", "json", "botox")
        rs.assert_no_sanitizer_report(slow.err_text, "--timeout 1")
        rs.require(slow.code == 8, f"--timeout 1: exit {slow.code} after {slow.seconds:.1f} s, expected 8: "
                                   f"{slow.err_text!r}")
        rs.require("within the remote timeout of 1 s" in slow.err_text, f"--timeout 1: {slow.err_text!r}")
        rs.require(slow.seconds < 4, f"--timeout 1 took {slow.seconds:.1f} s")

        roomy = search(stub, 30, "--format", "json", "--per-page", "3", "botox")
        rs.require(roomy.code == 0 and b'"answer_id"' in roomy.out,
                   f"--timeout 30: exit {roomy.code}: {roomy.err_text!r}")

        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "GATEWAY_INTERFACE": "CGI/1.1",
               "REQUEST_METHOD": "GET", "QUERY_STRING": "q=botox", "QADEX_DB": str(stub), "QADEX_REMOTE_TIMEOUT": "1"}
        cgi = rs.run([rs.CGI_TOOL], env=env, timeout=120)
        rs.require(cgi.out.startswith(b"Status: 503"), f"qadex.cgi: {cgi.out[:200]!r} {cgi.err_text!r}")
        rs.require("within the remote timeout of 1 s" in cgi.err_text, f"qadex.cgi's log: {cgi.err_text!r}")
        print(f"ok: --timeout 1 gave up after {slow.seconds:.2f} s (exit 8), --timeout 30 answered in "
              f"{roomy.seconds:.2f} s, qadex.cgi 503 in {cgi.seconds:.2f} s")
    finally:
        for proc in servers:  # the whole group: xapian-tcpsrv serves each connection from a child
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
