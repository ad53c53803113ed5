"""A real lighttpd serving qadex.cgi and the example script, for the web tests.

MODE ($QADEX_WEB_MODE) "fastcgi" serves the same URLs with qadex.fcgi under
mod_fastcgi (bin-path, max-procs 2) instead of qadex.cgi under mod_cgi, so
that every test of a module runs against either front end unchanged.

Each test script starts its own server on a free 127.0.0.1 port, with a
database built by the real qadex-index from corpus/ and the hostile fixture,
and talks to it over real sockets (raw bytes, so that requests no client
library would send can be sent). Everything is written under the test's
output directory in the build tree ($QADEX_WEB_OUTPUT), left there after the
run for inspection: lighttpd.conf, error.log (the CGIs' stderr), databases.
"""
import atexit
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import unittest
from dataclasses import dataclass, field
from pathlib import Path

SKIP = 77  # CTest SKIP_RETURN_CODE
SOURCE_DIR = Path(os.environ.get("QADEX_SOURCE_DIR", Path(__file__).resolve().parents[3]))
BUILD_DIR = Path(os.environ.get("QADEX_BUILD_DIR", SOURCE_DIR / "build"))
INDEX_TOOL = os.environ.get("QADEX_INDEX_TOOL", str(BUILD_DIR / "indexer" / "qadex-index"))
SEARCH_TOOL = os.environ.get("QADEX_SEARCH_TOOL", str(BUILD_DIR / "searcher" / "qadex-search"))
CGI_TOOL = os.environ.get("QADEX_CGI_TOOL", str(BUILD_DIR / "searcher" / "qadex.cgi"))
FCGI_TOOL = os.environ.get("QADEX_FCGI_TOOL", str(BUILD_DIR / "searcher" / "qadex.fcgi"))
MODE = os.environ.get("QADEX_WEB_MODE", "cgi")  # "cgi" or "fastcgi"
EXAMPLE_SCRIPT = SOURCE_DIR / "web" / "search.cgi"
HOSTILE_FIXTURE = SOURCE_DIR / "tests" / "e2e" / "web" / "fixtures" / "hostile.jsonl"
LIGHTTPD = shutil.which("lighttpd") or shutil.which("lighttpd", path="/usr/sbin:/sbin")

# URL prefixes: the same two programs with different server configuration.
QADEX = "/cgi-bin/qadex.cgi"          # QADEX_DB = the corpus database
EXAMPLE = "/cgi-bin/search.cgi"       # the example script on the same database
NO_DB = "/no-db/qadex.cgi"            # QADEX_DB names a directory that does not exist
WRONG_SCHEMA = "/wrong-schema/qadex.cgi"  # QADEX_DB is a database of another schema version
CORRUPT = "/corrupt/qadex.cgi"             # QADEX_DB is a database with a damaged postlist table
STREAMED = "/stream/qadex.cgi"             # the corpus database; lighttpd passes the body on as it arrives (as Apache does)
NO_DB_EXAMPLE = "/no-db/search.cgi"
WRONG_SCHEMA_EXAMPLE = "/wrong-schema/search.cgi"
CORRUPT_EXAMPLE = "/corrupt/search.cgi"


def output_dir(name):
    """A fresh directory for this test's files, in the build tree."""
    base = Path(os.environ.get("QADEX_WEB_OUTPUT") or BUILD_DIR / "tests" / "e2e" / "web" / "output" / name)
    if base.exists():
        shutil.rmtree(base)
    base.mkdir(parents=True)
    return base


def build_database(path, *inputs, extra_args=()):
    """Index `inputs` into `path` with the real qadex-index."""
    r = subprocess.run([INDEX_TOOL, "--db", str(path), "--quiet", *extra_args, *map(str, inputs)],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"qadex-index failed ({r.returncode}): {r.stderr}")


def corpus_inputs():
    return [SOURCE_DIR / "corpus", HOSTILE_FIXTURE]


def _die_with_parent():
    """In the child before exec: lighttpd gets SIGTERM when the test process
    dies, so a crashed or timed-out test leaves no server behind."""
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Response:
    status: int
    reason: str
    headers: list = field(default_factory=list)  # [(lower-case name, value)]
    body: bytes = b""
    raw: bytes = b""

    def header(self, name):
        values = [v for n, v in self.headers if n == name.lower()]
        return values[0] if values else None

    @property
    def text(self):
        return self.body.decode("utf-8")


