"""The Python module gives the same answers as the command line on the same inputs, for every
bundled pack: per provider (Engine.schedule, rate, evaluate_kpis) and per portfolio (the frame
functions, from a path, records or a DataFrame); compact results to the CLI's compact JSON, with
the pack's rules equal to the document's `rules`, and explain=True to --explain. Runs the
installed module and the built CLI."""

from __future__ import annotations

import json
import pathlib
import subprocess

import pandas as pd
import pytest

import qaf
from python_cases import (CLI, JOBS, by_provider, cli, comparable, date, frame_rows, plain,
                          portfolio_path)


def sorted_by_due(rows: list[dict]) -> list[dict]:
    """One provider's occurrences as the CLI orders the portfolio: by due date, then activity."""
    return sorted(rows, key=lambda r: (r["due"], r["activity"]))


@pytest.fixture(scope="module", params=JOBS, ids=[job[0] for job in JOBS])
def job(request, tmp_path_factory):
    pack_id, portfolio, as_of, end = request.param
    path = portfolio_path(pack_id, portfolio, tmp_path_factory.mktemp(pack_id))
    common = ["--pack", pack_id, "--portfolio", str(path), "--as-of", as_of]
    schedule = cli("schedule", *common, "--from", as_of, "--to", end)
    return {
        "pack": pack_id, "path": path, "as_of": date(as_of), "end": date(end),
        "engine": qaf.Engine(qaf.load_pack(pack_id)),
        "rate": cli("rate", *common)["ratings"],
        "rate_explained": cli("rate", *common, "--explain")["ratings"],
        "kpi": cli("kpi", *common)["kpis"],
        "kpi_explained": cli("kpi", *common, "--explain")["kpis"],
        "assess": cli("assess", *common, "--format", "json"),
        "schedule": schedule["occurrences"],
        "minimum_visits": schedule["minimum_visits"],
    }


def test_the_cli_has_results_to_compare(job):
    """Each comparison below compares something: the packs with schemes rate, Devon has KPIs,
    the Bolton examples have minimum-visit checks."""
    assert job["rate"] or job["pack"] == "devon-children-residential"
    if job["pack"] in ("bolton-children-2024", "bolton-adults-2020"):
        assert job["schedule"]
        assert job["minimum_visits"] and job["assess"]["minimum_visits"]
    if job["pack"] == "devon-children-residential":
        assert job["kpi"]


def test_rate_frame_equals_the_cli(job):
    frame = job["engine"].rate_frame(job["path"], as_of=job["as_of"])
    assert frame_rows(frame) == comparable(job["rate"])


def test_explained_rate_frame_equals_the_cli_explain(job):
    frame = job["engine"].rate_frame(job["path"], as_of=job["as_of"], explain=True)
    assert frame_rows(frame) == comparable(job["rate_explained"])
    if job["rate"]:
        assert frame_rows(frame) != comparable(job["rate"]), "explain adds the rules' detail"


def test_kpi_frame_equals_the_cli(job):
    frame = job["engine"].kpi_frame(job["path"], as_of=job["as_of"])
    assert frame_rows(frame) == comparable(job["kpi"])


def test_explained_kpi_frame_equals_the_cli_explain(job):
    frame = job["engine"].kpi_frame(job["path"], as_of=job["as_of"], explain=True)
    assert frame_rows(frame) == comparable(job["kpi_explained"])


def test_the_packs_rules_and_levels_are_the_documents(job):
    """Compact results name rules by id; pack.rules names them as `qaf assess` does (every rule
    the pack has), and each id a result refers to is there."""
    pack = job["engine"].pack
    assert plain(pack.rules) == job["assess"]["rules"]
    assert plain(pack.levels) == job["assess"]["levels"]
    frame = pack.rules_frame()
    assert list(frame["rule"]) == list(job["assess"]["rules"])
    referred = {reason["rule"] for rating in job["rate"] for reason in rating["reasons"]}
    referred |= {kpi["kpi"] for kpi in job["kpi"]}
    referred |= {occurrence["rule"] for occurrence in job["schedule"]}
    assert referred <= set(pack.rules)


def test_assess_frame_counts_what_the_cli_assess_lists(job):
    """One row a provider, counted by the library from the same results `qaf assess` writes."""
    document = job["assess"]
    summary = job["engine"].assess_frame(job["path"], as_of=job["as_of"])
    providers = list(summary["provider"])
    assert providers == job["engine"].assess(job["path"], as_of=job["as_of"]).providers
    occurrences = by_provider(document["occurrences"])
    ratings = by_provider(document["ratings"])
    kpis = by_provider(document["kpis"])
    assert set(occurrences) | set(ratings) | set(kpis) <= set(providers)
    statuses = {k["status"] for k in document["kpis"]}
    for row in frame_rows(summary):
        own = occurrences.get(row["provider"], [])
        for status in ("overdue", "due", "upcoming", "done"):
            assert row[status] == sum(o["status"] == status for o in own), (row, status)
        assert row["on_site_visits"] == sum(bool(o["on_site"]) for o in own)
        pending = [o for o in own if o["status"] != "done"]
        if pending:
            first = min(o["due"] for o in pending)
            assert row["next_due"] == first
            assert row["next_activity"] in {o["activity"] for o in pending if o["due"] == first}
        else:
            assert "next_due" not in row and "next_activity" not in row
        for rating in ratings.get(row["provider"], []):
            for member in ("level", "label", "status", "summary"):
                assert row.get(f"{rating['scheme']}_{member}") == rating[member]
        for status in statuses:
            assert row[f"kpi_{status}"] == sum(
                k["status"] == status for k in kpis.get(row["provider"], []))


