#!/usr/bin/env python3
"""How fast the Python module assesses a whole portfolio (docs/performance.md, "Python").

A deterministic generator makes N Bolton children's providers (default 100,000) from the example
portfolio's eight records, varying ratings, officers, dates and history. The same work is timed
four ways:

1. ``Engine.assess_frame(df, as_of=...)``: one call into C++, every core, the GIL released, one
   row a provider back;
2. ``Engine.assess(df, as_of=...)`` over the first ``--assess-providers`` (default 10,000): the
   same call returning every occurrence, rating and KPI as tidy DataFrames, which is where the
   conversion of results into Python shows;
3. a loop of per-provider calls (``schedule``, ``rate``, ``evaluate_kpis`` for each record) over
   the first ``--loop`` providers (default 10,000), as a notebook without the frame API would;
4. ``qaf assess --format json`` on the same providers written as a CSV portfolio, over the first
   ``--cli-providers`` (default: all of them; the CLI streams its document).

Prints for each the wall time, the CPU time (every thread of this process, or of the CLI's), providers
per CPU second and its ratio to assess_frame's, with the load average before and after. On a
shared machine the CPU time is the fair comparison: wall time there measures the other users.
Usage:

    python3 bench/python/assess_frame_bench.py [--providers N] [--loop N] [--cli build/bin/qaf]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import pathlib
import random
import resource
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


def timed(work) -> tuple[float, float, object]:
    """(wall seconds, CPU seconds of this process and of the children it waited for, result)."""
    def cpu() -> float:
        own, children = os.times(), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.user + own.system + children.ru_utime + children.ru_stime
    started, started_cpu = time.perf_counter(), cpu()
    result = work()
    return time.perf_counter() - started, cpu() - started_cpu, result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--providers", type=int, default=100_000)
    parser.add_argument("--assess-providers", type=int, default=10_000)
    parser.add_argument("--loop", type=int, default=10_000)
    parser.add_argument("--cli-providers", type=int, default=None)
    parser.add_argument("--cli", type=pathlib.Path, default=ROOT / "build" / "bin" / "qaf")
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args(argv)

    frame = generate(args.providers)
    engine = qaf.Engine(qaf.load_pack("bolton-children-2024"))
    print(f"{len(frame)} providers, {os.cpu_count()} cores, qaf {qaf.version()}, "
          f"load average {os.getloadavg()[0]:.1f}")

    seconds, cpu, summary = timed(
        lambda: engine.assess_frame(frame, as_of=AS_OF, threads=args.threads))
    base = len(frame) / cpu
    report("assess_frame", seconds, cpu, len(frame), base)
    assert len(summary) == len(frame)

    part = frame.head(args.assess_providers)
    seconds, cpu, tables = timed(lambda: engine.assess(part, as_of=AS_OF, threads=args.threads))
    report("assess (tables)", seconds, cpu, len(part), base,
           f", {len(tables.occurrences):,} occurrences")

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

    seconds, cpu, _ = timed(loop)
    report("per-provider loop", seconds, cpu, len(records), base)

    if args.cli.exists():
        count = len(frame) if args.cli_providers is None else min(args.cli_providers, len(frame))
        with tempfile.TemporaryDirectory() as folder:
            path = pathlib.Path(folder) / "portfolio.csv"
            # The module's own DataFrame-to-CSV step, so that the CLI reads the same cells.
            path.write_text(frame_csv(frame.head(count)), encoding="utf-8")
            command = [str(args.cli), "assess", "--pack", "bolton-children-2024", "--portfolio",
                       str(path), "--as-of", AS_OF.isoformat(), "--format", "json"]
            if args.threads is not None:
                command += ["--threads", str(args.threads)]
            with open(os.devnull, "wb") as sink:
                seconds, cpu, done = timed(
                    lambda: subprocess.run(command, stdout=sink, check=False))
            assert done.returncode == 0
            report("qaf assess (CLI)", seconds, cpu, count, base)
    else:
        print(f"qaf assess (CLI): {args.cli} is not built")
    print(f"load average {os.getloadavg()[0]:.1f}")
    return 0


def report(what: str, seconds: float, cpu: float, providers: int, base: float,
           extra: str = "") -> None:
    """One line: wall and CPU seconds, providers per wall and per CPU second, and the latter as a
    multiple of assess_frame's."""
    rate = providers / cpu
    print(f"{what + ':':20} {seconds:8.2f} s wall {providers / seconds:8,.0f}/s  {cpu:8.2f} s CPU "
          f"{rate:8,.0f}/s  x{rate / base:5.2f} of assess_frame  ({providers:,} providers{extra})",
          flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
