"""Mistakes reach Python as qaf.PackError and qaf.InputError (both ValueError) carrying every
diagnostic with its code and pointer: the same as the C++ tests expect for the shared corpora in
tests/data/bad_packs and tests/data/bad_portfolios, and for records, DataFrames and arguments."""

from __future__ import annotations

import datetime
import json
import pathlib
import re

import pandas as pd
import pytest

import qaf

DATA = pathlib.Path(__file__).resolve().parents[2] / "tests" / "data"
BAD_PACKS = json.loads((DATA / "bad_packs" / "cases.json").read_text(encoding="utf-8"))
BAD_PORTFOLIOS = json.loads((DATA / "bad_portfolios" / "cases.json").read_text(encoding="utf-8"))
AS_OF = datetime.date(2026, 11, 23)


def expect(error: qaf.QafError, expected: list[dict]) -> None:
    found = [(d.code, d.pointer) for d in error.diagnostics]
    assert len(found) == len(expected), found
    for (code, pointer), e in zip(found, expected):
        assert code == e["code"], found
        if e["pointer"] is None:
            assert re.fullmatch(r"\d+:\d+", pointer), found
        else:
            assert pointer == e["pointer"], found


@pytest.mark.parametrize("case", BAD_PACKS, ids=[c["file"] for c in BAD_PACKS])
def test_bad_pack_raises_pack_error_with_codes_and_pointers(case):
    path = DATA / "bad_packs" / case["file"]
    with pytest.raises(qaf.PackError) as raised:
        qaf.load_pack(path)
    # As pack_test.cpp: the set of (code, pointer), whatever order the loader found them in.
    found = sorted((d.code, d.pointer) for d in raised.value.diagnostics)
    assert found == sorted((e["code"], e["pointer"]) for e in case["expect"])
    assert isinstance(raised.value, ValueError)
    assert (raised.value.code, raised.value.pointer) == (raised.value.diagnostics[0].code,
                                                         raised.value.diagnostics[0].pointer)
    assert all(d.file == str(path) for d in raised.value.diagnostics)


@pytest.mark.parametrize("case", BAD_PORTFOLIOS, ids=[c["file"] for c in BAD_PORTFOLIOS])
def test_bad_portfolio_raises_input_error_with_codes_and_pointers(case):
    engine = qaf.Engine(qaf.load_pack(DATA / "packs" / "complete.json"))
    with pytest.raises(qaf.InputError) as raised:
        engine.rate_frame(DATA / "bad_portfolios" / case["file"], as_of=AS_OF)
    expect(raised.value, case["expect"])
    assert isinstance(raised.value, ValueError)


def test_a_pack_edited_in_python_reports_where_it_is_wrong():
    document = qaf.load_pack("bolton-children-2024").json
    document["activities"][0]["kind"] = "picnic"
    with pytest.raises(qaf.PackError) as raised:
        qaf.load_pack_json(document, name="edited")
    assert raised.value.pointer == "/activities/0/kind"
    assert raised.value.diagnostics[0].file == "edited"
    assert "picnic" in raised.value.message


def test_with_rule_that_breaks_the_pack_is_a_pack_error():
    pack = qaf.load_pack("bolton-children-2024")
    with pytest.raises(qaf.PackError) as raised:
        pack.with_rule({"id": "qmc1-qmc8-social-care", "activity": "QMC-99",
                        "cadence": {"type": "every", "months": 12}})
    assert raised.value.code.startswith("qaf.pack.")
    assert raised.value.pointer.startswith("/schedule/0")


