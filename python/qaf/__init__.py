"""qaf: councils' quality assurance frameworks for commissioned care, as executable rules.

    import datetime, qaf
    pack = qaf.load_pack("bolton-children-2024")       # or a path; qaf.PackError on a bad pack
    engine = qaf.Engine(pack)
    engine.rate(provider, as_of=datetime.date(2026, 11, 23))          # list of dicts
    engine.assess_frame(df, as_of=datetime.date(2026, 11, 23))        # one row a provider

Results use the JSON output's field names (docs/python.md); dates are ``datetime.date``. As the
command line's JSON, results are compact: they name rules by id, and ``pack.rules`` (or
``pack.rules_frame()``) says what each rule is; ``explain=True`` writes the rules' text, source
and conditions into each result instead. The engine is immutable, safe to share between threads,
and picklable (it travels to Dask workers as its pack). The C++ work is in ``qaf._qaf``, which
only converts types; this module is the Pythonic surface.
"""

from __future__ import annotations

import copy
import datetime
import json
import os
from typing import Any, Mapping, NamedTuple, Sequence

import pandas as pd

from . import _qaf
from ._errors import Diagnostic, InputError, PackError, QafError
from ._portfolio import Portfolio, encode, records_json

__all__ = [
    "Assessment", "Diagnostic", "Engine", "InputError", "Pack", "PackError", "Portfolio",
    "QafError", "add_working_days", "assessment_window", "bundled_packs", "compare",
    "compare_workload", "load_pack", "load_pack_json", "version",
]

__version__: str = _qaf.version()


def version() -> str:
    """The library's version string, as ``qaf::version()`` returns it."""
    return __version__


def _date(value: datetime.date, name: str) -> str:
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        raise TypeError(f"{name} must be a datetime.date, not {type(value).__name__}")
    return value.isoformat()


class Pack:
    """A loaded, checked and compiled rule pack. Immutable; change one with ``with_rule``,
    ``without_rule`` or by editing ``json`` and calling ``load_pack_json``."""

    def __init__(self, loaded: _qaf.Pack) -> None:
        self._pack = loaded

    @property
    def id(self) -> str:
        return str(self._pack.info["id"])

    @property
    def version(self) -> str:
        return str(self._pack.info["version"])

    @property
    def info(self) -> dict[str, Any]:
        """id, title, council, version, description, effective_from, effective_to."""
        info: dict[str, Any] = dict(self._pack.info)
        for key in ("effective_from", "effective_to"):
            text = info[key]
            info[key] = None if text is None else datetime.date.fromisoformat(text)
        return info

    @property
    def rules(self) -> dict[str, dict[str, Any]]:
        """Every rule of the pack by id, as the JSON results' top-level ``rules`` object names
        them: ``text``, ``source``, ``interpretation``, ``note``, ``condition``, and ``scheme``,
        ``level``, ``kind`` for a classification rule, ``activity`` for a schedule rule. Compact
        results refer to these ids (a rating's ``reasons[i]["rule"]``, an occurrence's ``rule``,
        a KPI result's ``kpi``)."""
        rules: dict[str, dict[str, Any]] = self._pack.rules
        return rules

    @property
    def levels(self) -> dict[str, dict[str, Any]]:
        """Each scheme's levels by level: ``label`` and ``interventions``, as the JSON results'
        ``levels`` object; a compact rating's interventions name a level from here."""
        levels: dict[str, dict[str, Any]] = self._pack.levels
        return levels

    def rules_frame(self) -> pd.DataFrame:
        """``rules`` as a DataFrame, one row a rule: ``rule`` (the id), then the members of
        ``rules`` (None where a kind of rule has no such member). Join it to results on their
        ``rule`` (occurrences, a rating's exploded ``reasons``)."""
        rows = [{"rule": rule_id, **entry} for rule_id, entry in self.rules.items()]
        return pd.DataFrame(rows) if rows else pd.DataFrame({"rule": []})

    @property
    def activities(self) -> list[dict[str, Any]]:
        """Each activity's code, title, kind and whether it is on site."""
        return list(self._pack.activities)

    @property
    def origin(self) -> str:
        """The bundled id or file path the pack was loaded from."""
        return self._pack.origin

    @property
    def json(self) -> dict[str, Any]:
        """A fresh copy of the pack's JSON document, to edit and reload with load_pack_json."""
        loaded: dict[str, Any] = json.loads(self._pack.json_text)
        return loaded

    def with_rule(self, rule: Mapping[str, Any], section: str | None = None) -> Pack:
        """A new pack with ``rule`` in place of the rule of the same ``id`` in whichever section
        holds it (schedule, triggers, follow_ups, minimum_visits, ...), or added at the end of
        ``section`` (default ``schedule``) when no rule has that id. PackError when the result is
        not a valid pack."""
        document = self.json
        rule_id = rule.get("id")
        for name, entries in document.items():
            if section not in (None, name) or not isinstance(entries, list):
                continue
            for i, entry in enumerate(entries):
                if isinstance(entry, dict) and rule_id is not None and entry.get("id") == rule_id:
                    entries[i] = copy.deepcopy(dict(rule))
                    return load_pack_json(document, name=f"{self.origin} with {rule_id}")
        document.setdefault(section or "schedule", []).append(copy.deepcopy(dict(rule)))
        return load_pack_json(document, name=f"{self.origin} with {rule_id}")

    def without_rule(self, rule_id: str) -> Pack:
        """A new pack without the rule ``rule_id`` (in any section). KeyError when there is none."""
        document = self.json
        for entries in document.values():
            if isinstance(entries, list):
                kept = [e for e in entries if not (isinstance(e, dict) and e.get("id") == rule_id)]
                if len(kept) != len(entries):
                    entries[:] = kept
                    return load_pack_json(document, name=f"{self.origin} without {rule_id}")
        raise KeyError(rule_id)

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled as where it came from: a bundled pack by id, any other by its JSON text, so
        # that a Dask worker rebuilds the same pack without the file it was read from.
        if any(p["id"] == self.id for p in _qaf.bundled_packs()) and \
                _qaf.load_pack(self.id).json_text == self._pack.json_text:
            return (load_pack, (self.id,))
        return (load_pack_json, (self._pack.json_text, self.origin))

    def __repr__(self) -> str:
        return f"qaf.Pack({self.id!r}, version {self.version!r})"


