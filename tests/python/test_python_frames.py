"""Whole portfolios in one call: the frame functions equal the per-provider calls row for row, in
input order; the thread count never changes a value; assess_frame is one row a provider."""

from __future__ import annotations

import copy
import datetime
import json
import pathlib

import pandas as pd
import pytest

import qaf
from python_cases import comparable, frame_rows

ROOT = pathlib.Path(__file__).resolve().parents[2]
AS_OF = datetime.date(2026, 11, 23)
END = datetime.date(2027, 11, 22)


@pytest.fixture(scope="module")
def engine() -> qaf.Engine:
    return qaf.Engine(qaf.load_pack("bolton-children-2024"))


@pytest.fixture(scope="module")
def providers() -> list[dict]:
    document = json.loads((ROOT / "examples" / "portfolio.json").read_text(encoding="utf-8"))
    return document["providers"]


def many(providers: list[dict], count: int) -> list[dict]:
    """`count` records cycling through the examples, each with its own id, in a known order."""
    out = []
    for i in range(count):
        record = copy.deepcopy(providers[i % len(providers)])
        record["id"] = f"{record['id']}-{i:05d}"
        out.append(record)
    return out


def rows(frame: pd.DataFrame) -> list[dict]:
    return frame_rows(frame)


def test_rate_frame_is_the_per_provider_ratings_in_input_order(engine, providers):
    expected = comparable([r for p in reversed(providers) for r in engine.rate(p, as_of=AS_OF)])
    assert rows(engine.rate_frame(list(reversed(providers)), as_of=AS_OF)) == expected


def test_schedule_frame_is_the_per_provider_schedules_in_input_order(engine, providers):
    expected = comparable([o for p in providers
                           for o in engine.schedule(p, start=AS_OF, end=END, as_of=AS_OF)])
    frame = engine.schedule_frame(providers, start=AS_OF, end=END, as_of=AS_OF)
    assert rows(frame) == expected
    assert isinstance(frame.loc[0, "due"], datetime.date)
    assert {"provider", "activity", "kind", "due", "status", "rule", "source"} <= set(frame.columns)


def test_kpi_frame_is_the_per_provider_kpis_in_input_order():
    engine = qaf.Engine(qaf.load_pack("devon-children-residential"))
    providers = json.loads((ROOT / "examples" / "portfolio-devon.json").read_text())["providers"]
    expected = comparable([k for p in providers for k in engine.evaluate_kpis(p, as_of=AS_OF)])
    assert expected, "the Devon example has KPI returns"
    assert rows(engine.kpi_frame(providers, as_of=AS_OF)) == expected


def test_thousands_of_providers_keep_input_order_across_chunks_and_threads(engine, providers):
    # Many of the binding's jobs of 256 providers, finished out of order on three threads; the
    # two records with the shortest schedules keep the test quick.
    light = [p for p in providers if p["id"] in ("ch-moorside-oob", "sc-northfield-oob")]
    records = many(light, 4500)
    one = engine.schedule_frame(records, start=AS_OF, end=END, as_of=AS_OF, threads=1)
    three = engine.schedule_frame(records, start=AS_OF, end=END, as_of=AS_OF, threads=3)
    assert one.equals(three)
    scheduled = set(one["provider"])
    assert list(pd.unique(one["provider"])) == [r["id"] for r in records if r["id"] in scheduled]
    last = records[-1]
    alone = engine.schedule(last, start=AS_OF, end=END, as_of=AS_OF)
    assert rows(one[one["provider"] == last["id"]]) == comparable(alone)


def test_thread_counts_give_identical_assessments(engine, providers):
    records = many(providers, 64)
    one = engine.assess(records, as_of=AS_OF, threads=1)
    four = engine.assess(records, as_of=AS_OF, threads=4)
    assert one.providers == four.providers == [r["id"] for r in records]
    for name in ("occurrences", "ratings", "kpis", "workload", "officer_workload",
                 "unknown_facts", "minimum_visits"):
        assert getattr(one, name).equals(getattr(four, name)), name
    assert one.warnings == four.warnings


def test_assess_frame_is_one_row_a_provider(engine, providers):
    summary = engine.assess_frame(providers, as_of=AS_OF)
    assert list(summary["provider"]) == [p["id"] for p in providers]
    assert {"pqr_level", "pqr_label", "pqr_status", "pqr_summary", "overdue", "due", "upcoming",
            "done", "on_site_visits", "next_due", "next_activity"} <= set(summary.columns)
    start, end = qaf.assessment_window(AS_OF)
    assert (start, end) == (AS_OF, datetime.date(2027, 11, 22))
    for record, row in zip(providers, summary.itertuples(index=False)):
        schedule = engine.schedule(record, start=start, end=end, as_of=AS_OF)
        assert row.overdue == sum(o["status"] == "overdue" for o in schedule)
        assert row.upcoming == sum(o["status"] == "upcoming" for o in schedule)
        assert row.on_site_visits == sum(bool(o["on_site"]) for o in schedule)
        rating = {r["scheme"]: r for r in engine.rate(record, as_of=AS_OF)}["pqr"]
        assert row.pqr_summary == rating["summary"]


def test_assess_workload_counts_on_site_visits_by_officer_and_month(engine, providers):
    assessment = engine.assess(providers, as_of=AS_OF)
    officers = {p["facts"].get("officer") for p in providers} - {None}
    assert set(assessment.officer_workload["officer"]) == officers
    assert len(assessment.workload) == 13  # November 2026 to November 2027, both in part
    start, end = qaf.assessment_window(AS_OF)
    visits = assessment.occurrences[assessment.occurrences["on_site"].astype(bool)]
    in_window = visits[(visits["due"] >= start) & (visits["due"] <= end)]
    assert assessment.workload["visits"].sum() == len(in_window)
    assert assessment.officer_workload["visits"].sum() <= assessment.workload["visits"].sum()


def test_an_empty_portfolio_gives_empty_frames(engine):
    assert len(engine.rate_frame([], as_of=AS_OF)) == 0
    assert len(engine.assess_frame([], as_of=AS_OF)) == 0


def test_the_engine_is_shared_safely_between_python_threads(engine, providers):
    from concurrent.futures import ThreadPoolExecutor
    expected = rows(engine.rate_frame(providers, as_of=AS_OF))
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: rows(engine.rate_frame(providers, as_of=AS_OF)),
                                range(8)))
    assert all(r == expected for r in results)
