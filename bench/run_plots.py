"""bench/run's plots: how indexing and search costs grow with the number of answers.

Writes the scale points as a data file and draws four PNGs with gnuplot
(Debian gnuplot-nox, pngcairo terminal): indexing throughput, peak RSS,
database size and in-process query latency, qadex against SQLite FTS5.
"""
import shutil
import subprocess
from pathlib import Path

MB = 1_000_000
ENGINES = (("qadex", "qadex"), ("fts5", "SQLite FTS5"))

# name -> (title, y label, log y?, gnuplot "using" columns per engine as (column, legend))
PLOTS = {
    "scale-indexing.png": ("Indexing throughput", "documents/s", True, [(3, "")]),
    "scale-rss.png": ("Peak RSS while indexing", "MB", False, [(4, "")]),
    "scale-db-size.png": ("Database size", "MB", True, [(5, ""), (6, " compacted")]),
    "scale-latency.png": ("In-process query latency (200 queries)", "ms", True,
                          [(7, " median"), (8, " p99")]),
}


def data_lines(scale):
    """One line per engine and point: engine answers docs/s rssMB dbMB compactMB p50 p99."""
    out = []
    for key, _ in ENGINES:
        out.append(f"# {key}")
        for p in scale:
            ix, sb = p["index"]["tools"].get(key), p["search"]["batch"].get(key)
            if not ix or not sb:
                continue
            compact = ix["compact_bytes"] / MB if ix["compact_bytes"] else "NaN"
            out.append(f"{key} {p['answers']} {ix['docs_per_s']:.1f} {ix['rss_kib'] * 1024 / MB:.1f} "
                       f"{ix['db_bytes'] / MB:.1f} {compact} {sb['p50_ms']:.3f} {sb['p99_ms']:.3f}")
        out.append("\n")  # two blank lines: a new gnuplot data block (index)
    return "\n".join(out)


def script(data, outdir, p99_target=None):
    lines = ["set terminal pngcairo size 800,500 font 'DejaVu Sans,11'",
             "set logscale x", "set xrange [10000:2000000]", "set format x '%.0s%c'",
             "set xlabel 'answers'", "set grid",
             "set key outside below horizontal", "set bmargin 6", "set style data linespoints"]
    for name, (title, ylabel, logy, columns) in PLOTS.items():
        lines += [f"set output '{outdir / name}'", f"set title '{title}'", f"set ylabel '{ylabel}'",
                  "set logscale y" if logy else "unset logscale y", "set yrange [0:*]" if not logy else "set yrange [*:*]"]
        # FTS5 has no compacted size (column 6): its optimize runs inside the build.
        series = [f"'{data}' index {i} using 2:{col} title '{label}{suffix}' pt {7 + j} lw 2"
                  for i, (key, label) in enumerate(ENGINES) for j, (col, suffix) in enumerate(columns)
                  if not (key == "fts5" and col == 6)]
        if name == "scale-latency.png" and p99_target:
            series.append(f"{p99_target} title 'p99 target at 1M ({p99_target} ms)' with lines dt 2 lc 'gray'")
        lines.append("plot " + ", ".join(series))
    return "\n".join(lines) + "\n"


def draw(scale, outdir, workdir, p99_target=None):
    """Writes the PNGs into outdir; returns their names, or [] without gnuplot."""
    if not shutil.which("gnuplot"):
        return []
    outdir.mkdir(parents=True, exist_ok=True)
    data = Path(workdir) / "scale.dat"
    data.write_text(data_lines(scale))
    subprocess.run(["gnuplot"], input=script(data, outdir, p99_target), text=True, check=True)
    return list(PLOTS)