def test_schedule_frame_equals_the_cli(job):
    frame = job["engine"].schedule_frame(job["path"], start=job["as_of"], end=job["end"],
                                         as_of=job["as_of"])
    ours = by_provider(frame_rows(frame))
    theirs = by_provider(comparable(job["schedule"]))
    assert sorted(ours) == sorted(theirs)
    for provider, rows in theirs.items():
        assert sorted_by_due(ours[provider]) == rows, provider


def test_minimum_visits_frame_equals_the_cli(job):
    """The same checks in the same order: providers as given, each provider's rules in the
    pack's order, exactly as `qaf schedule` lists them."""
    frame = job["engine"].minimum_visits_frame(job["path"], start=job["as_of"], end=job["end"],
                                               as_of=job["as_of"])
    assert frame_rows(frame) == comparable(job["minimum_visits"])


def test_assess_equals_the_cli_assess(job):
    assessment = job["engine"].assess(job["path"], as_of=job["as_of"])
    document = job["assess"]
    assert frame_rows(assessment.minimum_visits) == comparable(document["minimum_visits"])
    assert frame_rows(assessment.ratings) == comparable(document["ratings"])
    assert frame_rows(assessment.kpis) == comparable(document["kpis"])


JSON_JOBS = [j for j in JOBS if j[1] is None or not j[1].endswith(".csv")]


@pytest.mark.parametrize("pack_id,portfolio,as_of,end", JSON_JOBS, ids=[j[0] for j in JSON_JOBS])
def test_each_provider_alone_equals_the_cli(pack_id, portfolio, as_of, end, tmp_path):
    path = portfolio_path(pack_id, portfolio, tmp_path)
    common = ["--pack", pack_id, "--portfolio", str(path), "--as-of", as_of]
    ratings = by_provider(cli("rate", *common)["ratings"])
    explained = by_provider(cli("rate", *common, "--explain")["ratings"])
    kpis = by_provider(cli("kpi", *common)["kpis"])
    kpis_explained = by_provider(cli("kpi", *common, "--explain")["kpis"])
    document = cli("schedule", *common, "--from", as_of, "--to", end)
    schedule = by_provider(document["occurrences"])
    minimum_visits = by_provider(document["minimum_visits"])
    engine = qaf.Engine(qaf.load_pack(pack_id))
    providers = json.loads(path.read_text(encoding="utf-8"))["providers"]
    assert providers
    for record in providers:
        own = record["id"]
        assert plain(engine.rate(record, as_of=date(as_of))) == ratings.get(own, [])
        assert plain(engine.rate(record, as_of=date(as_of), explain=True)) == \
            explained.get(own, [])
        assert plain(engine.evaluate_kpis(record, as_of=date(as_of))) == kpis.get(own, [])
        assert plain(engine.evaluate_kpis(record, as_of=date(as_of), explain=True)) == \
            kpis_explained.get(own, [])
        occurrences = engine.schedule(record, start=date(as_of), end=date(end), as_of=date(as_of))
        assert sorted_by_due(plain(occurrences)) == schedule.get(own, []), own
        checks = engine.minimum_visits(record, start=date(as_of), end=date(end), as_of=date(as_of))
        assert plain(checks) == minimum_visits.get(own, []), own


def test_a_dataframe_read_by_pandas_equals_the_csv_file():
    """pandas' own types (booleans, floats with NaN for empty cells, text dates) reach the CSV
    reader as the file had them."""
    pack_id, portfolio, as_of, _ = JOBS[1]
    path = pathlib.Path(__file__).resolve().parents[2] / portfolio
    engine = qaf.Engine(qaf.load_pack(pack_id))
    common = ["--pack", pack_id, "--portfolio", str(path), "--as-of", as_of]
    expected = comparable(cli("rate", *common)["ratings"])
    inferred = pd.read_csv(path)
    assert inferred["beds"].dtype.kind == "f", "a whole-number column with gaps, as floats"
    assert frame_rows(engine.rate_frame(inferred, as_of=date(as_of))) == expected
    as_text = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert frame_rows(engine.rate_frame(as_text, as_of=date(as_of))) == expected


def test_records_and_a_json_portfolio_dict_equal_the_path():
    pack_id, portfolio, as_of, _ = JOBS[0]
    path = pathlib.Path(__file__).resolve().parents[2] / portfolio
    engine = qaf.Engine(qaf.load_pack(pack_id))
    document = json.loads(path.read_text(encoding="utf-8"))
    from_path = engine.rate_frame(path, as_of=date(as_of))
    assert frame_rows(engine.rate_frame(document["providers"], as_of=date(as_of))) == \
        frame_rows(from_path)
    assert frame_rows(engine.rate_frame(document, as_of=date(as_of))) == frame_rows(from_path)


def test_add_working_days_equals_the_cli():
    for start, n in [("2024-12-24", 10), ("2025-04-17", 1), ("2024-01-01", -3), ("2026-05-30", 0)]:
        done = subprocess.run([str(CLI), "calendar", "add-working-days", start, str(n)],
                              capture_output=True, text=True, check=True)
        assert qaf.add_working_days(date(start), n).isoformat() == done.stdout.strip()
