#!/usr/bin/env python3
"""packaging/bash-completion/qadex, sourced in a real bash: options from each
program's --help, --filter fields from qadex-search's field table, the
--format, --sort and --color values, and files where a file is wanted.

Run as a script: exits 0 when every test passes, 1 otherwise.
"""
import os
import re
import shlex
import subprocess
import tempfile
import unittest
from pathlib import Path

SOURCE_DIR = Path(os.environ["QADEX_SOURCE_DIR"])
SCRIPT = SOURCE_DIR / "packaging/bash-completion/qadex"
TOOLS = {"qadex-index": os.environ["QADEX_INDEX_TOOL"], "qadex-search": os.environ["QADEX_SEARCH_TOOL"]}


def complete(line, cwd=None):
    """COMPREPLY for the command line `line` (the cursor at its end), as bash would split it."""
    path = ":".join(os.path.dirname(t) for t in TOOLS.values()) + ":" + os.environ["PATH"]
    script = f"""
        source {shlex.quote(str(SCRIPT))}
        line={shlex.quote(line)}
        COMP_LINE=$line COMP_POINT=${{#line}}
        # bash splits at COMP_WORDBREAKS, '=' included: "--format=js" is three words
        read -ra COMP_WORDS <<< "$(sed 's/=/ = /g' <<< "$line")"
        [[ $line == *" " || $line == *= ]] && COMP_WORDS+=("")
        COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1))
        cmd=${{COMP_WORDS[0]}}
        _qadex "$cmd" "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
        printf '%s\\n' "${{COMPREPLY[@]}}"
    """
    r = subprocess.run(["bash", "-c", script], capture_output=True, text=True, cwd=cwd, env=dict(os.environ, PATH=path))
    if r.returncode != 0:
        raise AssertionError(r.stderr)
    return sorted(w for w in r.stdout.split("\n") if w)


def help_options(program):
    text = subprocess.run([TOOLS[program], "--help"], capture_output=True, text=True, check=True).stdout
    return sorted(set(re.findall(r"^  (?:-\w \[ )?(--[\w-]+)", text, re.M)))


class BashCompletionTest(unittest.TestCase):
    def test_options_are_those_of_help(self):
        for program in TOOLS:
            with self.subTest(program=program):
                self.assertEqual(complete(f"{program} --"), help_options(program))
        self.assertIn("--quality-weight", complete("qadex-search --q"))
        self.assertEqual(complete("qadex-index --sy"), ["--synonyms"])

    def test_filter_fields_come_from_the_field_table(self):
        self.assertEqual(complete("qadex-search --filter "),
                         sorted(f + "=" for f in ["author", "specialty", "location", "source", "tag", "category"]))
        self.assertEqual(complete("qadex-search -f spec"), ["specialty="])
        self.assertEqual(complete("qadex-search --filter source=GA"), [])

    def test_values(self):
        self.assertEqual(complete("qadex-search --format "), ["json", "jsonl", "text", "trec"])
        self.assertEqual(complete("qadex-search --format=js"), ["json", "jsonl"])
        self.assertEqual(complete("qadex-search --sort r"), ["rating", "relevance"])
        self.assertEqual(complete("qadex-search --color="), ["always", "auto", "never"])
        self.assertEqual(complete("qadex-search --per-page "), [])

    def test_files_where_files_are_wanted(self):
        with tempfile.TemporaryDirectory() as d:
            for name in ("threads.jsonl", "synonyms.txt"):
                Path(d, name).touch()
            self.assertEqual(complete("qadex-index --db idx thr", cwd=d), ["threads.jsonl"])
            self.assertEqual(complete("qadex-index --synonyms sy", cwd=d), ["synonyms.txt"])
            self.assertEqual(complete("qadex-search --batch th", cwd=d), ["threads.jsonl"])
            self.assertEqual(complete("qadex-search thr", cwd=d), [])  # a QUERY, not a file


if __name__ == "__main__":
    unittest.main()