def load_pack(id_or_path: str | os.PathLike[str]) -> Pack:
    """A bundled pack by id ("bolton-children-2024") or the pack JSON file at a path."""
    return Pack(_qaf.load_pack(os.fspath(id_or_path)))


def load_pack_json(document: str | Mapping[str, Any], name: str = "<string>") -> Pack:
    """A pack from its JSON text or an already parsed document, without writing a file; ``name``
    is what diagnostics call it."""
    text = document if isinstance(document, str) else records_json(document)
    return Pack(_qaf.parse_pack(text, name))


def bundled_packs() -> list[dict[str, str]]:
    """The packs compiled into the library: id, title, version, source."""
    return list(_qaf.bundled_packs())


def add_working_days(date: datetime.date, n: int, region: str = "england_and_wales") -> datetime.date:
    """The n-th working day after ``date`` (before it when n is negative); ``date`` itself never
    counts. InputError (qaf.date.range) outside the years with bank holidays."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"n must be an int, not {type(n).__name__}")
    return datetime.date.fromisoformat(_qaf.add_working_days(_date(date, "date"), n, region))


def assessment_window(as_of: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The window ``qaf assess`` schedules: from as_of to the day before as_of + 12 months."""
    month = as_of.month - 1 + 12
    year, month = as_of.year + month // 12, month % 12 + 1
    day = min(as_of.day, _days_in_month(year, month))
    return as_of, datetime.date(year, month, day) - datetime.timedelta(days=1)


def _days_in_month(year: int, month: int) -> int:
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return (following - datetime.timedelta(days=1)).day


def _frame(table: Mapping[str, Any], empty_columns: Sequence[str] = ()) -> pd.DataFrame:
    """A column table from the binding as a DataFrame (None where a row lacks a member the
    others have); with no rows, `empty_columns`."""
    if not table["rows"] and empty_columns:
        return pd.DataFrame({c: [] for c in empty_columns})
    return pd.DataFrame(table["data"], columns=list(table["columns"]))


def _flag(value: bool, name: str) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be a bool, not {type(value).__name__}")
    return value


# The columns of an assess_frame row every pack has (an empty portfolio gives just these).
_OVERVIEW_COLUMNS = ["provider", "overdue", "due", "upcoming", "done", "on_site_visits",
                     "next_due", "next_activity"]
# KPI statuses (docs/kpis.md), whose counts assess_frame gives as kpi_<status>, in this order.
_KPI_STATUSES = ["met", "not_met", "no_data", "not_applicable", "no_baseline"]


class Assessment(NamedTuple):
    """Everything ``assess`` answers for a portfolio, as tidy DataFrames in input order."""

    providers: list[str]  # the providers' ids, in input order
    occurrences: pd.DataFrame  # one row an occurrence (the schedule's JSON members)
    ratings: pd.DataFrame  # one row a provider's rating in one scheme
    kpis: pd.DataFrame  # one row a provider's KPI in one period
    workload: pd.DataFrame  # on-site visits a month for the whole portfolio
    officer_workload: pd.DataFrame  # on-site visits a month for each officer
    unknown_facts: pd.DataFrame  # provider, fact: facts that kept a schedule rule undecided
    warnings: list[dict[str, str]]  # result-level warnings, e.g. outside_effective_period
    # one row a provider's minimum-visit check (the schedule's JSON `minimum_visits` members)
    minimum_visits: pd.DataFrame


