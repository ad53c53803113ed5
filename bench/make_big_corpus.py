#!/usr/bin/env python3
"""Make an N-times larger corpus from a JSON Lines thread corpus (MedQuAD by default).

Copy k (0 <= k < N) of every thread gets the thread and answer ids suffixed with
"-c<k>", so all ids are unique and nothing is replaced on indexing, and each
answer body is lightly perturbed: its sentences are shuffled and, when it has
three or more, one is dropped. That keeps the vocabulary and document lengths of
the original while making copies differ (positions, term frequencies), so the
index grows as it would with N times more real text, not as N exact duplicates.

Streams: the input is read once per copy, one line at a time, so memory use is
constant whatever N is. The output is deterministic for a given input, N and
--seed. Written to a temporary name and renamed, so a killed run never leaves a
truncated file behind under the final name.

    bench/make_big_corpus.py --copies 10 --output /tmp/medquad-x10.jsonl.gz
"""
import argparse
import gzip
import json
import multiprocessing
import os
import random
import re
import shutil
import sys
from pathlib import Path

# A sentence ends at ., ! or ? followed by white space (good enough for
# MedQuAD's prose; the point is plausible text, not linguistics).
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def default_input():
    """The shared MedQuAD corpus: $QADEX_SHARED_DIR, else ../shared beside the repo."""
    repo = Path(__file__).resolve().parent.parent
    shared = Path(os.environ.get("QADEX_SHARED_DIR") or repo.parent / "shared")
    return shared / "corpora" / "medquad.jsonl.gz"


def open_text(path):
    """Open a plain or gzip-compressed UTF-8 file for reading lines."""
    if str(path).endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, "r", encoding="utf-8")


TYPO_RATE = 1 / 200  # share of words given a typo; a word has at most len-1 variants


def add_typos(text, rng):
    """Swap two neighbouring letters in about TYPO_RATE of the words of 5+ letters.

    Positions are drawn per body, not per word, so the cost stays in C
    (split/join) on the 200 million words of a 1M-answer corpus.
    """
    words = text.split(" ")
    edits = int(len(words) * TYPO_RATE + rng.random())  # rounds up with the right probability
    for i in rng.sample(range(len(words)), min(edits, len(words))):
        w = words[i]
        if len(w) >= 5 and w.isalpha():
            j = rng.randrange(len(w) - 1)
            words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    return " ".join(words)


def perturb(body, rng):
    """Shuffle the sentences of body, drop one of them if there are 3 or more, add typos."""
    sentences = [s for s in SENTENCE_END.split(body) if s]
    if len(sentences) >= 2:
        rng.shuffle(sentences)
        if len(sentences) >= 3:
            del sentences[rng.randrange(len(sentences))]
    return add_typos(" ".join(sentences), rng)


def copy_thread(thread, k, rng):
    """Copy k of one thread: ids suffixed with -c<k>, answer bodies perturbed."""
    suffix = f"-c{k}"
    thread["id"] = f"{thread['id']}{suffix}"
    for answer in thread.get("answers") or []:
        answer["id"] = f"{answer['id']}{suffix}"
        if isinstance(answer.get("body"), str):
            answer["body"] = perturb(answer["body"], rng)
    return thread


def write_copies(input_path, copies, seed, out):
    """Write copies k in `copies` (a range) of every thread of input_path to out; return the
    counts that bench/index-bench checks every indexer against (threads, answers with an id, raw bytes)."""
    written = answers = raw = 0
    for k in copies:
        # One generator per copy: copy k is the same whatever the number of copies.
        rng = random.Random(f"{seed}:{k}")
        with open_text(input_path) as lines:
            for line in lines:
                if not line.strip():
                    continue
                thread = copy_thread(json.loads(line), k, rng)
                text = json.dumps(thread, ensure_ascii=False) + "\n"
                out.write(text)
                written += 1
                answers += sum(1 for a in thread.get("answers") or [] if isinstance(a, dict) and a.get("id"))
                raw += len(text.encode("utf-8"))
    return written, answers, raw


def write_part(input_path, first, last, seed, part):
    """One worker's share: copies first..last-1 as a gzip file of its own."""
    with gzip.open(part, "wt", encoding="utf-8", compresslevel=1, newline="\n") as out:
        return write_copies(input_path, range(first, last), seed, out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", default=str(default_input()),
                        help="source corpus, .jsonl or .jsonl.gz (default: shared MedQuAD)")
    parser.add_argument("--copies", type=int, default=10, help="how many copies (default 10)")
    parser.add_argument("--seed", default="1", help="random seed for the perturbation (default 1)")
    parser.add_argument("--output", required=True, help="output .jsonl.gz file")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="worker processes, each writing a range of copies (default: the number of cores)")
    args = parser.parse_args()
    if args.copies < 1:
        parser.error("--copies must be at least 1")

    output = Path(args.output)
    partial = output.with_name(output.name + ".partial")
    # Each job writes a range of copies as its own gzip member (compresslevel 1:
    # the file is a cache read once or twice); members concatenated in order are
    # one gzip file whose text is the same whatever --jobs is.
    jobs = max(1, min(args.jobs, args.copies))
    bounds = [args.copies * j // jobs for j in range(jobs + 1)]
    parts = [output.with_name(f"{output.name}.part{j}") for j in range(jobs)]
    try:
        with multiprocessing.Pool(jobs) as pool:
            counts = pool.starmap(write_part, [(args.input, bounds[j], bounds[j + 1], args.seed, parts[j])
                                               for j in range(jobs)])
        with open(partial, "wb") as out:
            for part in parts:
                with open(part, "rb") as member:
                    shutil.copyfileobj(member, out)
    finally:
        for part in parts:
            part.unlink(missing_ok=True)
    written, answers, raw = (sum(c[i] for c in counts) for i in range(3))
    partial.replace(output)
    # Written after the corpus, so a newer sidecar always describes it.
    stats = output.with_name(output.name + ".stats.json")
    stats.write_text(json.dumps({"threads": written, "answers": answers, "raw_bytes": raw}) + "\n")
    print(f"make_big_corpus: {written} threads written to {output}", file=sys.stderr)


if __name__ == "__main__":
    main()
