#!/usr/bin/env python3
"""A damaged database (issue 21): bytes of postlist.glass overwritten in a
copy of a small database, two ways that do not depend on where the indexer
put anything (every leaf block of the table is changed):

- "corrupt": each leaf block's level byte says 127: reading one raises
  Xapian's DatabaseCorruptError ("Expected block N to be level 0, not 127");
- "crashing": each entry of each leaf block's directory points 65,280 bytes
  past the block: libxapian reads there unchecked (glass keeps no checksums)
  and dies with SIGSEGV on opening the database.

qadex-search names the database and exits 10 (exit_code::damaged_database)
in every mode: one-shot, --similar, --thread, --suggest; --batch reports
each line (FILE:LINE: 'DB' is damaged ...) and goes on; the interactive
session prints the line and goes on. A crash is reported too: "'DB' is
probably damaged: reading it crashed the search (segmentation fault)", exit
10. qadex.cgi (and qadex-search run as a CGI program) answer 503 with
Retry-After, no path in the page, the path in the server's log (stderr),
crash or not; qadex.fcgi answers the crashing request 503 and exits 10.

With --flips N (scripts/reliability) it also flips 200 random bytes of one
table in each of N copies per table (postlist, termlist, docdata, position;
seeded) and runs three searches on each: every one must end with exit 0 or
10 (or 9 for --similar: the damage may lose the id), never by a signal or
with another code; a RESULT line counts the
outcomes, and the searches still running after 10 s (some damage sends
libxapian's B-tree cursor round in a loop: qadex-search has no deadline of
its own, qadex.cgi and qadex.fcgi answer 503 at theirs).

    test_reliability_damaged_search.py [--flips N]
"""
import argparse
import collections
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import reliability_support as rs  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
import fcgi_client  # noqa: E402

DAMAGED = 10  # exit_codes.hpp: damaged_database
NOT_FOUND = 9  # exit_codes.hpp: not_found
BLOCK = 8192  # qadex-index's glass block size
HANG_SECONDS = 10  # --flips: a search still running then is counted as a hang (libxapian looping)
FCGI_TOOL = os.environ.get("QADEX_FCGI_TOOL", str(rs.BUILD_DIR / "searcher" / "qadex.fcgi"))


def damage(source, target, how):
    """A copy of `source` with every leaf block of postlist.glass changed."""
    shutil.copytree(source, target)
    table = target / "postlist.glass"
    data = bytearray(table.read_bytes())
    leaves = 0
    for start in range(BLOCK, len(data), BLOCK):  # block 0 is never a live block of a new database
        level, dir_end = data[start + 4], int.from_bytes(data[start + 9:start + 11], "big")
        if level != 0 or not 11 <= dir_end <= BLOCK:
            continue
        leaves += 1
        if how == "corrupt":
            data[start + 4] = 127
        else:  # each directory entry: a 2-byte offset, its high byte now 0xff
            for entry in range(start + 11, start + dir_end, 2):
                data[entry] = 0xFF
    rs.require(leaves > 0, f"no leaf block found in {table}")
    table.write_bytes(data)
    return target


def search(db, *args, stdin=b""):
    return rs.run([rs.SEARCH_TOOL, "--db", str(db), *args], stdin=stdin, timeout=60)


def check_named(r, db, what, crashed=None):
    """Exit 10, no signal, and the message naming the database."""
    rs.assert_no_sanitizer_report(r.err_text, what)
    rs.require(r.code == DAMAGED, f"{what}: exit {r.code}, expected {DAMAGED}; stderr {r.err_text!r}")
    rs.require(f"'{db}' is" in r.err_text and "damaged" in r.err_text and "xapian-check" in r.err_text,
               f"{what}: the message does not name {db}: {r.err_text!r}")
    if crashed is not None:
        rs.require(("crashed" in r.err_text) == crashed, f"{what}: crash reported {not crashed}: {r.err_text!r}")


