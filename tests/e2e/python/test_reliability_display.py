#!/usr/bin/env python3
"""What a search reads to show an answer, and what qadex-search shows (issue 21).

On a database generated here (one answer of several megabytes, a thread of
many short answers, a thread whose fields hold bidi controls and escape
sequences, 40 ordinary threads):

- a one-shot query whose result is the huge answer costs no more memory
  than one whose result is a short answer (the document data holds a 64 KiB
  window of each long text; before, 8.4 MB of answer made a query use 89 MB);
  its snippet comes from the window, even for a word found only past it;
- `--thread ID` shows that answer's window and says it is cut (text, JSON);
- `--thread ID [--page N]` shows a thread 500 answers a page, says which,
  and decodes only that page: the last page of the big thread costs what the
  first does;
- text for the terminal carries no bidi control and no escape sequence from
  the index.

    test_reliability_display.py             # CI: a 3 MB answer, 2,000 answers
    test_reliability_display.py --measure   # an 8.4 MB answer, 100,000 answers: figures
"""
import argparse
import json
import random
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import reliability_support as rs  # noqa: E402

BIG = "huge-answer"
MANY = "many-answers"
SPOOF = "spoofed-fields"
PAGE = 500
# A query's whole process, start-up included, may use this much more memory
# when its results show the huge answer than when they show short ones only.
MAX_EXTRA_RSS_MB = 8
MAX_RSS_MB = 64  # --measure: the goal for one query, whole process
TIME = shutil.which("time", path="/usr/bin:/bin")


def write_corpus(path, big_bytes, many):
    rng = random.Random(21)
    words = "patient doctor dose symptom treatment pain chronic fatigue therapy daily week month".split()

    def text(n):
        out, size = [], 0
        while size < n:
            word = rng.choice(words)
            out.append(word)
            size += len(word) + 1
        return " ".join(out)

    with open(path, "w", encoding="utf-8") as f:
        def put(thread):
            f.write(json.dumps(thread) + "\n")
        big_body = "Quagmire opening words of the huge answer. " + text(big_bytes) + " A xylophonist at the very end."
        put({"id": BIG, "title": "A question with one huge answer", "question": "Is a quagmire deep?",
             "answers": [{"id": f"{BIG}-a1", "body": big_body, "author": "Dr. Long"},
                         {"id": f"{BIG}-a2", "body": "A short quagmire answer."}]})
        put({"id": MANY, "title": "A question answered many times",
             "answers": [{"id": f"{MANY}-a{i}", "body": f"Answer {i} of the crowd."} for i in range(1, many + 1)]})
        put({"id": SPOOF, "title": "Bidi \u202etxt.exe\u202c and \x1b[31mred\x1b[0m title",
             "url": "https://example.org/\u2066x", "source": "src\u202d",
             "answers": [{"id": f"{SPOOF}-a1", "author": "Dr. \u202eyliE", "specialty": "\x1b]0;pwned\x07Derm",
                          "body": "Spoofed \u2067quagmire\u2069 body with an \x1b[2J escape."}]})
        for i in range(40):
            put({"id": f"small-{i}", "title": f"Small question {i} about a quagmire",
                 "answers": [{"id": f"small-{i}-a1", "body": "quagmire " + ("tambourine " if i == 0 else "") + text(600)}]})
    return len(big_body.encode())


def search(db, *args):
    r = rs.run([rs.SEARCH_TOOL, "--db", str(db), *args])
    rs.assert_no_sanitizer_report(r.err_text, " ".join(args))
    rs.require(r.code == 0, f"qadex-search {' '.join(args)}: exit {r.code}: {r.err_text}")
    return r


def peak_rss_mb(run, *args):
    """The query's own peak RSS: through /usr/bin/time when there is one, as a
    child of Python reports the interpreter's RSS at fork as its floor."""
    if not TIME:
        return run.max_rss_kb / 1024
    with tempfile.NamedTemporaryFile("r") as out:
        timed = rs.run([TIME, "-f", "%M", "-o", out.name, rs.SEARCH_TOOL, *args])
        rs.require(timed.code == 0, f"qadex-search {' '.join(args)}: exit {timed.code}")
        return int(out.read().split()[-1]) / 1024


def check_memory(db, big_bytes, failures, measure):
    # The same query but for its one word: the huge answer alone, or a short one alone.
    big_args, small_args = ["--db", str(db), "xylophonist"], ["--db", str(db), "tambourine"]
    shows_big = search(db, "--format", "json", "xylophonist")
    hits = json.loads(shows_big.out)["results"]
    if [h["answer_id"] for h in hits] != [f"{BIG}-a1"]:
        failures.append(f"'xylophonist' did not find the huge answer alone: {[h['answer_id'] for h in hits]}")
    elif not hits[0]["snippet"].startswith("Quagmire opening words") or not hits[0]["snippet"].endswith("\u2026"):
        # The word is past the window: the snippet is the window's start, never its end.
        failures.append(f"the huge answer's snippet is not from its window: {hits[0]['snippet'][:120]!r}")
    big_mb, small_mb = peak_rss_mb(shows_big, *big_args), peak_rss_mb(search(db, "tambourine"), *small_args)
    result = {"answer_mb": round(big_bytes / 1e6, 1), "query_rss_mb": round(big_mb, 1),
              "short_answer_query_rss_mb": round(small_mb, 1), "query_cpu_s": round(shows_big.cpu_seconds, 3)}
    if rs.sanitized_build():
        result["memory"] = "not checked (sanitizer build)"
    elif big_mb - small_mb > MAX_EXTRA_RSS_MB:
        failures.append(f"showing the {big_bytes / 1e6:.1f} MB answer costs {big_mb - small_mb:.1f} MB more than "
                        f"a short answer (at most {MAX_EXTRA_RSS_MB} MB)")
    elif measure and big_mb > MAX_RSS_MB:
        failures.append(f"a query showing the huge answer used {big_mb:.1f} MB (goal < {MAX_RSS_MB})")
    return result


