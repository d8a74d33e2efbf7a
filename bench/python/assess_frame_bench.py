#!/usr/bin/env python3
"""How fast the Python module assesses a whole portfolio (docs/performance.md, "Python").

A deterministic generator makes N Bolton children's providers (default 100,000) from the example
portfolio's eight records, varying ratings, officers, dates and history. The same work is timed
three ways:

1. ``Engine.assess_frame(df, as_of=...)``: one call into C++, every core, the GIL released;
2. a loop of per-provider calls (``schedule``, ``rate``, ``evaluate_kpis`` for each record) over
   the first ``--loop`` providers (default 10,000), as a notebook without the frame API would;
3. ``qaf assess --format json`` on the same providers written as a CSV portfolio, over the first
   ``--cli-providers`` (default 10,000: the CLI's JSON document for 100k providers needs over
   10 GB today, PERFORMANCE-NOTES.md).

Prints providers per second for each. Usage:

    python3 bench/python/assess_frame_bench.py [--providers N] [--loop N] [--cli build/bin/qaf]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import pathlib
import random
import subprocess
import sys
import tempfile
import time

import pandas as pd

import qaf
from qaf._portfolio import frame_csv

ROOT = pathlib.Path(__file__).resolve().parents[2]
AS_OF = datetime.date(2026, 11, 23)
RATINGS = ["outstanding", "good", "good", "good", "requires_improvement", "inadequate"]
OFFICERS = [f"Officer {i:02d}" for i in range(40)]
HISTORY = ["QMC-1", "QMC-8", "QMC-3", "QMC-9A", "QMC-5"]


def generate(count: int, seed: int = 12) -> pd.DataFrame:
    """`count` providers, one a row, in the CSV portfolio's shape; the same rows for a seed."""
    templates = json.loads((ROOT / "examples" / "portfolio.json").read_text())["providers"]
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        template = templates[i % len(templates)]
        facts = dict(template["facts"])
        if "regulator_rating" in facts and facts["regulator_rating"] != "not_rated":
            facts["regulator_rating"] = rng.choice(RATINGS)
        facts["officer"] = OFFICERS[rng.randrange(len(OFFICERS))]
        start = datetime.date(2018, 1, 1) + datetime.timedelta(days=rng.randrange(2900))
        facts["monitoring_start"] = start.isoformat()
        row = {"id": f"p{i:06d}", **facts}
        for activity in HISTORY:
            if rng.random() < 0.7:
                done = AS_OF - datetime.timedelta(days=rng.randrange(30, 800))
                row[f"last_{activity}"] = max(done, start).isoformat()
        rows.append(row)
    return pd.DataFrame(rows)


def timed(work) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--providers", type=int, default=100_000)
    parser.add_argument("--loop", type=int, default=10_000)
    parser.add_argument("--cli-providers", type=int, default=10_000)
    parser.add_argument("--cli", type=pathlib.Path, default=ROOT / "build" / "bin" / "qaf")
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args(argv)

    frame = generate(args.providers)
    engine = qaf.Engine(qaf.load_pack("bolton-children-2024"))
    print(f"{len(frame)} providers, {os.cpu_count()} cores, qaf {qaf.version()}")

    seconds, summary = timed(lambda: engine.assess_frame(frame, as_of=AS_OF, threads=args.threads))
    print(f"assess_frame:        {seconds:8.2f} s  {len(frame) / seconds:10,.0f} providers/s")
    assert len(summary) == len(frame)

    records = [{"id": r["id"], "facts": {k: v for k, v in r.items() if k != "id"
                                         and not k.startswith("last_") and pd.notna(v)},
                "history": [{"activity": k[5:], "date": v} for k, v in r.items()
                            if k.startswith("last_") and pd.notna(v)]}
               for r in frame.head(args.loop).to_dict(orient="records")]
    start, end = qaf.assessment_window(AS_OF)

    def loop() -> int:
        total = 0
        for record in records:
            total += len(engine.schedule(record, start=start, end=end, as_of=AS_OF))
            total += len(engine.rate(record, as_of=AS_OF))
            total += len(engine.evaluate_kpis(record))
        return total

    seconds, _ = timed(loop)
    print(f"per-provider loop:   {seconds:8.2f} s  {len(records) / seconds:10,.0f} providers/s"
          f"  ({len(records)} providers)")

    if args.cli.exists():
        with tempfile.TemporaryDirectory() as folder:
            path = pathlib.Path(folder) / "portfolio.csv"
            # The module's own DataFrame-to-CSV step, so that the CLI reads the same cells.
            path.write_text(frame_csv(frame.head(args.cli_providers)), encoding="utf-8")
            command = [str(args.cli), "assess", "--pack", "bolton-children-2024", "--portfolio",
                       str(path), "--as-of", AS_OF.isoformat(), "--format", "json"]
            with open(os.devnull, "wb") as sink:
                seconds, done = timed(lambda: subprocess.run(command, stdout=sink, check=False))
            assert done.returncode == 0
            count = min(args.cli_providers, len(frame))
            print(f"qaf assess (CLI):    {seconds:8.2f} s  {count / seconds:10,.0f} providers/s"
                  f"  ({count} providers)")
    else:
        print(f"qaf assess (CLI): {args.cli} is not built")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
