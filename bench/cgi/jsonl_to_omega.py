#!/usr/bin/env python3
"""Convert qadex JSON Lines threads to scriptindex input for Omega's CGI.

One record per answer with what bench/cgi/omega.index indexes and Omega's
template displays: id, thread, url, source, category, title, tags, body,
author, specialty, location, rating. Reuses the escaping of
bench/jsonl_to_scriptindex.py (newline inside a value -> newline + "=").

    bench/cgi/jsonl_to_omega.py INPUT.jsonl.gz -o OUTPUT.txt
"""
import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from jsonl_to_scriptindex import field_line, open_text, text  # noqa: E402


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


def convert(input_path, out):
    threads = records = 0
    with open_text(input_path) as lines:
        for line_no, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                thread = json.loads(line)
            except json.JSONDecodeError as err:
                print(f"{input_path}:{line_no}: {err}, skipped", file=sys.stderr)
                continue
            threads += 1
            for answer in thread.get("answers") or []:
                if text(answer, "id"):
                    out.write(answer_record(thread, answer) + "\n")
                    records += 1
    return threads, records


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", help="JSON Lines threads, .jsonl or .jsonl.gz")
    parser.add_argument("-o", "--output", required=True, help="output file")
    args = parser.parse_args()
    with open(args.output, "w", encoding="utf-8", newline="\n") as out:
        threads, records = convert(args.input, out)
    print(f"jsonl_to_omega: {threads} threads, {records} records", file=sys.stderr)


if __name__ == "__main__":
    main()
