"""index-bench --rerun: what a nightly re-run of qadex-index costs (issue 17).

Each round, in a temporary directory:
  1. first build     qadex-index --db A INPUT            (a fresh database: the reference time)
  2. unchanged       qadex-index --db A INPUT            (every thread skipped)
  3. 1% changed      qadex-index --db A CHANGED          (CHANGED: INPUT with every 100th thread edited)
  4. full rebuild    qadex-index --db B CHANGED          (a fresh database, not timed against)
and then search-bench's benchmark queries must print the same output (qadex-search --batch
--format json, took_ms left out) from A and B: updating in place gives the index a rebuild gives.
The re-run times are reported as ratios of the first build's, with the issue's targets.
"""
import datetime
import gzip
import importlib.machinery
import importlib.util
import json
import os
import re
import shlex
import shutil
import sys
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

TARGET_UNCHANGED = 0.10  # re-run on unchanged input <= 10% of the first build
TARGET_CHANGED = 0.15    # with 1% of threads changed <= 15%
CHANGE_EVERY = 100       # one thread in 100 is edited
SUMMARY = re.compile(r"threads ([\d,]+) added, ([\d,]+) replaced, ([\d,]+) deleted, ([\d,]+) unchanged")


def load_search_bench(bench_dir):
    """search-bench's query set (make_queries), loaded as a module: it has no .py name."""
    loader = importlib.machinery.SourceFileLoader("search_bench", str(bench_dir / "search-bench"))
    spec = importlib.util.spec_from_loader("search_bench", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def write_changed_copy(ib, source, target):
    """Every CHANGE_EVERY-th thread (the 50th, 150th, ...) with a sentence added to its first
    answer: new words, new lengths, new spelling entries, as a real edit would bring."""
    changed = 0
    with ib.open_text(source) as lines, gzip.open(target, "wt", encoding="utf-8", compresslevel=6) as out:
        for n, line in enumerate(lines):
            if n % CHANGE_EVERY == CHANGE_EVERY // 2 and line.strip():
                thread = json.loads(line)
                if thread.get("answers"):
                    thread["answers"][0]["body"] = (thread["answers"][0].get("body") or "") + \
                        f" Reviewed again in nightly edit {n}: dosage wording clarified."
                    line = json.dumps(thread, ensure_ascii=False) + "\n"
                    changed += 1
            out.write(line)
    return changed


def index(ib, qadex, db, input_path, extra):
    """Runs qadex-index; returns (wall seconds, (added, replaced, deleted, unchanged))."""
    argv = [str(qadex), "--db", str(db), "--no-progress", *extra, str(input_path)]
    start = time.perf_counter()
    run = subprocess.run(argv, capture_output=True, text=True, env=ib.child_env())
    wall = time.perf_counter() - start
    if run.returncode not in (0, 3):
        ib.die(f"qadex-index failed ({run.returncode}): {run.stderr[-2000:]}")
    match = SUMMARY.search(run.stderr)
    if not match:
        ib.die(f"qadex-index printed no summary with an unchanged count:\n{run.stderr[-2000:]}")
    return wall, tuple(int(g.replace(",", "")) for g in match.groups())


def search_output(qadex_search, db, queries_file):
    """The batch output of every query, without its timing."""
    run = subprocess.run([str(qadex_search), "--db", str(db), "--batch", str(queries_file), "--format", "json"],
                         capture_output=True, text=True, check=True)
    return re.sub(r'"took_ms":\s*[0-9.eE+-]+,?', "", run.stdout)


def run_rounds(ib, args, input_path, stats, qadex_extra):
    sb = load_search_bench(ib.BENCH)
    qadex = args.build_dir / "indexer" / "qadex-index"
    qadex_search = args.build_dir / "searcher" / "qadex-search"
    for program in (qadex, qadex_search):
        if not program.exists():
            ib.die(f"{program} is missing: build first (drop --no-build)")
    topics = ib.shared_dir() / "eval" / "liveqa-dev.topics.jsonl"
    rounds = []
    with tempfile.TemporaryDirectory(prefix="qadex-index-rerun-") as tmp:
        work = Path(tmp)
        queries = sb.make_queries(topics, input_path)
        queries_file = work / "queries.tsv"
        sb.write_queries(queries, queries_file)
        changed_input = work / "changed.jsonl.gz"
        edited = write_changed_copy(ib, input_path, changed_input)
        ib.log(f"{edited} of {stats.threads} threads changed in {changed_input}; {len(queries)} queries")
        for round_no in range(1, args.runs + 1):
            a, b = work / f"a{round_no}", work / f"b{round_no}"
            first, first_counts = index(ib, qadex, a, input_path, qadex_extra)
            same, same_counts = index(ib, qadex, a, input_path, qadex_extra)
            after_same = search_output(qadex_search, a, queries_file)
            changed, changed_counts = index(ib, qadex, a, changed_input, qadex_extra)
            index(ib, qadex, b, changed_input, qadex_extra)
            identical = search_output(qadex_search, a, queries_file) == search_output(qadex_search, b, queries_file)
            rebuilt_input = work / f"c{round_no}"
            index(ib, qadex, rebuilt_input, input_path, qadex_extra)
            identical_same = after_same == search_output(qadex_search, rebuilt_input, queries_file)
            rounds.append({"first_s": first, "unchanged_s": same, "changed_s": changed,
                           "first_counts": first_counts, "unchanged_counts": same_counts,
                           "changed_counts": changed_counts, "identical_changed": identical,
                           "identical_unchanged": identical_same})
            ib.log(f"round {round_no}/{args.runs}: first build {first:.2f} s; unchanged {same:.2f} s "
                   f"({same / first:.1%}), counts {same_counts}; 1% changed {changed:.2f} s "
                   f"({changed / first:.1%}), counts {changed_counts}; same search output as a full rebuild: "
                   f"unchanged {identical_same}, changed {identical}")
            for path in (a, b, rebuilt_input):
                shutil.rmtree(path)
    return rounds, edited, len(queries)


def report(rounds, edited, query_count, stats):
    med = lambda key: statistics.median(r[key] for r in rounds)
    ratio = lambda key: statistics.median(r[key] / r["first_s"] for r in rounds)
    last = rounds[-1]
    fmt = lambda c: f"{c[0]:,} added, {c[1]:,} replaced, {c[3]:,} unchanged"
    same_ok = all(r["identical_unchanged"] for r in rounds)
    changed_ok = all(r["identical_changed"] for r in rounds)
    rows = [
        "| run | wall s (median) | min–max s | ratio to first build (median) | target | met | threads (last round) |",
        "|---|--:|--:|--:|--:|---|---|",
        f"| first build | {med('first_s'):.2f} | {min(r['first_s'] for r in rounds):.2f}–"
        f"{max(r['first_s'] for r in rounds):.2f} | 1.00 | | | {fmt(last['first_counts'])} |",
    ]
    for key, label, target, counts, same in (
            ("unchanged_s", "re-run, unchanged", TARGET_UNCHANGED, "unchanged_counts", same_ok),
            ("changed_s", f"re-run, 1% changed ({edited:,} threads)", TARGET_CHANGED, "changed_counts", changed_ok)):
        met = ratio(key) <= target and same
        rows.append(f"| {label} | {med(key):.2f} | {min(r[key] for r in rounds):.2f}–{max(r[key] for r in rounds):.2f}"
                    f" | {ratio(key):.3f} | ≤ {target:.2f} | {'yes' if met else 'NO'} | {fmt(last[counts])} |")
    notes = [f"Search output of the {query_count} benchmark queries (search-bench's, `qadex-search --batch "
             f"--format json` without took_ms) identical to a full rebuild of the same input: after the "
             f"unchanged re-run {'yes' if same_ok else 'NO'}, after the 1% changed re-run "
             f"{'yes' if changed_ok else 'NO'} (every round)."]
    return "\n".join(rows), notes, same_ok and changed_ok


def main(ib, args, input_path, input_label, stats, qadex_extra):
    load_before = os.getloadavg()[0]
    rounds, edited, query_count = run_rounds(ib, args, input_path, stats, qadex_extra)
    load = (load_before, os.getloadavg()[0])
    table, notes, identical = report(rounds, edited, query_count, stats)
    print(table)
    print("\n".join(notes))
    if args.json:
        Path(args.json).write_text(json.dumps({"input": input_label, "rounds": rounds, "load": list(load)},
                                              indent=1) + "\n")
    if not args.no_results:
        key = f"rerun:{args.input.name}:x{args.scale}"
        runs = f"{args.runs} round" + ("s" if args.runs > 1 else "")
        text = "\n".join([
            f"<!-- index-bench:{key} -->",
            f"## Nightly re-run, {input_label}: {stats.threads:,} threads, {stats.answers:,} answers, {runs}",
            "",
            f"- Date: {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
            f"- Commit: {ib.git_commit(args.build_dir)}; build type {ib.build_type(args.build_dir)}",
            f"- Machine: {ib.machine()}; load average {load[0]:.2f} before, {load[1]:.2f} after",
            f"- Command: `{shlex.join(['bench/index-bench', *sys.argv[1:]])}`",
            "", table, "", *notes,
            f"<!-- /index-bench:{key} -->",
        ]) + "\n"
        ib.update_results(key, text)
        ib.log(f"section '{key}' written to {ib.RESULTS_MD.relative_to(ib.REPO)}")
    return 0 if identical else 1