def test_a_provider_record_error_points_into_the_record():
    engine = qaf.Engine(qaf.load_pack("bolton-children-2024"))
    record = {"id": "x", "facts": {"service_type": "childrens_home", "beds": "four"}}
    with pytest.raises(qaf.InputError) as raised:
        engine.rate(record, as_of=AS_OF)
    assert (raised.value.code, raised.value.pointer) == ("qaf.fact.type", "/facts/beds")
    record = {"id": "x", "facts": {"service_type": "castle"},
              "history": [{"activity": "QMC-77", "date": "2025-01-01"}]}
    with pytest.raises(qaf.InputError) as raised:
        engine.schedule(record, start=AS_OF, end=AS_OF, as_of=AS_OF)
    assert [(d.code, d.pointer) for d in raised.value.diagnostics] == [
        ("qaf.fact.enum", "/facts/service_type"),
        ("qaf.portfolio.unknown_activity", "/history/0/activity")]


def test_records_errors_point_into_the_list():
    engine = qaf.Engine(qaf.load_pack("bolton-children-2024"))
    records = [{"id": "a", "facts": {"beds": 2}}, {"id": "b", "facts": {"beds": -1}}]
    with pytest.raises(qaf.InputError) as raised:
        engine.rate_frame(records, as_of=AS_OF)
    assert raised.value.pointer == "/providers/1/facts/beds"


def test_a_dataframe_error_is_at_row_and_column_of_its_csv_form():
    engine = qaf.Engine(qaf.load_pack("bolton-children-2024"))
    frame = pd.DataFrame({"id": ["a", "b"], "service_type": ["childrens_home", "castle"]})
    with pytest.raises(qaf.InputError) as raised:
        engine.rate_frame(frame, as_of=AS_OF)
    # Row 1 is the header: the frame's second row is row 3; service_type is column 2.
    assert (raised.value.code, raised.value.pointer) == ("qaf.fact.enum", "3:2")
    assert raised.value.diagnostics[0].file == "<dataframe>"


def test_a_value_python_cannot_pass_is_an_input_error():
    engine = qaf.Engine(qaf.load_pack("bolton-children-2024"))
    with pytest.raises(qaf.InputError) as raised:
        engine.rate({"id": "a", "facts": {"beds": {1, 2}}}, as_of=AS_OF)
    assert raised.value.code == "qaf.python.value"


def test_dates_out_of_the_calendar_are_input_errors():
    with pytest.raises(qaf.InputError) as raised:
        qaf.add_working_days(datetime.date(2101, 1, 1), 1)
    assert (raised.value.code, raised.value.pointer) == ("qaf.date.range", "date")
    with pytest.raises(qaf.InputError) as raised:
        qaf.add_working_days(datetime.date(2024, 1, 1), 1, region="atlantis")
    assert (raised.value.code, raised.value.pointer) == ("qaf.cli.value", "region")
    engine = qaf.Engine(qaf.load_pack("bolton-children-2024"))
    with pytest.raises(qaf.InputError) as raised:
        engine.schedule({"id": "a"}, start=AS_OF, end=datetime.date(2020, 1, 1), as_of=AS_OF)
    assert (raised.value.code, raised.value.pointer) == ("qaf.cli.window", "end")
    with pytest.raises(qaf.InputError) as raised:
        engine.assess_frame([{"id": "a"}], as_of=datetime.date(2100, 6, 1))
    assert (raised.value.code, raised.value.pointer) == ("qaf.cli.window", "end")
    with pytest.raises(qaf.InputError) as raised:
        engine.rate({"id": "a"}, as_of=datetime.date(1990, 1, 1))
    assert (raised.value.code, raised.value.pointer) == ("qaf.cli.window", "as_of")


def test_arguments_of_the_wrong_type_are_type_errors():
    engine = qaf.Engine(qaf.load_pack("bolton-children-2024"))
    with pytest.raises(TypeError):
        engine.rate({"id": "a"}, as_of="2026-11-23")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        engine.rate({"id": "a"}, as_of=datetime.datetime(2026, 11, 23))
    with pytest.raises(TypeError):
        qaf.Engine("bolton-children-2024")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        engine.rate_frame([], as_of=AS_OF, threads=0)
    with pytest.raises(KeyError):
        qaf.load_pack("bolton-children-2024").without_rule("no-such-rule")
