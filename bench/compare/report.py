#!/usr/bin/env python3
"""report.py RESULTS.tsv: the comparison as a table, each run's wall time and peak memory with
its ratio to `qaf rate json` (for assess: to `qaf assess bolton json`) and to its input's size."""
import sys


def main():
    rows = []
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            name, wall, peak_mb, input_mb = line.rstrip("\n").split("\t")
            rows.append((name, float(wall), int(peak_mb), max(int(input_mb), 1)))
    base = {name: (wall, peak) for name, wall, peak, _ in rows}
    qaf_wall, qaf_peak = base["qaf rate json"]
    print(f"{'run':28} {'wall s':>8} {'× qaf':>7} {'peak MB':>8} {'× input':>8}")
    for name, wall, peak, input_mb in rows:
        ratio = wall / qaf_wall if not name.startswith("qaf assess") else wall / base[
            "qaf assess bolton json"][0]
        print(f"{name:28} {wall:8.2f} {ratio:7.1f} {peak:8d} {peak / input_mb:8.2f}")


if __name__ == "__main__":
    main()
