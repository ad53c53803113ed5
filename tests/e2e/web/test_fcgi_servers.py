#!/usr/bin/env python3
"""qadex.fcgi behind the other two servers docs/WEB.md configures, with the
configurations it shows (lighttpd's bin-path is webserver.py's "fastcgi"
mode):

- nginx passing /search to processes that spawn-fcgi started on a unix
  socket (-F 2: two processes sharing it);
- Apache's mod_fcgid starting the processes itself (the socket is their
  standard input), at most two.

Through each: the JSON of a search equals `qadex-search --format json`, the
HTML page has results and highlights, a POSTed form gives what the GET gives,
bad parameters are a 400 and an oversized query a 413, the processes are
the ones the configuration asked for, and stopping the server (or SIGTERM to
spawn-fcgi's children) ends them.

Run as root (as CI is), the servers run qadex.fcgi as www-data, as Debian's
configurations do: the program and the database are copied into a directory
anyone may read, since the build tree may be under a private home.
"""
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
import webserver as web  # noqa: E402

NGINX = shutil.which("nginx", path="/usr/sbin:/usr/bin:/sbin")
APACHE = shutil.which("apache2", path="/usr/sbin:/usr/bin")
SPAWN_FCGI = shutil.which("spawn-fcgi", path="/usr/bin:/usr/sbin")
APACHE_MODULES = Path("/usr/lib/apache2/modules")
NGINX_FASTCGI_PARAMS = Path("/etc/nginx/fastcgi_params")
AS_ROOT = os.geteuid() == 0
QUERY = "does botox cause atrophy"
INSTALL = "apt-get install nginx-light apache2 libapache2-mod-fcgid spawn-fcgi (scripts/install-deps --test)"


def require(*found):
    """The servers are test dependencies, not options: missing, the test fails and says how to install them."""
    if not all(found):
        raise RuntimeError(f"missing: {INSTALL}")


