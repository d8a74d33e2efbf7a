"""What-if between two rule packs: which providers' results change, and what the change does to
the officers' visiting workload. The question a policy analyst asks before a council changes its
framework."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from . import Assessment, Pack, Portfolio


def _by_provider(table: pd.DataFrame, members: list[str]) -> dict[str, list[tuple[Any, ...]]]:
    grouped: dict[str, list[tuple[Any, ...]]] = {}
    if len(table):
        for row in table[["provider", *members]].itertuples(index=False):
            grouped.setdefault(row[0], []).append(tuple(row[1:]))
    return grouped


def _rating_text(table: pd.DataFrame) -> dict[str, str]:
    text: dict[str, list[str]] = {}
    if len(table):
        for provider, scheme, summary in table[["provider", "scheme", "summary"]].itertuples(
                index=False):
            text.setdefault(provider, []).append(f"{scheme}: {summary}")
    return {provider: "; ".join(parts) for provider, parts in text.items()}


def _officer_months(assessment: Assessment) -> pd.DataFrame:
    table = assessment.officer_workload
    if not len(table):
        return pd.DataFrame({"officer": [], "month": [], "visits": []})
    return table[["officer", "month", "visits"]]


def _workload(a: Assessment, b: Assessment) -> pd.DataFrame:
    merged = pd.merge(_officer_months(a), _officer_months(b), on=["officer", "month"],
                      how="outer", suffixes=("_a", "_b"))
    for column in ("visits_a", "visits_b"):
        merged[column] = merged[column].fillna(0).astype(int)
    merged["change"] = merged["visits_b"] - merged["visits_a"]
    return merged.sort_values(["officer", "month"], kind="stable").reset_index(drop=True)


def _assess_both(portfolio: Portfolio, pack_a: Pack, pack_b: Pack, as_of: datetime.date,
                 threads: int | None) -> tuple[Assessment, Assessment]:
    from . import Engine
    return (Engine(pack_a).assess(portfolio, as_of=as_of, threads=threads),
            Engine(pack_b).assess(portfolio, as_of=as_of, threads=threads))


def compare_workload(portfolio: Portfolio, pack_a: Pack, pack_b: Pack, *, as_of: datetime.date,
                     threads: int | None = None) -> pd.DataFrame:
    """On-site visits a month for each officer (the records' ``officer`` fact) in the 12 months
    from as_of under each pack: officer, month ("YYYY-MM"), visits_a, visits_b, change."""
    a, b = _assess_both(portfolio, pack_a, pack_b, as_of, threads)
    return _workload(a, b)


def compare(portfolio: Portfolio, pack_a: Pack, pack_b: Pack, *, as_of: datetime.date,
            threads: int | None = None) -> pd.DataFrame:
    """The providers whose rating, schedule or KPI status differ between two packs, in input order.

    Both packs assess the portfolio as ``qaf assess`` does (the 12 months from as_of). Columns:
    provider; changes ("rating", "schedule", "kpi", comma-separated); rating_a and rating_b (each
    scheme's summary); occurrences_a/_b and on_site_visits_a/_b (counts of occurrences due in the
    window and of those overdue from before it);
    kpis_not_met_a/_b. A rating differs when a scheme's level or status does, a schedule when the
    (activity, due, status) of its occurrences do, a KPI when a period's status does.

    ``attrs`` carries the workload: ``officer_workload`` (the compare_workload table) and
    ``visits_per_month_per_officer`` = {"a", "b", "change"}, the mean on-site visits a month of an
    officer under each pack and the difference b - a."""
    a, b = _assess_both(portfolio, pack_a, pack_b, as_of, threads)
    ratings = (_by_provider(a.ratings, ["scheme", "level", "status"]),
               _by_provider(b.ratings, ["scheme", "level", "status"]))
    schedules = (_by_provider(a.occurrences, ["activity", "due", "status", "on_site"]),
                 _by_provider(b.occurrences, ["activity", "due", "status", "on_site"]))
    kpis = (_by_provider(a.kpis, ["kpi", "period", "status"]),
            _by_provider(b.kpis, ["kpi", "period", "status"]))
    texts = (_rating_text(a.ratings), _rating_text(b.ratings))
    rows = []
    for provider in a.providers:
        changes = [name for name, pair in (("rating", ratings), ("schedule", schedules),
                                           ("kpi", kpis))
                   if pair[0].get(provider, []) != pair[1].get(provider, [])]
        if not changes:
            continue
        row: dict[str, Any] = {"provider": provider, "changes": ",".join(changes)}
        for suffix, i in (("a", 0), ("b", 1)):
            occurrences = schedules[i].get(provider, [])
            row[f"rating_{suffix}"] = texts[i].get(provider, "")
            row[f"occurrences_{suffix}"] = len(occurrences)
            row[f"on_site_visits_{suffix}"] = sum(1 for o in occurrences if o[3])
            row[f"kpis_not_met_{suffix}"] = sum(1 for k in kpis[i].get(provider, [])
                                                if k[2] == "not_met")
        rows.append(row)
    columns = ["provider", "changes", "rating_a", "rating_b", "occurrences_a", "occurrences_b",
               "on_site_visits_a", "on_site_visits_b", "kpis_not_met_a", "kpis_not_met_b"]
    frame = pd.DataFrame(rows, columns=columns)
    workload = _workload(a, b)
    officers = workload["officer"].nunique()
    months = workload["month"].nunique()
    cells = max(officers * months, 1)
    mean_a = float(workload["visits_a"].sum()) / cells
    mean_b = float(workload["visits_b"].sum()) / cells
    frame.attrs["officer_workload"] = workload
    frame.attrs["visits_per_month_per_officer"] = {"a": mean_a, "b": mean_b,
                                                   "change": mean_b - mean_a}
    return frame
