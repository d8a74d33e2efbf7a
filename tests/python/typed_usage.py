"""A small analyst's script, type-checked by mypy --strict in test_python_typing.py: the .pyi types
must describe the calls as they are used."""

from __future__ import annotations

import datetime

import pandas as pd

import qaf


def overdue_by_officer(portfolio: pd.DataFrame, as_of: datetime.date) -> pd.Series:
    engine = qaf.Engine(qaf.load_pack("bolton-children-2024"))
    summary: pd.DataFrame = engine.assess_frame(portfolio, as_of=as_of, threads=2)
    return summary.groupby("provider")["overdue"].sum()


def first_rating(provider: dict[str, object]) -> str:
    engine = qaf.Engine(qaf.load_pack("bolton-children-2024"))
    try:
        ratings: list[dict[str, object]] = engine.rate(provider, as_of=datetime.date(2026, 1, 5))
    except qaf.InputError as error:
        return f"{error.code} at {error.pointer}: {error.diagnostics[0].message}"
    return str(ratings[0]["label"])


def deadline(day: datetime.date) -> datetime.date:
    return qaf.add_working_days(day, 10)


def what_if(portfolio: list[dict[str, object]]) -> float:
    pack = qaf.load_pack("bolton-children-2024")
    edited = pack.json
    edited["version"] = "2.0.0"
    changed: qaf.Pack = qaf.load_pack_json(edited)
    frame = qaf.compare(portfolio, pack, changed, as_of=datetime.date(2026, 11, 23))
    change: float = frame.attrs["visits_per_month_per_officer"]["change"]
    return change


def short_of_visits(portfolio: pd.DataFrame, as_of: datetime.date) -> list[str]:
    engine = qaf.Engine(qaf.load_pack("bolton-children-2024"))
    start, end = qaf.assessment_window(as_of)
    checks: pd.DataFrame = engine.minimum_visits_frame(portfolio, start=start, end=end,
                                                       as_of=as_of)
    assessed: pd.DataFrame = engine.assess(portfolio, as_of=as_of).minimum_visits
    first: list[dict[str, object]] = engine.minimum_visits(
        {"id": "a", "facts": {}}, start=start, end=end, as_of=as_of)
    return [str(p) for p in checks["provider"]] + [str(p) for p in assessed["provider"]] + \
        [str(c["provider"]) for c in first]


def reason_texts(provider: dict[str, object], as_of: datetime.date) -> list[str]:
    """Compact ratings name their rules; the pack says what each is. explain=True inlines it."""
    pack = qaf.load_pack("bolton-children-2024")
    engine = qaf.Engine(pack)
    rules: dict[str, dict[str, object]] = pack.rules
    table: pd.DataFrame = pack.rules_frame()
    levels: dict[str, dict[str, object]] = pack.levels
    compact = engine.rate(provider, as_of=as_of)
    explained: pd.DataFrame = engine.rate_frame([provider], as_of=as_of, explain=True)
    texts = [str(rules[reason["rule"]]["text"]) for r in compact for reason in r["reasons"]]
    return texts + [str(len(table)), str(len(levels)), str(len(explained))]