def check_long_answer_thread(db, big_bytes, failures):
    text = search(db, "--thread", BIG).out_text
    window = text.split("1. Dr. Long\n   ", 1)[1].split("\n", 1)[0]
    if not window.startswith("Quagmire opening words") or not 63 * 1024 < len(window.encode()) <= 64 * 1024:
        failures.append(f"--thread shows {len(window.encode())} bytes of the huge answer, not its 64 KiB window")
    if f" bytes of {big_bytes:,}" + ")]" not in text or "   [answer cut here (the first 65," not in text:
        failures.append("--thread does not say the huge answer is cut")
    answer = json.loads(search(db, "--thread", BIG, "--format", "json").out)["answers"][0]
    if not answer.get("body_cut") or answer.get("body_bytes") != big_bytes or answer["body"] != window:
        failures.append(f"--thread --format json: body_cut {answer.get('body_cut')}, body_bytes {answer.get('body_bytes')}")


def check_thread_pages(db, many, failures):
    pages = (many + PAGE - 1) // PAGE
    first = search(db, "--thread", MANY)
    last = search(db, "--thread", MANY, "--page", str(pages))
    past = search(db, "--thread", MANY, "--page", str(pages + 1))
    expect = [(first, f"\nAnswers 1-500 of {many} (page 1 of {pages})\n\n1. ", f"\n500. "),
              (last, f"\nAnswers {many - PAGE + 1}-{many} of {many} (page {pages} of {pages})\n\n{many - PAGE + 1}. ",
               f"\n   Answer {many} of the crowd.\n"),
              (past, f"\nNo answers on page {pages + 1}: the question has {many} answers, {pages} pages of 500\n", "")]
    for run, *wanted in expect:
        for want in wanted:
            if want not in run.out_text:
                failures.append(f"--thread {MANY}: {want!r} not in its output")
    if first.out_text.count(" of the crowd.\n") != PAGE or last.out_text.count(" of the crowd.\n") != PAGE:
        failures.append("a thread page does not show 500 answers")
    if f"Other pages: --page N, N from 1 to {pages} (500 answers a page)" not in first.out_text:
        failures.append("the thread's text does not say how to see the other pages")
    j = json.loads(search(db, "--thread", MANY, "--page", "2", "--format", "json").out)
    got = (j.get("answer_count"), j.get("page"), j.get("per_page"), len(j["answers"]))
    if got != (many, 2, PAGE, min(PAGE, many - PAGE)):
        failures.append(f"--thread --page 2 --format json: answer_count, page, per_page, answers {got}")
    first_mb = peak_rss_mb(first, "--db", str(db), "--thread", MANY)
    last_mb = peak_rss_mb(last, "--db", str(db), "--thread", MANY, "--page", str(pages))
    if not rs.sanitized_build() and last_mb - first_mb > MAX_EXTRA_RSS_MB:
        failures.append(f"the last page of the thread costs {last_mb - first_mb:.1f} MB more than the first")
    return {"thread_answers": many, "first_page_cpu_s": round(first.cpu_seconds, 3),
            "last_page_cpu_s": round(last.cpu_seconds, 3), "first_page_rss_mb": round(first_mb, 1),
            "last_page_rss_mb": round(last_mb, 1)}


def check_terminal_text(db, failures):
    outputs = {"results": search(db, "--color", "always", "spoofed", "quagmire").out_text,
               "thread": search(db, "--thread", SPOOF).out_text,
               "facets": search(db, "--facets", "spoofed").out_text}
    for name, out in outputs.items():
        for control in [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))] + ["\x07", "\x1b]", "\x1b[2J"]:
            if control in out:
                failures.append(f"{name}: {control!r} from the index reaches the terminal")
    if "Bidi txt.exe and \ufffd[31mred\ufffd[0m title" not in outputs["thread"]:
        failures.append(f"the thread's title is not shown with its controls replaced: {outputs['thread'][:200]!r}")
    if "\x1b[1;33m" not in outputs["results"]:  # our own highlight colour still is there
        failures.append("--color always lost its highlight")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--measure", action="store_true", help="an 8.4 MB answer and 100,000 answers: the figures")
    args = parser.parse_args()
    big, many = (8_400_000, 100_000) if args.measure else (3_000_000, 2_000)
    work = Path(tempfile.mkdtemp(prefix="qadex-display-"))
    try:
        corpus = work / "display.jsonl"
        big_bytes = write_corpus(corpus, big, many)
        db = work / "db"
        built = rs.index(db, "--quiet", corpus, timeout=1800)
        rs.require(built.code == 0, f"qadex-index: exit {built.code}: {built.err_text}")
        failures = []
        result = {"index_s": round(built.seconds, 1), "index_rss_mb": round(built.max_rss_kb / 1024, 1)}
        result.update(check_memory(db, big_bytes, failures, args.measure))
        check_long_answer_thread(db, big_bytes, failures)
        result.update(check_thread_pages(db, many, failures))
        check_terminal_text(db, failures)
        print("RESULT " + json.dumps(result), flush=True)
        for f in failures:
            print("FAIL:", f)
        return 1 if failures else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
