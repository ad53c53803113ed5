#!/usr/bin/env python3
"""cpack -G DEB builds qadex_VERSION_ARCH.deb with the right Depends, copyright
and changelog; unpacked with dpkg -x into a temporary root, its programs
index corpus/ and find the Botox-atrophy answer first, using only the files
of the package (PATH, the installed synonyms file), and its man pages render.

Run as a script: exits 0 when every test passes, 1 otherwise.
"""
import gzip
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

SOURCE_DIR = Path(os.environ["QADEX_SOURCE_DIR"])
BUILD_DIR = Path(os.environ["QADEX_BUILD_DIR"])
CPACK = os.environ.get("QADEX_CPACK") or "cpack"


def run(argv, **kw):
    r = subprocess.run(argv, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        raise AssertionError(f"{argv} exited {r.returncode}:\n{r.stdout}\n{r.stderr}")
    return r.stdout


class DebianPackageTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="qadex-deb-"))
        run([CPACK, "-G", "DEB", "--config", str(BUILD_DIR / "CPackConfig.cmake"), "-B", str(cls.tmp / "out")])
        debs = list((cls.tmp / "out").glob("*.deb"))
        assert len(debs) == 1, debs
        cls.deb = debs[0]
        cls.root = cls.tmp / "root"
        run(["dpkg-deb", "-x", str(cls.deb), str(cls.root)])
        cls.usr = cls.root / "usr"

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def field(self, name):
        return run(["dpkg-deb", "-f", str(self.deb), name]).strip()

    def test_name_version_and_depends(self):
        version = re.search(r"project\(qadex VERSION ([\d.]+)", (SOURCE_DIR / "CMakeLists.txt").read_text()).group(1)
        arch = run(["dpkg", "--print-architecture"]).strip()
        self.assertEqual(self.deb.name, f"qadex_{version}_{arch}.deb")
        self.assertEqual(self.field("Version"), version)
        depends = [d.strip().split(" ")[0] for d in self.field("Depends").split(",")]
        # dlopened ICU and the word list by name; the rest from dpkg-shlibdeps
        for package in ("libicu72", "wamerican", "libxapian30", "libc6", "libstdc++6"):
            self.assertIn(package, depends)
        self.assertEqual(sorted(depends), sorted(set(depends)), "a package named twice in Depends")
        self.assertIn("hunspell-en-med", self.field("Recommends"))

    def test_layout(self):
        expected = [
            "bin/qadex-index", "bin/qadex-search", "lib/cgi-bin/qadex.cgi",
            "share/qadex/medical-synonyms.txt", "share/qadex/search.cgi",
            "share/doc/qadex/README.md", "share/doc/qadex/docs/WEB.md", "share/doc/qadex/docs/FORMATS.md",
            "share/doc/qadex/copyright", "share/doc/qadex/changelog.Debian.gz",
            "share/man/man1/qadex-index.1.gz", "share/man/man1/qadex-search.1.gz", "share/man/man8/qadex.cgi.8.gz",
            "share/bash-completion/completions/qadex-index", "share/bash-completion/completions/qadex-search",
        ]
        for path in expected:
            self.assertTrue((self.usr / path).is_file(), path)
        for program in ("bin/qadex-index", "bin/qadex-search", "lib/cgi-bin/qadex.cgi", "share/qadex/search.cgi"):
            self.assertTrue(os.access(self.usr / program, os.X_OK), program)
        self.assertFalse(os.access(self.usr / "share/qadex/medical-synonyms.txt", os.X_OK))

    def test_copyright_and_changelog(self):
        copyright = (self.usr / "share/doc/qadex/copyright").read_text()
        self.assertIn("MeQSum", copyright)
        self.assertIn("CC-BY-4.0", copyright)
        changelog = gzip.decompress((self.usr / "share/doc/qadex/changelog.Debian.gz").read_bytes()).decode()
        self.assertTrue(changelog.startswith(f"qadex ({self.field('Version')}) "), changelog[:80])

    def test_installed_programs_index_and_search_the_sample_corpus(self):
        env = {"PATH": f"{self.usr / 'bin'}:/usr/bin:/bin", "HOME": str(self.tmp), "LC_ALL": "C.UTF-8"}
        db = str(self.tmp / "db")
        synonyms = str(self.usr / "share/qadex/medical-synonyms.txt")
        run(["qadex-index", "--db", db, "--quiet", "--synonyms", synonyms, str(SOURCE_DIR / "corpus")], env=env)
        out = run(["qadex-search", "--db", db, "--format", "json", "does Botox cause atrophy"], env=env)
        first = json.loads(out)["results"][0]
        self.assertEqual(first["thread_id"], "thr-botox-permanent-atrophy-after-stopping")
        text = run(["qadex-search", "--db", db, "--color=never", "does Botox cause atrophy"], env=env)
        self.assertIn("1. Can repeated Botox cause permanent muscle atrophy after I stop?", text)
        cgi = run([str(self.usr / "lib/cgi-bin/qadex.cgi")], env=dict(
            env, GATEWAY_INTERFACE="CGI/1.1", REQUEST_METHOD="GET", QUERY_STRING="q=botox+atrophy&format=json",
            QADEX_DB=db))
        self.assertIn("thr-botox", cgi)
        self.assertEqual(run(["qadex-search", "--version"], env=env).split()[:2], ["qadex-search", self.field("Version")])

    def test_man_pages_render(self):
        for page in ("man1/qadex-index.1.gz", "man1/qadex-search.1.gz", "man8/qadex.cgi.8.gz"):
            r = subprocess.run(["man", "-l", str(self.usr / "share/man" / page)], capture_output=True, text=True,
                               env=dict(os.environ, MANWIDTH="100"))
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("EXIT STATUS", r.stdout)


if __name__ == "__main__":
    unittest.main()