def public_tree():
    """A directory anyone may read, with a copy of qadex.fcgi and a database
    built from the sample corpus."""
    root = Path(tempfile.mkdtemp(prefix="qadex-fcgi-servers-"))
    os.chmod(root, 0o755)
    shutil.copy2(web.FCGI_TOOL, root / "qadex.fcgi")
    db = root / "db"
    web.build_database(db, *web.corpus_inputs())
    for path in [db, *db.rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    return root, db


def fcgi_processes(program):
    """PIDs of the processes running `program` (its path, as the server ran it)."""
    pids = []
    for exe in Path("/proc").glob("[0-9]*/exe"):
        try:
            if os.readlink(exe) == str(program):
                pids.append(int(exe.parent.name))
        except OSError:
            continue
    return pids


def shut_down(server, program, root):
    """Stops a server, any qadex.fcgi it left, and removes the public tree."""
    if server is not None and server.poll() is None:
        server.terminate()
        server.wait(15)
    for pid in fcgi_processes(program):
        os.kill(pid, signal.SIGKILL)
    shutil.rmtree(root, ignore_errors=True)


def wait_until(condition, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


class ThroughServer:
    """The checks, for a server on self.port serving /search."""

    port = 0
    root = db = None

    def request(self, method, target, body=None, headers=None):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            c.request(method, target, body=body, headers=headers or {})
            r = c.getresponse()
            return r.status, r.getheader("Content-Type") or "", r.read()
        finally:
            c.close()

    def cli_json(self, *args):
        r = subprocess.run([web.SEARCH_TOOL, "--db", str(self.db), "--format", "json", *args],
                           capture_output=True, check=True)
        return json.loads(r.stdout)

    def test_json_equals_the_command_line(self):
        status, kind, body = self.request("GET", "/search?q=" + quote(QUERY) + "&format=json&facets=1")
        self.assertEqual(status, 200, body[:300])
        self.assertTrue(kind.startswith("application/json"), kind)
        got, want = json.loads(body), self.cli_json("--facets", "--", QUERY)
        self.assertTrue(got["results"])
        got.pop("took_ms"), want.pop("took_ms")
        self.assertEqual(got, want)

    def test_the_page_has_results_and_highlights(self):
        status, kind, body = self.request("GET", "/search?q=botox")
        self.assertEqual(status, 200, body[:300])
        self.assertTrue(kind.startswith("text/html"), kind)
        self.assertIn(b'class="result"', body)
        self.assertIn(b"<mark>", body)

    def test_a_posted_form_gives_what_get_gives(self):
        form = "q=" + quote(QUERY) + "&format=json&facets=0"
        status, _, posted = self.request("POST", "/search", body=form,
                                         headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(status, 200, posted[:300])
        _, _, got = self.request("GET", "/search?" + form)
        a, b = json.loads(posted), json.loads(got)
        a.pop("took_ms"), b.pop("took_ms")
        self.assertEqual(a, b)

    def test_bad_parameters_are_refused_as_under_cgi(self):
        self.assertEqual(self.request("GET", "/search?q=botox&page=abc&format=json")[0], 400)
        self.assertEqual(self.request("GET", "/search?q=%FF&format=json")[0], 400)
        self.assertEqual(self.request("GET", "/search?q=" + "a" * 5000 + "&format=json")[0], 413)
        # and the processes serve on
        self.assertEqual(self.request("GET", "/search?q=botox&format=json")[0], 200)


class NginxWithSpawnFcgi(ThroughServer, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        require(NGINX, SPAWN_FCGI)
        cls.root, cls.db = public_tree()
        cls.program = cls.root / "qadex.fcgi"
        cls.socket = cls.root / "qadex.sock"
        owner = ["-u", "www-data", "-g", "www-data"] if AS_ROOT else []
        # docs/WEB.md's line: two processes on one unix socket.
        subprocess.run([SPAWN_FCGI, "-s", str(cls.socket), "-M", "0660", *owner, "-F", "2",
                        "-P", str(cls.root / "spawn-fcgi.pid"), "--",
                        "/usr/bin/env", f"QADEX_DB={cls.db}", str(cls.program)],
                       check=True, capture_output=True)
        if not wait_until(lambda: len(fcgi_processes(cls.program)) == 2):
            raise RuntimeError(f"spawn-fcgi did not start two qadex.fcgi: {fcgi_processes(cls.program)}")
        cls.port = web.free_port()
        conf = cls.root / "nginx.conf"
        temp = "\n".join(f"    {name}_temp_path {cls.root}/{name};" for name in
                         ("client_body", "fastcgi", "proxy", "uwsgi", "scgi"))
        conf.write_text(f"""daemon off;
worker_processes 1;
pid {cls.root}/nginx.pid;
error_log {cls.root}/nginx-error.log;
{"user www-data www-data;" if AS_ROOT else ""}
events {{ worker_connections 64; }}
http {{
    access_log off;
{temp}
    upstream qadex {{
        server unix:{cls.socket};
        keepalive 8;
    }}
    server {{
        listen 127.0.0.1:{cls.port};
        location = /search {{
            include {NGINX_FASTCGI_PARAMS};
            fastcgi_pass unix:{cls.socket};
            fastcgi_keep_conn on;
        }}
        location = /kept {{
            include {NGINX_FASTCGI_PARAMS};
            fastcgi_pass qadex;
            fastcgi_keep_conn on;
        }}
    }}
}}
""")
        cls.nginx = subprocess.Popen([NGINX, "-p", str(cls.root), "-e", str(cls.root / "nginx-error.log"),
                                      "-c", str(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     preexec_fn=web._die_with_parent)
        if not wait_until(lambda: _port_open(cls.port)):
            cls.tearDownClass()
            raise RuntimeError("nginx did not start: " + (cls.root / "nginx-error.log").read_text())

    @classmethod
    def tearDownClass(cls):
        shut_down(getattr(cls, "nginx", None), cls.program, cls.root)

    def test_two_processes_share_the_socket_and_end_on_sigterm(self):
        pids = fcgi_processes(self.program)
        self.assertEqual(len(pids), 2)
        for _ in range(20):  # both keep answering, whichever takes the request
            self.assertEqual(self.request("GET", "/search?q=botox&format=json")[0], 200)
        self.assertEqual(fcgi_processes(self.program), pids)
        if AS_ROOT:
            self.assertEqual(os.stat(f"/proc/{pids[0]}").st_uid, 33, "spawn-fcgi -u www-data")


    def test_connections_nginx_keeps_open_never_hold_up_a_request(self):
        # docs/WEB.md's upstream with keepalive: nginx keeps connections to
        # both processes open and sends further requests on them. A process
        # used to read its idle kept connection while a new one waited, until
        # the 5 s receive deadline shut it.
        from concurrent.futures import ThreadPoolExecutor

        def timed(_):
            started = time.monotonic()
            status = self.request("GET", "/kept?q=botox&format=json")[0]
            return status, time.monotonic() - started

        with ThreadPoolExecutor(4) as pool:
            results = list(pool.map(timed, range(80)))
        self.assertEqual({status for status, _ in results}, {200})
        self.assertLess(max(seconds for _, seconds in results), 2.5,
                        "a request waited on a connection kept idle (the receive deadline is 5 s)")
        # nginx did keep connections open to the processes
        sockets = sum(1 for pid in fcgi_processes(self.program) for fd in os.listdir(f"/proc/{pid}/fd")
                      if fd != "0" and os.readlink(f"/proc/{pid}/fd/{fd}").startswith("socket:"))
        self.assertGreater(sockets, 0)


class ApacheModFcgid(ThroughServer, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        require(APACHE, (APACHE_MODULES / "mod_fcgid.so").exists())
        cls.root, cls.db = public_tree()
        cls.program = cls.root / "qadex.fcgi"
        (cls.root / "run").mkdir()
        cls.port = web.free_port()
        conf = cls.root / "apache2.conf"
        modules = "\n".join(f"LoadModule {name}_module {APACHE_MODULES}/mod_{name}.so"
                            for name in ("mpm_event", "authz_core", "alias", "fcgid"))
        # docs/WEB.md's configuration, in a server of its own.
        conf.write_text(f"""ServerRoot {cls.root}
ServerName 127.0.0.1
Listen 127.0.0.1:{cls.port}
PidFile {cls.root}/apache2.pid
ErrorLog {cls.root}/apache2-error.log
DefaultRuntimeDir {cls.root}/run
Mutex file:{cls.root}/run default
{modules}
{"User www-data" if AS_ROOT else ""}
{"Group www-data" if AS_ROOT else ""}
FcgidIPCDir {cls.root}/run/fcgid
FcgidProcessTableFile {cls.root}/run/fcgid_shm
FcgidInitialEnv QADEX_DB {cls.db}
FcgidMaxProcessesPerClass 2
FcgidIOTimeout 15
ScriptAlias /search {cls.program}
<Location /search>
    SetHandler fcgid-script
    Options +ExecCGI
    Require all granted
</Location>
""")
        cls.apache = subprocess.Popen([APACHE, "-f", str(conf), "-DFOREGROUND"], stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL, preexec_fn=web._die_with_parent)
        if not wait_until(lambda: _port_open(cls.port)):
            cls.tearDownClass()
            raise RuntimeError("apache2 did not start: " + (cls.root / "apache2-error.log").read_text())

    @classmethod
    def tearDownClass(cls):
        shut_down(getattr(cls, "apache", None), cls.program, cls.root)

    def test_mod_fcgid_starts_at_most_two_processes(self):
        for _ in range(20):
            self.assertEqual(self.request("GET", "/search?q=botox&format=json")[0], 200)
        pids = fcgi_processes(self.program)
        self.assertGreaterEqual(len(pids), 1)
        self.assertLessEqual(len(pids), 2)
        if AS_ROOT:
            self.assertEqual(os.stat(f"/proc/{pids[0]}").st_uid, 33, "Apache's User www-data")


def serving(database):
    """PIDs of the qadex.fcgi processes whose QADEX_DB is `database`."""
    pids = []
    for pid in fcgi_processes(web.FCGI_TOOL):
        try:
            if f"QADEX_DB={database}".encode() in Path(f"/proc/{pid}/environ").read_bytes().split(b"\0"):
                pids.append(pid)
        except OSError:
            continue
    return sorted(pids)


class LighttpdBinPath(unittest.TestCase):
    """lighttpd's mod_fastcgi with bin-path and max-procs 2 (webserver.py's
    fastcgi mode, docs/WEB.md's configuration): a process that dies, as a
    request that crashed it would, costs no other request, and lighttpd
    starts another in its place."""

    def test_a_killed_process_costs_no_other_request_and_is_started_again(self):
        out = web.output_dir("fcgi_servers_lighttpd")
        db = out / "db"
        web.build_database(db, *web.corpus_inputs())
        with web.Server(out, db, mode="fastcgi") as server:
            self.assertEqual(server.get(web.QADEX + "?q=botox&format=json").status, 200)
            before = serving(db)
            self.assertEqual(len(before), 2, before)
            os.kill(before[0], signal.SIGKILL)
            statuses = [server.get(web.QADEX + "?q=botox&format=json").status for _ in range(40)]
            self.assertEqual(statuses, [200] * 40)
            self.assertTrue(wait_until(lambda: len(serving(db)) == 2 and before[0] not in serving(db), 10),
                            serving(db))
            self.assertEqual(server.get(web.QADEX + "?q=botox&format=json").status, 200)


def _port_open(port):
    import socket
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


class StoppingEndsTheProcesses(unittest.TestCase):
    """SIGTERM to spawn-fcgi's children, and stopping Apache, end every qadex.fcgi."""

    def test_spawned_processes_exit_on_sigterm(self):
        require(SPAWN_FCGI)
        root, db = public_tree()
        program = root / "qadex.fcgi"
        try:
            owner = ["-u", "www-data", "-g", "www-data"] if AS_ROOT else []
            subprocess.run([SPAWN_FCGI, "-s", str(root / "qadex.sock"), *owner, "-F", "2", "--",
                            "/usr/bin/env", f"QADEX_DB={db}", str(program)], check=True, capture_output=True)
            self.assertTrue(wait_until(lambda: len(fcgi_processes(program)) == 2))
            for pid in fcgi_processes(program):
                os.kill(pid, signal.SIGTERM)
            self.assertTrue(wait_until(lambda: not fcgi_processes(program), 5), fcgi_processes(program))
        finally:
            for pid in fcgi_processes(program):
                os.kill(pid, signal.SIGKILL)
            shutil.rmtree(root, ignore_errors=True)

    def test_stopping_apache_ends_its_processes(self):
        ApacheModFcgid.setUpClass()
        program = ApacheModFcgid.program
        try:
            status = http.client.HTTPConnection("127.0.0.1", ApacheModFcgid.port, timeout=30)
            status.request("GET", "/search?q=botox&format=json")
            self.assertEqual(status.getresponse().status, 200)
            status.close()
            self.assertTrue(fcgi_processes(program))
            ApacheModFcgid.apache.terminate()
            ApacheModFcgid.apache.wait(15)
            self.assertTrue(wait_until(lambda: not fcgi_processes(program), 10), fcgi_processes(program))
        finally:
            ApacheModFcgid.tearDownClass()


if __name__ == "__main__":
    unittest.main(verbosity=2)
