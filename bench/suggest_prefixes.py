#!/usr/bin/env python3
"""Prefixes typed into a search box, for bench_suggest: from the titles of a
JSON Lines corpus (MedQuAD by default), deterministic for a given --seed.

Each line is what someone had typed when a request went out: the first 1 to 6
letters of a title word ("diab"), that after the title's earlier words
("what are the symptoms of diab"), or a word of 5+ letters with one typo
(a letter dropped, doubled or two swapped: "diabtes"), so the misspelt-prefix
walk is measured too.

    bench/suggest_prefixes.py --count 400 > /tmp/prefixes.txt
"""
import argparse
import gzip
import json
import os
import random
import re
from pathlib import Path

WORD = re.compile(r"[A-Za-z]+")


def default_input():
    repo = Path(__file__).resolve().parent.parent
    shared = Path(os.environ.get("QADEX_SHARED_DIR") or repo.parent / "shared")
    return shared / "corpora" / "medquad.jsonl.gz"


def typo(word, rng):
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("drop", "double", "swap"))
    if kind == "drop":
        return word[:i] + word[i + 1:]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", type=Path, default=default_input())
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args()
    with gzip.open(args.input, "rt", encoding="utf-8") as f:
        titles = [json.loads(line)["title"] for line in f]
    rng = random.Random(args.seed)
    for _ in range(args.count):
        words = WORD.findall(rng.choice(titles))
        if not words:
            continue
        k = rng.randrange(len(words))
        word = words[k]
        roll = rng.random()
        if roll < 0.15 and len(word) >= 5:
            last = typo(word.lower(), rng)
        else:
            last = word[: rng.randint(1, min(6, len(word)))]
        before = " ".join(words[:k]) + " " if roll > 0.7 else ""
        print(before + last)


if __name__ == "__main__":
    main()
