#!/usr/bin/env python3
"""A scenario sweep on a Dask cluster: several rule packs x portfolios, each assessed in pieces.

Each scenario is a pack, a portfolio and an as-of date: every bundled pack on its example
portfolio (examples/<pack>.csv), and Bolton children's portfolio once more under a what-if pack
(QMC-1 yearly instead of alternating with QMC-8, made with ``pack.with_rule``). Each portfolio is
a ``dask.dataframe`` of several partitions; ``map_partitions`` runs ``Engine.assess_frame`` on
each partition on the cluster's workers, and every scenario is computed at once. The engine
travels to the workers by pickling: a ``qaf.Engine`` pickles as its pack, a bundled pack as its
id and any other (the what-if one) as its JSON text, and each worker rebuilds it.

The result is one row a provider for each scenario, the same rows ``assess_frame`` gives on the
whole portfolio in one process (tests/python/test_dask_sweep.py checks it). Printed: one line a
scenario with its totals.

    python3 examples/dask_sweep.py [--workers 2] [--partitions 4] [--out sweep.csv]
"""

from __future__ import annotations

import argparse
import datetime
import pathlib
import sys
from typing import NamedTuple

import dask
import dask.dataframe as dd
import pandas as pd
from distributed import Client, LocalCluster

import qaf

EXAMPLES = pathlib.Path(__file__).resolve().parent

# The date each example portfolio is assessed on (scripts/make_examples.py): inside its pack's
# period.
AS_OF = {
    "bolton-children-2024": datetime.date(2026, 11, 23),
    "bolton-adults-2020": datetime.date(2020, 10, 1),
    "devon-children-residential": datetime.date(2026, 11, 23),
    "herefordshire-adults-2018": datetime.date(2026, 11, 23),
    "coventry-children": datetime.date(2026, 11, 23),
}


class Scenario(NamedTuple):
    name: str
    pack: qaf.Pack
    portfolio: pd.DataFrame  # one provider a row, as the CSV portfolio
    as_of: datetime.date


def qmc1_yearly(pack: qaf.Pack) -> qaf.Pack:
    """Bolton children's pack with QMC-1 every 12 months instead of alternating with QMC-8."""
    rule = next(r for r in pack.json["schedule"] if r["id"] == "qmc1-qmc8-social-care")
    return pack.with_rule({**{k: rule[k] for k in ("id", "when", "source")},
                           "activity": "QMC-1", "cadence": {"type": "every", "months": 12}})


def scenarios() -> list[Scenario]:
    """Every bundled pack on its example portfolio, and one what-if pack."""
    out = []
    for pack_id, as_of in AS_OF.items():
        portfolio = pd.read_csv(EXAMPLES / f"{pack_id}.csv", dtype=str, keep_default_na=False)
        out.append(Scenario(pack_id, qaf.load_pack(pack_id), portfolio, as_of))
    children = out[0]
    out.append(children._replace(name="bolton-children-2024 QMC-1 yearly",
                                 pack=qmc1_yearly(children.pack)))
    return out


def assess_partition(partition: pd.DataFrame, engine: qaf.Engine,
                     as_of: datetime.date) -> pd.DataFrame:
    """One partition's providers, one row each. Dask gives the parallelism, so one thread."""
    return engine.assess_frame(partition, as_of=as_of, threads=1)


def assess_on_dask(scenario: Scenario, partitions: int) -> dd.DataFrame:
    """The scenario's assess_frame as a lazy Dask frame, one task a partition."""
    engine = qaf.Engine(scenario.pack)
    # assess_frame's columns depend on the pack alone, so an empty portfolio shows them.
    meta = engine.assess_frame(scenario.portfolio.head(0), as_of=scenario.as_of)
    providers = dd.from_pandas(scenario.portfolio, npartitions=partitions, sort=False)
    return providers.map_partitions(assess_partition, engine, scenario.as_of, meta=meta)


def sweep(client: Client, chosen: list[Scenario], partitions: int) -> dict[str, pd.DataFrame]:
    """Every scenario computed at once on the client's cluster: its name and its rows."""
    # Results keep Python's str and datetime.date, as assess_frame gives them, rather than Dask
    # turning text columns into Arrow strings.
    with dask.config.set({"dataframe.convert-string": False}):
        lazy = [assess_on_dask(s, partitions) for s in chosen]
        done = client.compute(lazy, sync=True)
    return {s.name: frame.reset_index(drop=True) for s, frame in zip(chosen, done)}


def totals(name: str, rows: pd.DataFrame) -> dict[str, object]:
    """A scenario in one line: its providers and their work in the 12 months from as-of."""
    line: dict[str, object] = {"scenario": name, "providers": len(rows)}
    for column in ("overdue", "due", "upcoming", "on_site_visits", "kpi_not_met"):
        if column in rows.columns:
            line[column] = int(rows[column].sum())
    return line


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--out", type=pathlib.Path, help="write every scenario's rows as CSV")
    args = parser.parse_args(argv)
    with LocalCluster(n_workers=args.workers, threads_per_worker=1,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        results = sweep(client, scenarios(), args.partitions)
    summary = pd.DataFrame([totals(name, rows) for name, rows in results.items()])
    counts = [c for c in summary.columns if c != "scenario"]
    print(summary.astype({c: "Int64" for c in counts}).to_string(index=False, na_rep="-"))
    if args.out:
        everything = pd.concat([rows.assign(scenario=name) for name, rows in results.items()])
        everything.to_csv(args.out, index=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
