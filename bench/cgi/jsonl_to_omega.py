#!/usr/bin/env python3
"""Convert qadex JSON Lines threads to scriptindex input for Omega's CGI.

One record per answer with what bench/cgi/omega.index indexes and Omega's
template displays: id, thread, url, source, category, title, tags, body,
author, specialty, location, rating. Reuses the escaping of
bench/jsonl_to_scriptindex.py (newline inside a value -> newline + "=").

    bench/cgi/jsonl_to_omega.py INPUT.jsonl.gz -o OUTPUT.txt
"""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from jsonl_to_scriptindex import convert, field_line, text  # noqa: E402


def answer_record(thread, answer):
    """The scriptindex record of one answer (fields in index-script order)."""
    tags = "\n".join(t for t in thread.get("tags") or [] if isinstance(t, str))
    rating = answer.get("rating")
    fields = [("id", text(answer, "id")), ("thread", text(thread, "id")), ("url", text(thread, "url")),
              ("source", text(thread, "source")), ("category", text(thread, "category")),
              ("author", text(answer, "author")), ("specialty", text(answer, "specialty")),
              ("location", text(answer, "location")),
              ("rating", f"{rating:.1f}" if isinstance(rating, (int, float)) else ""),
              ("title", text(thread, "title")), ("tags", tags), ("body", text(answer, "body"))]
    # Empty fields are left out, except title and body: a record holding only
    # the unique field would make scriptindex delete the document.
    return "".join(field_line(name, value) for name, value in fields
                   if value or name in ("title", "body"))


def answer_records(thread):
    for answer in thread.get("answers") or []:
        if text(answer, "id"):
            yield answer_record(thread, answer)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", help="JSON Lines threads, .jsonl or .jsonl.gz")
    parser.add_argument("-o", "--output", required=True, help="output file")
    args = parser.parse_args()
    with open(args.output, "w", encoding="utf-8", newline="\n") as out:
        threads, records = convert(args.input, out, answer_records)
    print(f"jsonl_to_omega: {threads} threads, {records} records", file=sys.stderr)


if __name__ == "__main__":
    main()
