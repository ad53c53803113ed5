"""bench/run's report: the issue 7 targets and the summary tables, as Markdown.

Pure functions over the JSON that bench/index-bench --json and
bench/search-bench --json write, so the tables can be tested on tiny made-up
figures (tests/e2e/python/test_bench_run_report.py) without running anything.
"""
import math

MB = 1_000_000

# Issue 7's targets.
INDEX_VS_BARE = 1.5        # qadex-index docs/s >= 1.5x the bare libxapian loop's
RSS_MB_AT_1M = 300         # qadex-index peak RSS at 1M answers, MB (10^6 bytes)
CGI_VS_QUEST = 1.5         # per-process median <= 1.5x quest's
P99_MS_SMALL = 20          # in-process p99 at MedQuAD's 18k answers
P99_MS_1M = 100            # ... and at 1M answers
QPS_VS_FTS5 = 10           # in-process queries/s >= 10x SQLite FTS5's
ONE_MILLION = 900_000      # a scale point with at least this many answers counts as "1M"


def verdict(good):
    return "met" if good else "**NOT met**"


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---" if i == 0 else "--:" for i in range(len(header))) + "|"]
    return "\n".join(lines + ["| " + " | ".join(str(c) for c in r) + " |" for r in rows])


def mb(nbytes):
    return f"{nbytes / MB:,.1f}" if nbytes else "–"


def rss_mb(tool):
    return tool["rss_kib"] * 1024 / MB


def answers_label(n):
    return f"{n / 1e6:.2f}M" if n >= 1e6 else f"{n / 1e3:.0f}k"


def load_text(load):
    return f"{load[0]:.2f} → {load[1]:.2f}"


# ---------------------------------------------------------------- targets

def targets(index, search, scale):
    """[(target, measured, verdict)] for every target the figures allow judging."""
    rows = []
    t = index.get("tools", {})
    if "qadex" in t and "bare" in t:
        r = t["qadex"]["docs_per_s"] / t["bare"]["docs_per_s"]
        rows.append((f"indexing ≥ {INDEX_VS_BARE}× the bare loop's docs/s (18k)",
                     f"{t['qadex']['docs_per_s']:,.0f} vs {t['bare']['docs_per_s']:,.0f} docs/s: ×{r:.2f}",
                     verdict(r >= INDEX_VS_BARE)))
    big = [p for p in scale if p["answers"] >= ONE_MILLION and "qadex" in p["index"]["tools"]]
    for p in big:
        rss = rss_mb(p["index"]["tools"]["qadex"])
        rows.append((f"indexing peak RSS ≤ {RSS_MB_AT_1M} MB at {answers_label(p['answers'])}",
                     f"{rss:,.0f} MB", verdict(rss <= RSS_MB_AT_1M)))
    proc = search.get("process", {})
    if "qadex" in proc and "quest" in proc:
        r = proc["qadex"]["p50_ms"] / proc["quest"]["p50_ms"]
        rows.append((f"per-process median ≤ {CGI_VS_QUEST}× quest's (18k)",
                     f"{proc['qadex']['p50_ms']:.2f} vs {proc['quest']['p50_ms']:.2f} ms: ×{r:.2f}",
                     verdict(r <= CGI_VS_QUEST)))
    batch = search.get("batch", {})
    if "qadex" in batch:
        p99 = batch["qadex"]["p99_ms"]
        rows.append((f"in-process p99 ≤ {P99_MS_SMALL} ms (18k)", f"{p99:.1f} ms", verdict(p99 <= P99_MS_SMALL)))
    for p in big:
        p99 = p["search"]["batch"]["qadex"]["p99_ms"]
        rows.append((f"in-process p99 ≤ {P99_MS_1M} ms at {answers_label(p['answers'])}", f"{p99:.1f} ms",
                     verdict(p99 <= P99_MS_1M)))
    if "qadex" in batch and "fts5" in batch:
        r = batch["qadex"]["qps"] / batch["fts5"]["qps"]
        rows.append((f"in-process queries/s ≥ {QPS_VS_FTS5}× SQLite FTS5's (18k)",
                     f"{batch['qadex']['qps']:,.0f} vs {batch['fts5']['qps']:,.0f}: ×{r:.1f}",
                     verdict(r >= QPS_VS_FTS5)))
    for p in big:
        b = p["search"]["batch"]
        if "fts5" in b:
            r = b["qadex"]["qps"] / b["fts5"]["qps"]
            rows.append((f"in-process queries/s ≥ {QPS_VS_FTS5}× SQLite FTS5's at {answers_label(p['answers'])}",
                         f"{b['qadex']['qps']:,.1f} vs {b['fts5']['qps']:,.1f}: ×{r:.1f}",
                         verdict(r >= QPS_VS_FTS5)))
    return rows


