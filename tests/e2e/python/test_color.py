#!/usr/bin/env python3
"""qadex-search's colour on a real terminal (a pseudo-terminal): on by default,
off with NO_COLOR (any value, even empty) or TERM=dumb, and --color
auto|always|never deciding over both (issue 20).

Run as a script: exits 0 when every test passes, 1 otherwise.
"""
import os
import pty
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

SOURCE_DIR = Path(os.environ.get("QADEX_SOURCE_DIR") or Path(__file__).resolve().parents[3])
INDEX = os.environ["QADEX_INDEX_TOOL"]
SEARCH = os.environ["QADEX_SEARCH_TOOL"]
ESC = b"\x1b["


def on_terminal(args, **env):
    """qadex-search's output with its stdout a pseudo-terminal."""
    main, sub = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
    environment.update({"TERM": "xterm", **env})
    proc = subprocess.Popen([SEARCH, *args], stdin=subprocess.DEVNULL, stdout=sub, stderr=subprocess.PIPE,
                            env=environment)
    os.close(sub)
    out = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # EIO: the process closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(main)
    err = proc.communicate(timeout=60)[1]
    if proc.returncode != 0:
        raise AssertionError(f"qadex-search exited {proc.returncode}: {err.decode()}")
    return out


class ColorTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="qadex-color-")
        cls.db = os.path.join(cls.dir, "db")
        subprocess.run([INDEX, "--db", cls.db, "--quiet", str(SOURCE_DIR / "corpus")], check=True)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def search(self, *options, **env):
        return on_terminal(["--db", self.db, *options, "botox"], **env)

    def test_terminal_is_coloured_by_default(self):
        self.assertIn(ESC, self.search())
        self.assertIn(ESC, self.search("--color=auto"))

    def test_no_color_turns_it_off_whatever_its_value(self):
        for value in ("1", "0", ""):
            out = self.search(NO_COLOR=value)
            self.assertNotIn(ESC, out, f"NO_COLOR={value!r}")
            self.assertIn(b"**", out)  # the highlights are marked instead

    def test_dumb_terminal_is_not_coloured(self):
        self.assertNotIn(ESC, self.search(TERM="dumb"))

    def test_color_option_decides(self):
        self.assertNotIn(ESC, self.search("--color=never"))
        self.assertIn(ESC, self.search("--color=always", NO_COLOR="1"))
        self.assertIn(ESC, self.search("--color", "always", TERM="dumb"))

    def test_pipe_gets_colour_only_when_asked(self):
        def piped(*options):
            return subprocess.run([SEARCH, "--db", self.db, *options, "botox"], capture_output=True, check=True).stdout
        self.assertNotIn(ESC, piped())
        self.assertIn(ESC, piped("--color=always"))

    def test_bad_value_is_a_usage_error(self):
        r = subprocess.run([SEARCH, "--db", self.db, "--color=sometimes", "botox"], capture_output=True)
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"--color must be auto, always or never", r.stderr)


if __name__ == "__main__":
    unittest.main()
