#!/usr/bin/env python3
"""Convert qadex JSON Lines threads (.jsonl or .jsonl.gz) to scriptindex input.

One record per answer, with the fields id, title, tags and body that
bench/scriptindex/medquad.index expects. The format (man scriptindex, "Input
files"): `name=value` lines, records separated by a blank line, and a newline
inside a value escaped by starting the next line with "=". Streams: memory use
does not grow with the input.

    bench/jsonl_to_scriptindex.py INPUT.jsonl.gz > OUTPUT.txt
    bench/jsonl_to_scriptindex.py -o OUTPUT.txt INPUT.jsonl.gz
"""
import argparse
import gzip
import json
import sys


def open_text(path):
    """Open a plain or gzip-compressed UTF-8 file for reading lines."""
    if path.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, "r", encoding="utf-8")


def field_line(name, value):
    """One `name=value` line, with embedded newlines escaped as "\\n=".

    Carriage returns become newlines first, so that a CR never ends up at the
    end of a physical line where a reader might strip it.
    """
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return f"{name}={value.replace(chr(10), chr(10) + '=')}\n"


def text(obj, key):
    """obj[key] if it is a string, else "" (qadex treats null as absent)."""
    value = obj.get(key)
    return value if isinstance(value, str) else ""


def thread_records(thread):
    """Yield the scriptindex record of each answer of one thread."""
    title = text(thread, "title")
    tags = "\n".join(t for t in thread.get("tags") or [] if isinstance(t, str))
    for answer in thread.get("answers") or []:
        answer_id = text(answer, "id")
        if not answer_id:
            continue
        # title and body are written even when empty: a record holding only the
        # unique field would make scriptindex *delete* the document.
        yield (field_line("id", answer_id) + field_line("title", title)
               + (field_line("tags", tags) if tags else "")
               + field_line("body", text(answer, "body")))


def convert(input_path, out, records_of=None):
    """Write every record of input_path to out; return (threads, records).
    records_of(thread) yields a thread's records (default: thread_records)."""
    records_of = records_of or thread_records
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
            for record in records_of(thread):
                out.write(record)
                out.write("\n")  # the blank line that ends a record
                records += 1
    return threads, records


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", help="JSON Lines threads, .jsonl or .jsonl.gz")
    parser.add_argument("-o", "--output", help="output file (default: standard output)")
    args = parser.parse_args()
    # newline="\n": the format is line-based, never let the platform rewrite it.
    out = (open(args.output, "w", encoding="utf-8", newline="\n") if args.output
           else open(sys.stdout.fileno(), "w", encoding="utf-8", newline="\n", closefd=False))
    with out:
        threads, records = convert(args.input, out)
    print(f"jsonl_to_scriptindex: {threads} threads, {records} records", file=sys.stderr)


if __name__ == "__main__":
    main()