def parse_response(raw):
    head, sep, body = raw.partition(b"\r\n\r\n")
    if not sep:
        raise AssertionError(f"no end of headers in response: {raw[:200]!r}")
    lines = head.split(b"\r\n")
    parts = lines[0].decode("latin-1").split(" ", 2)
    headers = []
    for line in lines[1:]:
        name, _, value = line.decode("latin-1").partition(":")
        headers.append((name.strip().lower(), value.strip()))
    response = Response(int(parts[1]), parts[2] if len(parts) > 2 else "", headers, body, raw)
    if (response.header("transfer-encoding") or "").lower() == "chunked":
        response.body = dechunk(body)
    return response


def dechunk(body):
    out = b""
    while body:
        size_line, _, rest = body.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        out += rest[:size]
        body = rest[size + 2:]
    return out


class Server:
    """lighttpd with mod_cgi (or mod_fastcgi for qadex.fcgi: mode="fastcgi")
    on 127.0.0.1:<free port>. Use as a context manager."""

    def __init__(self, out_dir, database, search_tool=SEARCH_TOOL, mode=None):
        self.out = Path(out_dir)
        self.database = Path(database)
        self.search_tool = search_tool
        self.mode = mode or MODE
        if self.mode not in ("cgi", "fastcgi"):
            raise ValueError(f"QADEX_WEB_MODE must be cgi or fastcgi, not {self.mode!r}")
        self.port = None
        self.process = None

    # ------------------------------------------------------------ set-up
    def _write_tree(self):
        root = self.out / "www"
        for sub in ("cgi-bin", "no-db", "wrong-schema", "corrupt", "stream"):
            d = root / sub
            d.mkdir(parents=True, exist_ok=True)
            for name, target in (("qadex.cgi", CGI_TOOL), ("search.cgi", EXAMPLE_SCRIPT)):
                link = d / name
                if not link.exists():
                    link.symlink_to(target)
        wrong = self.out / "wrong-schema-db"
        if not wrong.exists():
            build_database(wrong, SOURCE_DIR / "corpus" / "threads.jsonl")
            subprocess.run(["xapian-metadata", "set", str(wrong), "qadex.schema_version", "999"], check=True)
        corrupt = self.out / "corrupt-db"
        if not corrupt.exists():
            build_database(corrupt, SOURCE_DIR / "corpus" / "threads.jsonl")
            with open(corrupt / "postlist.glass", "r+b") as table:  # every block after the first
                size = table.seek(0, os.SEEK_END)
                table.seek(8192)
                table.write(b"\xff" * (size - 8192))
        return root, wrong, corrupt

    def _config(self, root, wrong_schema, corrupt):
        def env(db):
            return (f'setenv.add-environment = ( "QADEX_DB" => "{db}", '
                    f'"QADEX_SEARCH" => "{self.search_tool}" )')
        return f"""
server.modules = ( "mod_alias", "mod_setenv", "mod_fastcgi", "mod_cgi", "mod_accesslog" )
server.bind = "127.0.0.1"
server.port = {self.port}
server.document-root = "{root}"
server.errorlog = "{self.out}/error.log"
accesslog.filename = "{self.out}/access.log"
server.max-worker = 0
# The CGI itself must meet hostile bytes: lighttpd's own URL clean-up
# (it refuses %00, %0D, invalid UTF-8 and rewrites a broken %zz) is turned
# off, as a weaker front server would have it. docs/WEB.md keeps it on.
server.http-parseopts = ( "url-normalize" => "disable", "url-normalize-required" => "disable",
                          "url-normalize-unreserved" => "disable", "url-ctrls-reject" => "disable" )
# The largest request line lighttpd takes, so that a 60 kB GET reaches the CGI.
server.max-request-field-size = 65535
# qadex reads a form body of at most 64 KiB (413 above it, its own page);
# lighttpd refuses one over 128 KiB before reading it (docs/WEB.md).
server.max-request-size = 128
cgi.assign = ( ".cgi" => "" )
$HTTP["url"] =^ "/cgi-bin/" {{ {env(self.database)} }}
$HTTP["url"] =^ "/stream/" {{ server.stream-request-body = 2
    {env(self.database)} }}
$HTTP["url"] =^ "/no-db/" {{ {env(self.out / "no-such-database")} }}
$HTTP["url"] =^ "/wrong-schema/" {{ {env(wrong_schema)} }}
$HTTP["url"] =^ "/corrupt/" {{ {env(corrupt)} }}
{self._fastcgi_config(wrong_schema, corrupt) if self.mode == "fastcgi" else ""}
"""

    def _fastcgi_config(self, wrong_schema, corrupt):
        """qadex.fcgi spawned by lighttpd for each of qadex.cgi's URLs, with
        that URL's database in its environment (QADEX_DB of the process)."""
        def backend(name, db, procs):
            return (f'"{name}" => (( "bin-path" => "{FCGI_TOOL}", "socket" => "{self.out}/fcgi-{name.split("/")[1]}.sock", '
                    f'"max-procs" => {procs}, "check-local" => "disable", '
                    f'"bin-environment" => ( "QADEX_DB" => "{db}" ) ))')
        backends = [backend(QADEX, self.database, 2), backend(NO_DB, self.out / "no-such-database", 1),
                    backend(WRONG_SCHEMA, wrong_schema, 1), backend(CORRUPT, corrupt, 1)]
        return "fastcgi.server = (\n  " + ",\n  ".join(backends) + "\n)"

    def start(self):
        if not LIGHTTPD:
            raise RuntimeError("lighttpd is not installed (scripts/install-deps --test installs it)")
        root, wrong, corrupt = self._write_tree()
        last_error = ""
        for _ in range(5):  # another process may take the free port first
            self.port = free_port()
            conf = self.out / "lighttpd.conf"
            conf.write_text(self._config(root, wrong, corrupt))
            log = open(self.out / "lighttpd.stderr", "ab")
            self.process = subprocess.Popen([LIGHTTPD, "-D", "-f", str(conf)], stdout=log, stderr=log,
                                            stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent)
            atexit.register(self.stop)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and self.process.poll() is None:
                try:
                    socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                    return self
                except OSError:
                    time.sleep(0.05)
            last_error = (self.out / "lighttpd.stderr").read_text(errors="replace")
            self.stop()
        raise RuntimeError(f"lighttpd did not start: {last_error}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def error_log(self):
        """lighttpd's error log and its stderr, where a CGI's stderr lands when it runs in the foreground."""
        return "".join((self.out / name).read_text(errors="replace")
                       for name in ("error.log", "lighttpd.stderr") if (self.out / name).exists())

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def url(self, path=""):
        return f"http://127.0.0.1:{self.port}{path}"

    # ------------------------------------------------------------ requests
    def raw(self, request_bytes, timeout=30):
        """Sends bytes as they are, reads until the server closes."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as s:
            s.sendall(request_bytes)
            chunks = []
            while True:
                data = s.recv(65536)
                if not data:
                    break
                chunks.append(data)
        return parse_response(b"".join(chunks))

    def request(self, method, target, body=None, headers=(), timeout=30):
        """One HTTP/1.1 request. `target` is str or bytes, sent unmodified."""
        if isinstance(target, str):
            target = target.encode("utf-8")
        lines = [method.encode() + b" " + target + b" HTTP/1.1", b"Host: 127.0.0.1", b"Connection: close"]
        lines += [h.encode() if isinstance(h, str) else h for h in headers]
        if body is not None:
            if isinstance(body, str):
                body = body.encode("utf-8")
            lines.append(b"Content-Length: " + str(len(body)).encode())
        return self.raw(b"\r\n".join(lines) + b"\r\n\r\n" + (body or b""), timeout)

    def get(self, target, **kw):
        return self.request("GET", target, **kw)

    def post_form(self, target, form_body, **kw):
        return self.request("POST", target, body=form_body,
                            headers=["Content-Type: application/x-www-form-urlencoded"], **kw)


class CorpusServerCase(unittest.TestCase):
    """A test class with one server for all its tests: a database built from
    corpus/ and the hostile fixture under output_dir(output_name), served by
    a lighttpd started before the first test and stopped after the last."""
    output_name = None

    @classmethod
    def setUpClass(cls):
        cls.out = output_dir(cls.output_name)
        cls.db = cls.out / "db"
        build_database(cls.db, *corpus_inputs())
        cls.server = Server(cls.out, cls.db).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()


def run_tests(case_classes):
    """unittest over the given TestCase classes; exit 0 or 1 (or 77 via SkipSuite)."""
    suite = unittest.TestSuite()
    for cls in case_classes:
        suite.addTests(unittest.defaultTestLoader.loadTestsFromTestCase(cls))
    result = unittest.TextTestRunner(stream=sys.stdout, verbosity=2).run(suite)
    sys.exit(0 if result.wasSuccessful() else 1)