class Engine:
    """One pack, many providers. Immutable and safe to share between threads.

    Per provider (a dict as in a JSON portfolio's ``providers``): ``schedule``, ``rate``,
    ``evaluate_kpis`` and ``minimum_visits``, each a list of dicts. Per portfolio (a DataFrame,
    records or a path), in one call into C++ spread over ``threads`` (default: every core):
    ``schedule_frame``, ``minimum_visits_frame``, ``rate_frame``, ``kpi_frame``, ``assess`` and
    ``assess_frame``."""

    def __init__(self, pack: Pack) -> None:
        if not isinstance(pack, Pack):
            raise TypeError(f"Engine takes a qaf.Pack, not {type(pack).__name__}")
        self.pack = pack
        self._engine = _qaf.Engine(pack._pack)
        self._columns: list[str] | None = None  # assess_frame's, known once asked for

    def __reduce__(self) -> tuple[Any, ...]:
        # The C++ engine is rebuilt from the pack, which pickles as its id or its JSON text.
        return (Engine, (self.pack,))

    # ---- one provider ----------------------------------------------------------------------

    def _one(self, provider: Mapping[str, Any], table: str, as_of: datetime.date,
             start: datetime.date | None = None, end: datetime.date | None = None,
             explain: bool = False) -> list[dict[str, Any]]:
        if not isinstance(provider, Mapping):
            raise TypeError(f"a provider is a dict, not {type(provider).__name__}")
        text = records_json({"providers": [provider]})
        try:
            result = self._engine.run(
                "json", text, "<provider>", [table], _date(as_of, "as_of"),
                None if start is None else _date(start, "start"),
                None if end is None else _date(end, "end"), 1, False, _flag(explain, "explain"))
            rows: list[dict[str, Any]] = result[table]["list"]
            return rows
        except InputError as error:
            # Pointers into the record itself ("/facts/beds"), as check_provider gives them.
            prefix = "/providers/0"
            raise InputError([
                Diagnostic(d.code, d.pointer[len(prefix):] if d.pointer.startswith(prefix) else
                           d.pointer, d.message, d.file) for d in error.diagnostics]) from None

    def schedule(self, provider: Mapping[str, Any], *, start: datetime.date, end: datetime.date,
                 as_of: datetime.date) -> list[dict[str, Any]]:
        """Occurrences due in [start, end] plus those still overdue, by due date."""
        return self._one(provider, "occurrences", as_of, start, end)

    def minimum_visits(self, provider: Mapping[str, Any], *, start: datetime.date,
                       end: datetime.date, as_of: datetime.date) -> list[dict[str, Any]]:
        """The provider's minimum-visit checks over the schedule of [start, end]: one dict a
        ``minimum_visits`` rule whose condition holds, as ``qaf schedule``'s ``minimum_visits``."""
        return self._one(provider, "minimum_visits", as_of, start, end)

    def rate(self, provider: Mapping[str, Any], *, as_of: datetime.date,
             explain: bool = False) -> list[dict[str, Any]]:
        """Every classification scheme of the pack for this provider. Compact, as ``qaf rate``:
        reasons name their rules (``pack.rules``); ``explain=True`` as ``qaf rate --explain``,
        each reason with its rule's text, source, condition and value."""
        return self._one(provider, "ratings", as_of, explain=explain)

    def evaluate_kpis(self, provider: Mapping[str, Any], *, as_of: datetime.date | None = None,
                      explain: bool = False) -> list[dict[str, Any]]:
        """KPI status per KPI and return period as of a date (today when left out, as the CLI's
        ``--as-of``), with consequences: returns for periods not yet over are not read.
        ``explain=True`` adds each KPI's source and target text, as ``qaf kpi --explain``."""
        when = datetime.date.today() if as_of is None else as_of
        return self._one(provider, "kpis", when, explain=explain)

    # ---- a whole portfolio -----------------------------------------------------------------

    def _run(self, portfolio: Portfolio, tables: list[str], as_of: datetime.date,
             start: datetime.date | None, end: datetime.date | None,
             threads: int | None, explain: bool = False) -> dict[str, Any]:
        if threads is not None and (isinstance(threads, bool) or not isinstance(threads, int)
                                    or threads < 1):
            raise ValueError(f"threads must be a positive int or None, not {threads!r}")
        flag = _flag(explain, "explain")
        kind, text, name = encode(portfolio)
        return self._engine.run(kind, text, name, tables, _date(as_of, "as_of"),
                                None if start is None else _date(start, "start"),
                                None if end is None else _date(end, "end"), threads or 0, True,
                                flag)

    def schedule_frame(self, portfolio: Portfolio, *, start: datetime.date, end: datetime.date,
                       as_of: datetime.date, threads: int | None = None) -> pd.DataFrame:
        """One row an occurrence; providers in input order, each by due date."""
        result = self._run(portfolio, ["occurrences"], as_of, start, end, threads)
        frame = _frame(result["occurrences"])
        frame.attrs["warnings"] = list(result["warnings"])
        return frame

    def minimum_visits_frame(self, portfolio: Portfolio, *, start: datetime.date,
                             end: datetime.date, as_of: datetime.date,
                             threads: int | None = None) -> pd.DataFrame:
        """One row a provider's minimum-visit check over the schedule of [start, end]; providers
        in input order, each check in the pack's order, as ``qaf schedule``'s
        ``minimum_visits``."""
        return _frame(self._run(portfolio, ["minimum_visits"], as_of, start, end,
                                threads)["minimum_visits"])

    def rate_frame(self, portfolio: Portfolio, *, as_of: datetime.date,
                   threads: int | None = None, explain: bool = False) -> pd.DataFrame:
        """One row a rating: each provider in input order, each scheme in the pack's order.
        Compact unless ``explain`` (see ``rate``)."""
        return _frame(self._run(portfolio, ["ratings"], as_of, None, None, threads,
                                explain)["ratings"])

    def kpi_frame(self, portfolio: Portfolio, *, as_of: datetime.date | None = None,
                  threads: int | None = None, explain: bool = False) -> pd.DataFrame:
        """One row a KPI period as of a date (today when left out), providers in input order.
        Compact unless ``explain`` (see ``evaluate_kpis``)."""
        when = datetime.date.today() if as_of is None else as_of
        return _frame(self._run(portfolio, ["kpis"], when, None, None, threads,
                                explain)["kpis"])

    def assess(self, portfolio: Portfolio, *, as_of: datetime.date,
               threads: int | None = None, explain: bool = False) -> Assessment:
        """As ``qaf assess``: the schedule of the 12 months from as_of, every rating, every KPI;
        ratings and KPIs compact unless ``explain``."""
        start, end = assessment_window(as_of)
        result = self._run(portfolio, ["occurrences", "minimum_visits", "ratings", "kpis"], as_of,
                           start, end, threads, explain)
        return Assessment(
            providers=list(result["provider_ids"]), occurrences=_frame(result["occurrences"]),
            ratings=_frame(result["ratings"]), kpis=_frame(result["kpis"]),
            workload=_frame(result["workload"]["months"]),
            officer_workload=_frame(result["workload"]["by_officer"]),
            unknown_facts=_frame(result["unknown_facts"], ["provider", "fact"]),
            warnings=list(result["warnings"]),
            minimum_visits=_frame(result["minimum_visits"]))

    def assess_frame(self, portfolio: Portfolio, *, as_of: datetime.date,
                     threads: int | None = None) -> pd.DataFrame:
        """One row a provider, in input order: each scheme's ``<scheme>_level``,
        ``<scheme>_label``, ``<scheme>_status`` and ``<scheme>_summary``; the count of occurrences
        of each status in the 12 months from as_of (``overdue``, ``due``, ``upcoming``,
        ``done``); ``on_site_visits``; the earliest occurrence not done (an overdue one included)
        as ``next_due`` and ``next_activity``; and the count of KPI periods of each status
        (``kpi_met``, ``kpi_not_met``, ...; 0 where a provider has none). ``assess`` gives the
        tidy tables behind it. The library counts each provider's row (provider_overview_json),
        so only these rows cross into Python, not every occurrence."""
        start, end = assessment_window(as_of)
        result = self._run(portfolio, ["overview"], as_of, start, end, threads)
        # The same columns whatever the portfolio (a Dask partition's rows fit any other's):
        # the pack's schemes, and every KPI status when it has KPIs, a count a provider has none
        # of being 0.
        expected = self._overview_columns()
        frame = _frame(result["overview"], expected)
        frame = frame.reindex(columns=expected + [c for c in frame.columns if c not in expected])
        for status in _KPI_STATUSES:
            if f"kpi_{status}" in frame.columns:
                frame[f"kpi_{status}"] = frame[f"kpi_{status}"].fillna(0).astype(int)
        return frame

    def _overview_columns(self) -> list[str]:
        if self._columns is None:
            document = self.pack.json
            schemes = [f"{s['id']}_{member}" for s in document.get("schemes", [])
                       for member in ("level", "label", "status", "summary")]
            kpis = [f"kpi_{status}" for status in _KPI_STATUSES] if document.get("kpis") else []
            self._columns = ["provider", *schemes, *_OVERVIEW_COLUMNS[1:], *kpis]
        return list(self._columns)

    def __repr__(self) -> str:
        return f"qaf.Engine({self.pack!r})"


from ._compare import compare, compare_workload  # noqa: E402  (uses Engine and Pack above)
