#!/usr/bin/env python3
"""A full disk during a build beside the database (issue 21): the database
lives on a 1 MB tmpfs, and `qadex-index --rebuild` (one writer, a parallel
build, a sharded one) gets an input that does not fit. Each must end with
exit 1 and one line, "rebuild abandoned: no space left on device; 'PATH' is
unchanged", leave the database byte for byte as it was, remove everything
it wrote (the space is free again) and report no thread "added". A new
sharded index that does not fit is not created.

The tmpfs is mounted in a private mount namespace (unshare -m; unshare -rm
when not root), so that nothing outside the test sees it or outlives it;
where neither can be made, the test is skipped.

    test_reliability_disk_full.py
"""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import reliability_support as rs  # noqa: E402

IN_NAMESPACE = "QADEX_DISK_FULL_NAMESPACE"
FAILURE = 1  # exit_codes.hpp


def enter_private_mount_namespace():
    """Runs this script again in a mount namespace of its own."""
    if os.environ.get(IN_NAMESPACE):
        return
    unshare = shutil.which("unshare")
    if not unshare:
        rs.skip("no unshare: cannot mount a small file system")
    env = dict(os.environ, **{IN_NAMESPACE: "1"})
    for flags in ([["-m"]] if os.geteuid() == 0 else []) + [["-r", "-m"]]:
        command = [unshare, *flags, "--propagation", "private"]
        if subprocess.run(command + ["true"], capture_output=True).returncode == 0:
            os.execve(unshare, command + [sys.executable, __file__, *sys.argv[1:]], env)
    rs.skip("cannot make a private mount namespace (unshare -m, unshare -rm)")


def snapshot(db):
    return {str(p.relative_to(db)): p.read_bytes() for p in sorted(Path(db).rglob("*")) if p.is_file()}


def main():
    enter_private_mount_namespace()
    work = Path(tempfile.mkdtemp(prefix="qadex-disk-full-"))
    small_fs = work / "fs"
    small_fs.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(small_fs)]).returncode != 0:
        shutil.rmtree(work)
        rs.skip("cannot mount a tmpfs")
    failures = []
    try:
        rs.make_corpus(work / "small.jsonl", 20)
        rs.make_corpus(work / "big.jsonl", 1000)  # about 3 MB of index: does not fit
        db = small_fs / "db"
        r = rs.index(db, "--quiet", work / "small.jsonl")
        rs.require(r.code == 0, r.err_text)
        before = snapshot(db)
        runs = {"one writer": ["-j1"], "parallel build": ["-j2"], "sharded": ["--shards", "2"]}
        for name, args in runs.items():
            r = rs.index(db, "--rebuild", *args, work / "big.jsonl")
            rs.assert_no_sanitizer_report(r.err_text, f"({name})")
            expected = f"qadex-index: rebuild abandoned: no space left on device; '{db}' is unchanged\n"
            if r.code != FAILURE or r.err_text != expected:
                failures.append(f"{name}: exit {r.code}, {r.err_text!r}; expected exit {FAILURE}, {expected!r}")
            if snapshot(db) != before:
                failures.append(f"{name}: the database changed")
            left = sorted(p.name for p in small_fs.iterdir())
            if left != ["db", "db.lock"]:
                failures.append(f"{name}: left beside the database: {left}")
        fresh = small_fs / "new"
        r = rs.index(fresh, "--shards", "2", work / "big.jsonl")
        expected = f"qadex-index: build abandoned: no space left on device; '{fresh}' was not created\n"
        if r.code != FAILURE or r.err_text != expected:
            failures.append(f"new sharded index: exit {r.code}, {r.err_text!r}; expected {expected!r}")
        if sorted(p.name for p in small_fs.iterdir()) != ["db", "db.lock", "new.lock"]:
            failures.append(f"new sharded index: left {sorted(p.name for p in small_fs.iterdir())}")
        # The space is free again: a rebuild that fits goes through.
        r = rs.index(db, "--rebuild", "--quiet", work / "small.jsonl")
        if r.code != 0:
            failures.append(f"a rebuild that fits: exit {r.code}: {r.err_text}")
        print("RESULT " + json.dumps({"runs": len(runs) + 2, "failures": len(failures)}))
    finally:
        subprocess.run(["umount", str(small_fs)])
        shutil.rmtree(work, ignore_errors=True)
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