def check_cgi(program, db, what):
    """A 503 with Retry-After, no internals in the body, the database in the log."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "GATEWAY_INTERFACE": "CGI/1.1", "REQUEST_METHOD": "GET",
           "QUERY_STRING": "q=botox&format=json", "QADEX_DB": str(db)}
    r = rs.run([program], env=env, timeout=60)
    rs.assert_no_sanitizer_report(r.err_text, what)
    head, _, body = r.out.partition(b"\r\n\r\n")
    rs.require(r.code == 0 and head.startswith(b"Status: 503"), f"{what}: exit {r.code}, {r.out[:300]!r}")
    rs.require(b"Retry-After: 30" in head, f"{what}: no Retry-After: {head!r}")
    for secret in (str(db).encode(), b"glass", b"Xapian", b"damaged"):
        rs.require(secret not in body, f"{what}: the page shows {secret!r}: {body!r}")
    rs.require(str(db) in r.err_text, f"{what}: the log does not name the database: {r.err_text!r}")


def check_corrupt(db, work):
    check_named(search(db, "botox"), db, "one-shot", crashed=False)
    check_named(search(db, "--similar", "thr-botox-atrophy-long-term"), db, "--similar")
    check_named(search(db, "--thread", "thr-botox-atrophy-long-term"), db, "--thread")
    check_named(search(db, "--suggest", "bot"), db, "--suggest")

    batch = work / "queries.tsv"
    batch.write_text("1\tbotox\n2\tcancer treatment\n3\tacne scars\n")
    r = search(db, "--batch", str(batch), "--format", "trec")
    check_named(r, db, "--batch")
    for line in (1, 2, 3):  # every line reported: the batch went on
        rs.require(f"{batch}:{line}: '{db}' is damaged" in r.err_text, f"--batch line {line}: {r.err_text!r}")

    r = search(db, "-i", stdin=b"botox\n:help\ncancer treatment\n:quit\n")
    rs.require(r.code == 0, f"session: exit {r.code}: {r.err_text!r}")
    rs.require(r.err_text.count(f"'{db}' is damaged") == 2, f"session: {r.err_text!r}")
    rs.require(":quit" in r.out_text, f"the session did not go on after the damage: {r.out_text!r}")

    check_cgi(rs.CGI_TOOL, db, "qadex.cgi")
    check_cgi(rs.SEARCH_TOOL, db, "qadex-search as a CGI program")
    print("ok: DatabaseCorruptError named, exit 10 in every mode; --batch and the session go on; CGI 503")


def check_crashing(db, work):
    # Built with sanitizers, the tools' memory is laid out otherwise: the
    # read outside the block may fail as an error instead of a crash.
    crash = None if rs.sanitized_build() else True
    check_named(search(db, "botox"), db, "one-shot (crash)", crashed=crash)
    check_named(search(db, "--batch", "-", stdin=b"1\tbotox\n"), db, "--batch (crash)", crashed=crash)
    check_named(search(db, "-i", stdin=b"botox\n"), db, "session (crash)", crashed=crash)
    check_cgi(rs.CGI_TOOL, db, "qadex.cgi (crash)")
    check_cgi(rs.SEARCH_TOOL, db, "qadex-search as a CGI program (crash)")
    if not Path(FCGI_TOOL).exists():
        print("ok: a crash in libxapian named, exit 10; CGI 503 (qadex.fcgi not built)")
        return
    sock = work / "fcgi.sock"
    log = open(work / "fcgi.log", "wb")
    fcgi = subprocess.Popen([FCGI_TOOL, "--db", str(db), "--listen", f"unix:{sock}"], stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 10
        while not sock.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        status, headers, body = fcgi_client.get(sock, "q=botox")
        rs.require(status == 503 and headers.get("retry-after") == "30", f"qadex.fcgi: {status} {headers}")
        rs.require(str(db).encode() not in body, f"qadex.fcgi's page names the database: {body!r}")
        try:
            code = fcgi.wait(timeout=10)  # after a crash it exits; after an error it goes on serving
        except subprocess.TimeoutExpired:
            code = None
    finally:
        if fcgi.poll() is None:
            fcgi.kill()
            fcgi.wait()
        log.close()
    text = (work / "fcgi.log").read_text(errors="replace")
    rs.assert_no_sanitizer_report(text, "qadex.fcgi")
    rs.require(code == DAMAGED if crash else code in (None, DAMAGED), f"qadex.fcgi exited {code}: {text!r}")
    rs.require(str(db) in text, f"qadex.fcgi's log does not name the database: {text!r}")
    print("ok: a crash in libxapian named, exit 10; CGI 503; qadex.fcgi answers 503 and exits 10")


def random_flips(good, work, trials):
    """Random damage: every search ends with exit 0 or 10, named, in time."""
    outcomes = collections.Counter()
    failures = []
    rng = random.Random(21)
    queries = (["botox"], ["cancer treatment"], ["--similar", "thr-botox-atrophy-long-term"])
    for table in ("postlist.glass", "termlist.glass", "docdata.glass", "position.glass"):
        size = (good / table).stat().st_size
        for trial in range(trials):
            db = work / f"flipped-{table}-{trial}"
            shutil.copytree(good, db)
            with open(db / table, "r+b") as f:
                for at in sorted(rng.randrange(BLOCK, size) for _ in range(200)):
                    f.seek(at)
                    byte = f.read(1)[0]
                    f.seek(at)
                    f.write(bytes([byte ^ 0xFF]))
            for query in queries:
                r = rs.run([rs.SEARCH_TOOL, "--db", str(db), "--format", "json", *query], timeout=HANG_SECONDS)
                what = f"{table} copy {trial}, {query}"
                rs.assert_no_sanitizer_report(r.err_text, what)
                if r.code == 128 + 9 and r.seconds >= HANG_SECONDS:  # killed by run(): libxapian loops
                    kind = "hang"
                elif r.code == 0:
                    kind = "ok"
                elif r.code == NOT_FOUND and query[0] == "--similar":  # the damage lost the id's term
                    kind = "id not found"
                elif r.code == DAMAGED and f"'{db}'" in r.err_text:
                    kind = "crash named" if "crashed" in r.err_text else "error named"
                else:  # a signal, another exit code, or the database not named
                    kind = f"FAILED exit {r.code}"
                    failures.append(f"{what}: exit {r.code}: {r.err_text[:300]!r}")
                outcomes[(table, kind)] += 1
            shutil.rmtree(db)
    summary = ", ".join(f"{table} {kind} {n}" for (table, kind), n in sorted(outcomes.items()))
    print(f"RESULT damaged databases: {trials} copies per table x 3 searches: {summary}")
    rs.require(not failures, f"{len(failures)} searches neither answered nor named the damage:\n" + "\n".join(failures[:20]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--flips", type=int, default=0, help="random damaged copies per table")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="qadex-damaged-"))
    try:
        good = work / "good"
        r = rs.index(good, "--quiet", rs.SOURCE_DIR / "corpus")
        rs.require(r.code == 0, f"qadex-index: {r.err_text}")
        rs.require(search(good, "botox").code == 0, "the undamaged copy must search")
        if args.flips:  # first: its RESULT line counts the outcomes whatever the build (an older one too)
            random_flips(good, work, args.flips)
        check_corrupt(damage(good, work / "corrupt", "corrupt"), work)
        check_crashing(damage(good, work / "crashing", "crashing"), work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
