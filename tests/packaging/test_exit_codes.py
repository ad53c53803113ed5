#!/usr/bin/env python3
"""The exit codes agree everywhere (issue 20): each program's --help lists
every code its source returns (common/include/qadex/exit_codes.hpp names
them) and no other, and its man page's EXIT STATUS and the README's
"Exit codes" table list the same.

Run as a script: exits 0 when every test passes, 1 otherwise.
"""
import gzip
import os
import re
import subprocess
import unittest
from pathlib import Path

SOURCE_DIR = Path(os.environ["QADEX_SOURCE_DIR"])
MAN_DIR = Path(os.environ["QADEX_MAN_DIR"]) if os.environ.get("QADEX_MAN_DIR") else None
PROGRAMS = {  # program: (tool, man section, source folders, README column or None)
    "qadex-index": (os.environ["QADEX_INDEX_TOOL"], 1, ["indexer"], 1),
    "qadex-search": (os.environ["QADEX_SEARCH_TOOL"], 1, ["searcher/cli", "searcher/interactive"], 2),
    "qadex.cgi": (os.environ["QADEX_CGI_TOOL"], 8, ["searcher/web"], None),
}


def named_codes():
    text = (SOURCE_DIR / "common/include/qadex/exit_codes.hpp").read_text()
    return {name: int(value) for name, value in re.findall(r"constexpr int (\w+) = (\d+);", text)}


def codes_in_source(folders):
    names = named_codes()
    used = set()
    for folder in folders:
        for path in (SOURCE_DIR / folder).glob("*.cpp"):
            used |= {names[n] for n in re.findall(r"exit_code::(\w+)", path.read_text())}
    return used


def codes_in_help(tool):
    text = subprocess.run([tool, "--help"], capture_output=True, text=True, check=True).stdout
    section = text.split("Exit status:", 1)[1]
    return {int(c) for c in re.findall(r"(?<![\w-])(\d+) (?=[a-z(-])", section)}


def codes_in_man_page(program, section):
    source = gzip.decompress((MAN_DIR / f"{program}.{section}.gz").read_bytes()).decode()
    exit_status = re.search(r'^\.SH "?EXIT STATUS"?$(.*?)^\.SH', source, re.M | re.S).group(1)
    return {int(c) for c in re.findall(r"^\.B (\d+)$", exit_status, re.M)}


def codes_in_readme(column):
    text = (SOURCE_DIR / "README.md").read_text()
    table = text.split("### Exit codes", 1)[1].split("\n\n", 2)[1]
    codes = set()
    for row in table.splitlines()[2:]:
        cells = [c.strip() for c in row.strip("|").split("|")]
        if cells[column]:
            codes.add(int(cells[0]))
    return codes


class ExitCodesTest(unittest.TestCase):
    def test_help_lists_exactly_the_codes_the_source_returns(self):
        for program, (tool, _, folders, _) in PROGRAMS.items():
            with self.subTest(program=program):
                used = codes_in_source(folders) | {0}
                self.assertGreater(len(used), 1)
                self.assertEqual(codes_in_help(tool), used)

    @unittest.skipUnless(MAN_DIR, "man pages not built (-DQADEX_MAN_PAGES=OFF)")
    def test_man_pages_agree_with_help(self):
        for program, (tool, section, _, _) in PROGRAMS.items():
            with self.subTest(program=program):
                self.assertEqual(codes_in_man_page(program, section), codes_in_help(tool))

    def test_readme_agrees_with_help(self):
        for program, (tool, _, _, column) in PROGRAMS.items():
            if column is not None:
                with self.subTest(program=program):
                    self.assertEqual(codes_in_readme(column), codes_in_help(tool))


if __name__ == "__main__":
    unittest.main()
