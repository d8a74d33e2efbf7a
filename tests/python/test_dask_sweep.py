"""The Dask example (examples/dask_sweep.py) on a distributed LocalCluster of two worker
processes gives, for every scenario, the rows assess_frame gives on the whole portfolio in one
process; engines and packs travel to the workers by pickling."""

from __future__ import annotations

import os
import pathlib
import pickle
import sys

import distributed
import pandas as pd
import pytest

import qaf
from python_cases import frame_rows

ROOT = pathlib.Path(__file__).resolve().parents[2]
# The example imported as a module, from a folder the workers see too: a worker process starts
# with this process's sys.path, and Dask pickles the example's functions by reference.
sys.path.insert(0, str(ROOT / "examples"))
import dask_sweep  # noqa: E402


@pytest.fixture(scope="module")
def example():
    return dask_sweep


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
    with cluster, distributed.Client(cluster) as connected:
        yield connected


def test_engines_and_packs_pickle_as_their_pack(example):
    bundled = qaf.load_pack("bolton-children-2024")
    what_if = example.qmc1_yearly(bundled)
    for pack in (bundled, what_if):
        again = pickle.loads(pickle.dumps(pack))
        assert again.json == pack.json
        assert again.origin == pack.origin
    # A bundled pack travels as its id, an edited one as its JSON text.
    assert len(pickle.dumps(bundled)) < 200 < len(pickle.dumps(what_if))
    scenario = example.scenarios()[0]
    engine = qaf.Engine(what_if)
    moved = pickle.loads(pickle.dumps(engine))
    assert isinstance(moved, qaf.Engine) and moved.pack.json == what_if.json
    assert moved.assess_frame(scenario.portfolio, as_of=scenario.as_of).equals(
        engine.assess_frame(scenario.portfolio, as_of=scenario.as_of))


def test_the_sweep_on_two_workers_equals_one_process(example, client):
    assert len(client.scheduler_info()["workers"]) == 2
    chosen = example.scenarios()
    assert len(chosen) == 6, "every bundled pack, and the what-if"
    results = example.sweep(client, chosen, partitions=3)
    assert list(results) == [s.name for s in chosen]
    for scenario in chosen:
        alone = qaf.Engine(scenario.pack).assess_frame(scenario.portfolio, as_of=scenario.as_of)
        rows = results[scenario.name]
        assert list(rows.columns) == list(alone.columns), scenario.name
        assert len(rows) == len(scenario.portfolio) > 0
        assert frame_rows(rows) == frame_rows(alone), scenario.name
    # The what-if changes the schedule: different rows from the same portfolio.
    assert frame_rows(results[chosen[0].name]) != frame_rows(results[chosen[-1].name])


def test_the_partitions_ran_in_the_worker_processes(example, client):
    """Not in this process: the engine really crossed to the workers."""
    scenario = example.scenarios()[-1]  # the what-if pack, which travels as JSON text
    engine = qaf.Engine(scenario.pack)
    futures = client.map(lambda part: (os.getpid(), example.assess_partition(
        part, engine, scenario.as_of)), [scenario.portfolio.iloc[:10], scenario.portfolio.iloc[10:]])
    done = client.gather(futures)
    assert all(pid != os.getpid() for pid, _ in done)
    together = pd.concat([rows for _, rows in done], ignore_index=True)
    assert frame_rows(together) == frame_rows(
        engine.assess_frame(scenario.portfolio, as_of=scenario.as_of))
