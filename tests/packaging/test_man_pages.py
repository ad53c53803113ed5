#!/usr/bin/env python3
"""The man pages made by help2man (cmake/ManPages.cmake) hold every long
option of their program's --help and the hand-written sections of man/*.h2m,
and man -l renders them without a warning.

Run as a script: exits 0 when every test passes, 1 otherwise.
"""
import gzip
import os
import re
import subprocess
import unittest
from pathlib import Path

MAN_DIR = Path(os.environ["QADEX_MAN_DIR"])
PROGRAMS = {  # program: (its --help, man section)
    "qadex-index": (os.environ["QADEX_INDEX_TOOL"], 1),
    "qadex-search": (os.environ["QADEX_SEARCH_TOOL"], 1),
    "qadex.cgi": (os.environ["QADEX_CGI_TOOL"], 8),
}
SECTIONS = ("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "ENVIRONMENT", "FILES", "EXAMPLES")


def long_options(tool):
    """The long options of Boost's option table (and qadex.cgi's, laid out alike)."""
    help_text = subprocess.run([tool, "--help"], capture_output=True, text=True, check=True).stdout
    return set(re.findall(r"^  (?:-\w \[ )?(--[\w-]+)", help_text, re.M))


def render(page):
    env = dict(os.environ, MANWIDTH="200", LC_ALL="C.UTF-8", MAN_KEEP_FORMATTING="")
    return subprocess.run(["man", "--warnings", "-l", str(page)], capture_output=True, text=True, env=env)


class ManPageTest(unittest.TestCase):
    def test_every_long_option_of_help_is_in_the_man_page(self):
        for program, (tool, section) in PROGRAMS.items():
            with self.subTest(program=program):
                options = long_options(tool)
                self.assertTrue({"--help", "--version"} <= options, options)
                page = MAN_DIR / f"{program}.{section}.gz"
                source = gzip.decompress(page.read_bytes()).decode().replace("\\-", "-")
                missing = sorted(o for o in options if not re.search(re.escape(o) + r"(?![\w-])", source))
                self.assertEqual(missing, [], f"{page} lacks options of {program} --help")

    def test_man_renders_every_page_with_its_sections(self):
        for program, (_, section) in PROGRAMS.items():
            with self.subTest(program=program):
                r = render(MAN_DIR / f"{program}.{section}.gz")
                self.assertEqual(r.returncode, 0, r.stderr)
                self.assertEqual(r.stderr, "", "man/groff warnings")
                text = re.sub(r".\x08", "", r.stdout)
                for name in SECTIONS:
                    self.assertRegex(text, rf"(?m)^{name}$", f"{program}({section}) has no {name} section")
                self.assertIn(program, text)


if __name__ == "__main__":
    unittest.main()