def targets_table(index, search, scale):
    return table(("target (issue 7)", "measured", "verdict"), targets(index, search, scale))


# ---------------------------------------------------------------- 1. indexing

def indexing_table(index):
    t = index["tools"]
    bare = t.get("bare")
    rows = []
    for tool in t.values():
        ratio = f" (×{tool['docs_per_s'] / bare['docs_per_s']:.2f})" if bare else ""
        rows.append((tool["label"], f"{tool['docs_per_s']:,.0f}{ratio}", f"{tool['raw_mb_per_s']:.2f}",
                     f"{tool['wall_s']:.2f}", f"{tool['cpu_s']:.2f}", f"{rss_mb(tool):,.0f}",
                     mb(tool["db_bytes"]), mb(tool["compact_bytes"])))
    return table(("indexer", "docs/s (× bare)", "MB/s raw", "wall s", "CPU s", "peak RSS MB", "DB MB",
                  "compacted MB"), rows)


# ---------------------------------------------------------------- 2. searching

def process_table(search):
    proc = search["process"]
    quest = proc.get("quest")
    rows = []
    for tool in proc.values():
        ratio = f" (×{tool['p50_ms'] / quest['p50_ms']:.2f} quest)" if quest else ""
        rows.append((tool["label"], f"{tool['p50_ms']:.2f}{ratio}", f"{tool['p95_ms']:.2f}"))
    return table(("one process per query", "median ms", "p95 ms"), rows)


def batch_table(search):
    batch = search["batch"]
    qadex = batch["qadex"]
    rows = []
    for key, tool in batch.items():
        ratio = "" if key == "qadex" else f" (qadex ×{qadex['qps'] / tool['qps']:.1f})"
        rows.append((tool["label"], f"{tool['p50_ms']:.3f}", f"{tool['p95_ms']:.3f}", f"{tool['p99_ms']:.3f}",
                     f"{tool['qps']:,.0f}{ratio}"))
    return table(("in one process", "median ms", "p95 ms", "p99 ms", "queries/s"), rows)


# ---------------------------------------------------------------- 3. scale

SCALE_TOOLS = (("qadex", "qadex"), ("fts5", "SQLite FTS5"))


def scale_table(scale):
    rows = []
    for p in scale:
        for key, label in SCALE_TOOLS:
            ix, sb = p["index"]["tools"].get(key), p["search"]["batch"].get(key)
            if not ix or not sb:
                continue
            rows.append((answers_label(p["answers"]), label, f"{ix['docs_per_s']:,.0f}", f"{rss_mb(ix):,.0f}",
                         mb(ix["db_bytes"]), mb(ix["compact_bytes"]), f"{sb['p50_ms']:.2f}", f"{sb['p95_ms']:.2f}",
                         f"{sb['p99_ms']:.2f}", f"{sb['qps']:,.1f}",
                         f"{load_text(p['index']['load'])}; {load_text(p['search']['load'])}"))
    return table(("answers", "engine", "index docs/s", "peak RSS MB", "DB MB", "compacted MB", "median ms",
                  "p95 ms", "p99 ms", "queries/s", "load: indexing; searching"), rows)


def growth_exponent(small, large, n_small, n_large):
    """k in cost ∝ size^k between two points (1 = linear, 0 = flat)."""
    if small <= 0 or large <= 0 or n_small == n_large:
        return float("nan")
    return math.log(large / small) / math.log(n_large / n_small)


def growth_lines(scale):
    """One line per engine: how each cost grows from the smallest to the largest point."""
    if len(scale) < 2:
        return []
    a, z = scale[0], scale[-1]
    out = []
    for key, label in SCALE_TOOLS:
        try:
            ia, iz = a["index"]["tools"][key], z["index"]["tools"][key]
            sa, sz = a["search"]["batch"][key], z["search"]["batch"][key]
        except KeyError:
            continue
        k = lambda x, y: growth_exponent(x, y, a["answers"], z["answers"])
        out.append(
            f"- {label}, {answers_label(a['answers'])} → {answers_label(z['answers'])} answers "
            f"(×{z['answers'] / a['answers']:.0f}): indexing time ×{(z['answers'] / iz['docs_per_s']) / (a['answers'] / ia['docs_per_s']):.0f}, "
            f"database ×{iz['db_bytes'] / ia['db_bytes']:.0f}, peak RSS ×{iz['rss_kib'] / ia['rss_kib']:.1f}, "
            f"median query ×{sz['p50_ms'] / sa['p50_ms']:.1f} (size^{k(sa['p50_ms'], sz['p50_ms']):.2f}), "
            f"p99 ×{sz['p99_ms'] / sa['p99_ms']:.1f} (size^{k(sa['p99_ms'], sz['p99_ms']):.2f}).")
    return out
