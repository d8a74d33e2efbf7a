"""The JSON Schemas in schemas/ and the files that must follow them: bundled packs and examples.

Checks that every bundled pack and example portfolio validates, that the schemas are valid draft
2020-12 schemas with versioned ids, that typical mistakes in a pack are rejected, and the
published deadline tables of the Bolton adults pack (corrections included).
"""

import copy
import csv
import datetime
import json
import re

import pytest
from jsonschema import Draft202012Validator

from conftest import BUNDLED_PACK_IDS, EXAMPLES, PACKS, SCHEMAS, SHARED, load_json

SCHEMA_IDS = {
    "pack.schema.json": "urn:qaf:schema:pack:1",
    "portfolio.schema.json": "urn:qaf:schema:portfolio:1",
    "results.schema.json": "urn:qaf:schema:results:1",
}

# Which pack each example portfolio is written for.
EXAMPLE_PACKS = {
    "portfolio.json": "bolton-children-2024",
    "portfolio-devon.json": "devon-children-residential",
    "portfolio-bolton-adults.csv": "bolton-adults-2020",
    # scripts/make_examples.py: one portfolio a bundled pack, as JSON and CSV.
    **{f"{pack}.{ext}": pack for pack in ["bolton-children-2024", "bolton-adults-2020",
                                           "devon-children-residential", "herefordshire-adults-2018",
                                           "coventry-children"] for ext in ["json", "csv"]},
}


def validator(schema):
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(schema, instance):
    return sorted(validator(schema).iter_errors(instance), key=lambda e: list(e.absolute_path))


def describe(errs):
    return "\n".join(f"{e.json_path}: {e.message[:300]}" for e in errs)


def iso(text):
    return datetime.date.fromisoformat(text)


# --- the schemas themselves ---------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SCHEMA_IDS))
def test_schema_is_a_valid_draft_2020_12_schema_with_versioned_id(name):
    schema = load_json(SCHEMAS / name)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == SCHEMA_IDS[name]


@pytest.mark.parametrize("name", sorted(SCHEMA_IDS))
def test_every_property_of_a_schema_is_described(name):
    """Editors show descriptions; every named property should have one for the QA officer."""
    schema = load_json(SCHEMAS / name)
    missing = []

    def described(node):
        """A description of its own, or one on the local definition it refers to (editors show it)."""
        if node is True:
            return True  # `true` inside if/then re-admits a member described beside it
        if "description" in node:
            return True
        target = node.get("$ref", "")
        if target.startswith("#/$defs/"):
            return described(schema["$defs"][target[len("#/$defs/"):]])
        return False

    def walk(node, path):
        if isinstance(node, dict):
            for key, child in node.get("properties", {}).items():
                if not described(child):
                    missing.append(f"{path}/properties/{key}")
            for key, child in node.items():
                walk(child, f"{path}/{key}")
        elif isinstance(node, list):
            for index, child in enumerate(node):
                walk(child, f"{path}/{index}")

    walk(schema, "#")
    # Discriminator schemas inside if/then/else and the match patterns of test expectations are
    # not shown to editors on their own.
    missing = [m for m in missing if "/if/" not in m and "/then/properties/" not in m
               and "/else/" not in m and "/expect/" not in m]
    assert not missing, "properties without a description:\n" + "\n".join(missing)
    assert "description" in schema


# --- bundled packs ------------------------------------------------------------------------------


@pytest.mark.parametrize("pack_id", BUNDLED_PACK_IDS)
def test_bundled_pack_validates(pack_schema, packs, pack_id):
    errs = errors(pack_schema, packs[pack_id])
    assert not errs, describe(errs)


@pytest.mark.parametrize("pack_id", BUNDLED_PACK_IDS)
def test_bundled_pack_metadata(packs, pack_id):
    pack = packs[pack_id]
    assert pack["id"] == pack_id
    assert pack["$schema"] == "../schemas/pack.schema.json"
    assert pack["format"] == 1
    assert pack["calendar"]["region"] == "england_and_wales"
    for source in pack["sources"]:
        assert source["file"].startswith("seeds/")
    if pack["effective_to"] is not None:
        assert iso(pack["effective_from"]) < iso(pack["effective_to"])


@pytest.mark.parametrize("pack_id", BUNDLED_PACK_IDS)
def test_bundled_pack_cross_references(packs, pack_id):
    """What the schema cannot see: ids unique, citations name a listed source."""
    pack = packs[pack_id]
    documents = {s["id"] for s in pack["sources"]}
    codes = [a["code"] for a in pack["activities"]]
    assert len(codes) == len(set(codes)), "activity codes must be unique"
    service_types = [s["id"] for s in pack["service_types"]]
    assert len(service_types) == len(set(service_types))
    fact_names = [f["name"] for f in pack.get("facts", [])]
    assert len(fact_names) == len(set(fact_names))
    cited = []

    def walk(node):
        if isinstance(node, dict):
            if "document" in node and "section" in node:
                cited.append(node["document"])
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(pack)
    assert cited and set(cited) <= documents
    for item in pack["activities"] + pack["service_types"] + pack.get("facts", []):
        if item.get("interpretation"):
            assert item.get("note"), item


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="source documents not beside the repository")
@pytest.mark.parametrize("pack_id", BUNDLED_PACK_IDS)
def test_every_quote_is_verbatim_in_its_source(packs, pack_id):
    pack = packs[pack_id]

    def normalise(text):
        return re.sub(r"\s+", " ", text).strip()

    texts = {s["id"]: normalise((SHARED / s["file"]).read_text(encoding="utf-8")) for s in pack["sources"]}
    quotes = []

    def walk(node):
        if isinstance(node, dict):
            if "document" in node and "quote" in node:
                quotes.append((node["document"], node["quote"]))
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(pack)
    assert quotes
    missing = [q for doc, q in quotes if normalise(q) not in texts[doc]]
    assert not missing, "quotes not found in the source:\n" + "\n".join(missing)


def test_activity_codes_as_the_sources_write_them(packs):
    def codes(pack_id):
        return {a["code"] for a in packs[pack_id]["activities"]}

    assert {"QMC-1", "QMC-2", "QMC-3", "QMC-4", "QMC-5", "QMC-6", "QMC-8", "QMC-9A", "QMC-9B",
            "OOB-DATA", "QMC-1-FORM"} == codes("bolton-children-2024")
    assert {f"QM-{n}" for n in range(1, 9)} | {"QM-1-FORM"} <= codes("bolton-adults-2020")
    assert {"CV-VISIT", "CV-DECISION", "CV-PLANNED-VISIT"} <= codes("coventry-children")
    kinds = {a["code"]: a["kind"] for a in packs["devon-children-residential"]["activities"]}
    assert kinds["DEFAULT-NOTICE"] == "decision" and kinds["REVIEW-MEETING"] == "meeting"


# --- deliberately broken packs ------------------------------------------------------------------


def mutate_misspelt_member(pack):
    pack["activites"] = pack.pop("activities")


def mutate_misspelt_activity_member(pack):
    pack["activities"][0]["onsite"] = pack["activities"][0].pop("on_site")


def mutate_bad_cadence_type(pack):
    pack["schedule"] = [{"id": "qmc1", "activity": "QMC-1", "cadence": {"type": "fortnightly", "weeks": 2},
                         "source": pack["activities"][0]["source"]}]


def mutate_cadence_member_of_another_type(pack):
    pack["schedule"] = [{"id": "qmc1", "activity": "QMC-1", "cadence": {"type": "every", "months": 12, "day": 8},
                         "source": pack["activities"][0]["source"]}]


def mutate_alternate_with_activity(pack):
    pack["schedule"] = [{"id": "alt", "activity": "QMC-1",
                         "cadence": {"type": "alternate", "activities": ["QMC-1", "QMC-8"], "months": 12},
                         "source": pack["activities"][0]["source"]}]


def mutate_interpretation_without_note(pack):
    activity = next(a for a in pack["activities"] if a.get("interpretation"))
    del activity["note"]


def mutate_bad_date_pattern(pack):
    pack["effective_from"] = "01/02/2024"


def mutate_impossible_date(pack):
    pack["effective_to"] = "2021-09-31"


def mutate_bad_activity_kind(pack):
    pack["activities"][0]["kind"] = "inspection"


def mutate_core_fact_redeclared(pack):
    pack["facts"] = [{"name": "beds", "type": "integer", "description": "Beds."}]


def mutate_enum_fact_without_values(pack):
    pack["facts"] = [{"name": "lot", "type": "enum", "description": "Contract lot."}]


def mutate_bad_due_form(pack):
    pack["follow_ups"] = [{"id": "form", "after": "QMC-1", "activity": "QMC-1-FORM",
                           "due": {"working_days": 10, "days": 14}, "source": pack["activities"][0]["source"]}]


def mutate_bad_version(pack):
    pack["version"] = "V6"


def mutate_trigger_rating_misspelt(pack):
    pack["triggers"] = [{"id": "below-good", "event": "regulator_rating_changed",
                         "match": {"to": ["requires_improvment"]},
                         "obligations": [{"activity": "QMC-2", "due": {"months": 3}}],
                         "source": pack["activities"][0]["source"]}]


BROKEN = {
    "misspelt top-level member": (mutate_misspelt_member, "activites"),
    "misspelt activity member": (mutate_misspelt_activity_member, "onsite"),
    "cadence type not in the list": (mutate_bad_cadence_type, "fortnightly"),
    "cadence member of another type": (mutate_cadence_member_of_another_type, "day"),
    "alternate rule naming an activity": (mutate_alternate_with_activity, None),
    "interpretation without note": (mutate_interpretation_without_note, "note"),
    "date not YYYY-MM-DD": (mutate_bad_date_pattern, "01/02/2024"),
    "date that does not exist": (mutate_impossible_date, "2021-09-31"),
    "activity kind not in the enum": (mutate_bad_activity_kind, "inspection"),
    "core fact redeclared": (mutate_core_fact_redeclared, None),
    "enum fact without values": (mutate_enum_fact_without_values, "values"),
    "due with two forms": (mutate_bad_due_form, None),
    "version not MAJOR.MINOR.PATCH": (mutate_bad_version, "V6"),
    "trigger matching a misspelt rating": (mutate_trigger_rating_misspelt, "requires_improvment"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_pack_is_rejected(pack_schema, packs, case):
    mutate, expected_in_message = BROKEN[case]
    pack = copy.deepcopy(packs["bolton-children-2024"])
    assert not errors(pack_schema, pack)
    mutate(pack)
    errs = list(validator(pack_schema).iter_errors(pack))
    assert errs, f"the schema accepted a pack with a {case}"
    if expected_in_message:
        text = json.dumps([e.message for e in errs] + [str(list(e.absolute_path)) for e in errs])
        context = json.dumps([c.message for e in errs for c in (e.context or [])])
        assert expected_in_message in text + context, describe(errs)


def test_full_format_is_accepted(pack_schema, packs):
    """Every member of docs/pack-format.md, as its examples write them, is valid."""
    pack = copy.deepcopy(packs["bolton-children-2024"])
    src = {"document": "bolton-cyp-qaf-v6", "section": "Appendix 1, Activity Matrix",
           "quote": "24 Monthly alternating with QMC-8"}
    pack["facts"] = [
        {"name": "flu_service", "type": "boolean", "description": "Delivers the flu service."},
        {"name": "education_setting", "type": "enum", "values": ["special_school", "college"], "description": "Setting."},
        {"name": "suspension_since", "type": "date", "nullable": True, "description": "Suspension date."},
        {"name": "area_ratings", "type": "object", "keys": ["north", "south"], "values": ["good", "poor"],
         "description": "Ratings by area."},
    ]
    pack["calendar"] = {
        "region": "england_and_wales",
        "closure_days": [{"date": "2024-12-24", "name": "Council closure"}],
        "terms": [{"name": "Autumn 2024", "start": "2024-09-04", "end": "2024-12-20"}],
        "deadline_tables": [{"id": "pir", "title": "PIR", "source": src, "deadlines": [
            {"period": "2018/19 period 1", "due": "2018-04-30"},
            {"period": "2018/19 period 10", "due": "2019-01-07", "published": "07/01/18", "interpretation": True,
             "note": "The year is 2019."}]}],
    }
    pack["schedule"] = [
        {"id": "qmc1-qmc8", "when": "location == 'in_area'", "cadence": {"type": "alternate", "activities": ["QMC-1", "QMC-8"], "months": 12}, "source": src},
        {"id": "qmc5", "activity": "QMC-5", "cadence": {"type": "monthly_by_day", "day": 8, "roll": "next_working_day", "months": [10, 11, 12, 1, 2]}, "source": src},
        {"id": "qmc1-annual", "activity": "QMC-1", "cadence": {"type": "every", "months": 12, "first_due": {"months": 3}}, "source": src},
        {"id": "oob", "activity": "OOB-DATA", "cadence": {"type": "termly", "offset_days": 14}, "source": src},
        {"id": "grant", "activity": "QMC-5", "cadence": {"type": "quarterly", "table": "pir"}, "source": src},
        {"id": "grant2", "activity": "QMC-5", "cadence": {"type": "quarterly", "offset_days": 15}, "source": src},
        {"id": "pir", "activity": "QMC-5", "cadence": {"type": "calendar", "table": "pir"}, "source": src},
        {"id": "qmc2", "activity": "QMC-2", "cadence": {"type": "ad_hoc"}, "source": src,
         "interpretation": True, "note": "Only triggers create it."},
    ]
    pack["triggers"] = [{"id": "inadequate", "event": "regulator_rating_changed", "match": {"to": ["inadequate"]},
                         "when": "placed_children > 0",
                         "obligations": [{"activity": "QMC-2", "due": {"same_working_day": True}},
                                         {"activity": "QMC-2", "due": {"hours": 24}},
                                         {"activity": "QMC-2", "due": {"months": 3},
                                          "repeat": {"months": 3, "while": "regulator_rating == 'inadequate'"}},
                                         {"activity": "QMC-1", "due": {"weeks": 4}, "brings_forward": True}],
                         "source": src}]
    pack["follow_ups"] = [{"id": "qmc1-form", "after": "QMC-1", "activity": "QMC-1-FORM", "due": {"working_days": 10}, "source": src}]
    pack["minimum_visits"] = [{"id": "min", "when": "service_type == 'childrens_home'", "visits": 2,
                               "activities": ["QMC-1", "QMC-8", "QMC-9A"], "source": src}]
    pack["schemes"] = [{"id": "pqr", "title": "Provider Quality Rating",
                        "levels": [{"level": 1, "label": "No concerns"},
                                   {"level": 5, "label": "Catastrophic concern",
                                    "interventions": [{"text": "Very urgent attention.", "source": src}]}],
                        "rules": [{"id": "pqr-3-s47", "level": 3, "when": "safeguarding_enquiries_open >= 1",
                                   "text": "There is one or more s.47 safeguarding enquiries ongoing.", "source": src}]},
                       {"id": "rag", "title": "RAG", "levels": [{"level": "low", "label": "Low risk"}, {"level": "high", "label": "High risk"}],
                        "rules": [{"id": "rag-high", "level": "high", "when": "placement_stop", "text": "placement stop", "source": src}]}]
    pack["kpis"] = [
        {"id": "compatibility_assessments", "title": "Compatibility", "measure": "percentage",
         "target": {"type": "at_least", "value": 100}, "source": src},
        {"id": "placement_breakdowns", "measure": "count",
         "target": {"type": "reduction", "against": "previous_contract_year"}, "source": src},
        {"id": "carbon_reporting", "measure": "evidence", "target": {"type": "evidence"},
         "frequency": "yearly", "when": "listed_company", "source": src},
    ]
    pack["kpi_consequences"] = {"not_met": "review_meeting", "not_met_after_review": "default_notice", "source": src}
    pack["tests"] = [{"id": "new-home", "description": "A new home's first QMC-1.",
                      "provider": {"id": "home", "facts": {"service_type": "childrens_home", "monitoring_start": "2024-04-01"},
                                   "history": [{"activity": "QMC-1", "date": "2024-05-13"}],
                                   "events": [{"type": "regulator_rating_changed", "date": "2024-06-01", "to": "inadequate"}]},
                      "as_of": "2024-07-01",
                      "expect": {"occurrences": [{"activity": "QMC-8", "due": "2025-05-13", "status": "upcoming"}],
                                 "ratings": [{"scheme": "pqr", "level": 1}],
                                 "kpis": [{"kpi": "compatibility_assessments", "period": "2024-04-01/2024-06-30", "status": "met"}]}}]
    errs = errors(pack_schema, pack)
    assert not errs, describe(errs)


# --- Bolton adults deadline tables --------------------------------------------------------------


def deadline_table(packs, table_id):
    tables = packs["bolton-adults-2020"]["calendar"]["deadline_tables"]
    return next(t for t in tables if t["id"] == table_id)


@pytest.mark.parametrize("table_id", ["provider-information-return", "grant-monitoring-return", "gp-larc-claims"])
def test_deadline_table_due_dates_strictly_increase(packs, table_id):
    dues = [iso(d["due"]) for d in deadline_table(packs, table_id)["deadlines"]]
    assert all(a < b for a, b in zip(dues, dues[1:])), dues


def test_provider_information_return_table(packs):
    rows = deadline_table(packs, "provider-information-return")["deadlines"]
    assert len(rows) == 36
    by_period = {r["period"]: r for r in rows}
    period10 = by_period["2018/19 period 10"]
    assert period10["due"] == "2019-01-07"
    assert period10["published"] == "07/01/18"
    assert period10["interpretation"] is True and period10["note"]
    assert by_period["2018/19 period 1"]["due"] == "2018-04-30"
    assert by_period["2019/20 period 1"]["due"] == "2019-04-29"
    assert by_period["2020/21 period 12"]["due"] == "2021-03-02"
    # The published bank-holiday dates are kept as printed, with a note saying so.
    for period, due in [("2018/19 period 2", "2018-05-28"), ("2019/20 period 2", "2019-05-27")]:
        assert by_period[period]["due"] == due
        assert "bank holiday" in by_period[period]["note"]
    corrected = [r for r in rows if "published" in r]
    assert corrected == [period10]


@pytest.mark.parametrize("table_id", ["grant-monitoring-return", "gp-larc-claims"])
def test_quarterly_return_tables(packs, table_id):
    rows = deadline_table(packs, table_id)["deadlines"]
    assert len(rows) == 16
    for row in rows:
        start, end, due = iso(row["start"]), iso(row["end"]), iso(row["due"])  # all real dates
        assert start < end < due
        assert (end + datetime.timedelta(days=1)).day == 1, "a period ends on a month's last day"
        assert start.day == 1
    septembers = [r for r in rows if r["period"].endswith("period 2")]
    assert len(septembers) == 4
    for row in septembers:
        assert row["end"].endswith("-09-30")
        assert row["published"] == "1st July – 31st September"
        assert row["interpretation"] is True and row["note"]
    assert [r["due"] for r in rows[:4]] == ["2018-07-13", "2018-10-12", "2019-01-18", "2019-04-12"]
    last = rows[-1]
    assert last["due"] == "2022-04-15" and "Good Friday" in last["note"]


# --- example portfolios -------------------------------------------------------------------------


def pack_facts(pack):
    return {f["name"]: f for f in pack.get("facts", [])}


def check_record_against_pack(record, pack, core_facts):
    """The checks the loader makes and a schema cannot: codes, service types, declared facts."""
    problems = []
    codes = {a["code"] for a in pack["activities"]}
    own = pack_facts(pack)
    for entry in record.get("history", []):
        if entry["activity"] not in codes:
            problems.append(f"{record['id']}: activity {entry['activity']} is not in {pack['id']}")
    facts = record.get("facts", {})
    for name, value in facts.items():
        if name not in core_facts and name not in own:
            problems.append(f"{record['id']}: fact {name} is neither core nor declared by {pack['id']}")
        if name in own and own[name]["type"] == "enum" and value not in own[name]["values"]:
            problems.append(f"{record['id']}: {name} = {value!r} is not one of {own[name]['values']}")
    service_types = {s["id"] for s in pack["service_types"]}
    if "service_type" in facts and facts["service_type"] not in service_types:
        problems.append(f"{record['id']}: service_type {facts['service_type']} is not in {pack['id']}")
    return problems


@pytest.mark.parametrize("name", sorted(n for n in EXAMPLE_PACKS if n.endswith(".json")))
def test_example_portfolio_validates_and_fits_its_pack(portfolio_schema, packs, name):
    portfolio = load_json(EXAMPLES / name)
    errs = errors(portfolio_schema, portfolio)
    assert not errs, describe(errs)
    ids = [p["id"] for p in portfolio["providers"]]
    assert len(ids) == len(set(ids))
    core = set(portfolio_schema["$defs"]["facts"]["properties"])
    pack = packs[EXAMPLE_PACKS[name]]
    problems = [p for record in portfolio["providers"] for p in check_record_against_pack(record, pack, core)]
    assert not problems, "\n".join(problems)


def ledger_record():
    """A record with the members DOMAIN.md sections 2 and 4 added for the ledger: history naming the
    period or due date it fulfils, and a facts_changed event with the facts before and after."""
    return {"id": "home-1",
            "history": [{"activity": "QMC-5", "date": "2024-07-10", "period": "2024-04-01/2024-06-30"},
                        {"activity": "QMC-1", "date": "2024-07-15", "due": "2024-07-13"}],
            "events": [{"type": "facts_changed", "date": "2024-07-01",
                        "facts": {"location": "out_of_area"}, "from": {"location": "in_area"}},
                       {"type": "regulator_rating_changed", "date": "2024-08-01", "from": "good",
                        "to": "inadequate"}],
            "returns": [{"period": {"start": "2024-04-01", "end": "2024-06-30"},
                         "values": {"placement_breakdowns": 2,
                                    "staff_supervised": {"numerator": 3, "denominator": 3}}}]}


def test_ledger_members_validate(portfolio_schema):
    errs = errors(portfolio_schema, {"providers": [ledger_record()]})
    assert not errs, describe(errs)


@pytest.mark.parametrize("breakage", ["period one date", "period unknown member", "facts_changed without facts",
                                      "facts on a rating change", "facts object as from of a rating change",
                                      "rating as from of facts_changed", "fractional count", "unknown event type"])
def test_broken_ledger_members_are_rejected(portfolio_schema, breakage):
    record = ledger_record()
    if breakage == "period one date":
        record["history"][0]["period"] = "2024-04-01"
    elif breakage == "period unknown member":
        record["history"][1]["dew"] = "2024-07-13"
    elif breakage == "facts_changed without facts":
        del record["events"][0]["facts"]
    elif breakage == "facts on a rating change":
        record["events"][1]["facts"] = {"beds": 2}
    elif breakage == "facts object as from of a rating change":
        record["events"][1]["from"] = {"regulator_rating": "good"}
    elif breakage == "rating as from of facts_changed":
        record["events"][0]["from"] = "good"
    elif breakage == "fractional count":
        record["returns"][0]["values"]["placement_breakdowns"] = 1.5
    elif breakage == "unknown event type":
        record["events"][0]["type"] = "facts_change"
    assert list(validator(portfolio_schema).iter_errors({"providers": [record]}))


def test_every_example_json_portfolio_is_listed():
    assert {p.name for p in EXAMPLES.glob("*.json")} <= set(EXAMPLE_PACKS)


def test_bolton_children_example_covers_the_service_mix():
    portfolio = load_json(EXAMPLES / "portfolio.json")
    facts = [p["facts"] for p in portfolio["providers"]]
    kinds = {(f["service_type"], f["location"]) for f in facts}
    for expected in [("childrens_home", "in_area"), ("childrens_home", "out_of_area"),
                     ("supported_accommodation", "in_area"), ("alternative_provision", "in_area"),
                     ("resourced_provision", "in_area"), ("special_school", "out_of_area")]:
        assert expected in kinds
    assert any(f["location"] == "out_of_area" and f.get("ehcp_children", 0) > 0 for f in facts)
    assert any(p.get("events") for p in portfolio["providers"])


def test_devon_example_returns_use_the_domain_kpi_ids(portfolio_schema):
    portfolio = load_json(EXAMPLES / "portfolio-devon.json")
    known = set(portfolio_schema["$defs"]["return"]["properties"]["values"]["properties"])
    for record in portfolio["providers"]:
        periods = [(r["period"]["start"], r["period"]["end"]) for r in record["returns"]]
        assert periods == sorted(periods) and len(periods) >= 3
        for ret in record["returns"]:
            assert set(ret["values"]) <= known
            assert set(ret.get("explained", [])) <= set(ret["values"])
            if "carbon_reporting" in ret["values"]:
                assert record["facts"]["listed_company"] is True


def csv_record(row, pack, core_schema):
    """A CSV row as a portfolio record, the way INTERFACE.md describes CSV portfolios: an `id`
    column, fact columns (object facts as `fact.key`), `last_<ACTIVITY>` date columns; an empty
    cell is unknown."""
    own = pack_facts(pack)
    record = {"id": row["id"], "facts": {}, "history": []}
    for column, cell in row.items():
        if column == "id" or cell == "":
            continue
        if column.startswith("last_"):
            record["history"].append({"activity": column[len("last_"):], "date": cell})
            continue
        name, _, key = column.partition(".")
        if key:
            record["facts"].setdefault(name, {})[key] = cell
            continue
        declared = own.get(name, {}).get("type") or core_schema.get(name, {}).get("type")
        if declared == "boolean":
            value = {"true": True, "false": False}.get(cell, cell)
        elif declared == "integer":
            value = int(cell)
        else:
            value = cell
        record["facts"][name] = value
    return record


@pytest.mark.parametrize("name", sorted(n for n in EXAMPLE_PACKS if n.endswith(".csv") and n != "portfolio-bolton-adults.csv"))
def test_generated_csv_example_validates_and_fits_its_pack(portfolio_schema, packs, name):
    pack = packs[EXAMPLE_PACKS[name]]
    with open(EXAMPLES / name, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert 20 <= len(rows) <= 40
    core_schema = portfolio_schema["$defs"]["facts"]["properties"]
    records = [csv_record(row, pack, core_schema) for row in rows]
    errs = errors(portfolio_schema, {"pack": pack["id"], "providers": records})
    assert not errs, describe(errs)
    problems = [p for r in records for p in check_record_against_pack(r, pack, set(core_schema))]
    assert not problems, "\n".join(problems)


def test_a_portfolio_may_name_its_pack(portfolio_schema):
    assert not errors(portfolio_schema, {"pack": "devon-children-residential", "providers": []})
    assert list(validator(portfolio_schema).iter_errors({"pack": 3, "providers": []}))
    assert list(validator(portfolio_schema).iter_errors({"pack": "", "providers": []}))


def test_bolton_adults_csv_example(portfolio_schema, packs):
    pack = packs["bolton-adults-2020"]
    with open(EXAMPLES / "portfolio-bolton-adults.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 6
    columns = rows[0].keys()
    assert "id" in columns and "last_QM-1" in columns
    assert any(c.startswith("key_question_ratings.") for c in columns)
    codes = {a["code"] for a in pack["activities"]}
    for column in columns:
        if column.startswith("last_"):
            assert column[len("last_"):] in codes, column
    core_schema = portfolio_schema["$defs"]["facts"]["properties"]
    records = [csv_record(row, pack, core_schema) for row in rows]
    errs = errors(portfolio_schema, {"providers": records})
    assert not errs, describe(errs)
    problems = [p for r in records for p in check_record_against_pack(r, pack, set(core_schema))]
    assert not problems, "\n".join(problems)


# --- results ------------------------------------------------------------------------------------


def sample_results():
    pack = {"id": "devon-children-residential", "version": "1.0.0"}
    occurrences = [{"provider": "dv-coastal-care", "activity": "CM-MEETING", "kind": "meeting", "due": "2026-07-27",
                    "status": "overdue", "rule": "cm-meeting",
                    "source": {"document": "devon-cr-qaf", "section": "Contract management schedule"},
                    "warnings": []}]
    ratings = [{"provider": "p1", "scheme": "pqr", "status": "decided", "level": 3, "label": "Moderate concern",
                "summary": "3 Moderate concern",
                "reasons": [{"rule": "pqr-3-s47", "kind": "rule", "level": 3}],
                "also_fired": []},
               {"provider": "p2", "scheme": "pqr", "status": "not_assessed", "level": None, "label": None,
                "summary": "not assessed \u2014 could reach 5: 22 facts unknown", "reasons": [], "also_fired": [],
                "could_reach": 5}]
    kpis = [{"provider": "dv-coastal-care", "kpi": "compatibility_assessments", "period": "2025-04-01/2025-06-30",
             "status": "met", "value": {"numerator": 3, "denominator": 3}, "target": {"type": "at_least", "value": 100},
             "consequence": "none"},
            {"provider": "dv-coastal-care", "kpi": "voice_of_child", "period": "2025-04-01/2025-06-30",
             "status": "no_data", "value": None, "target": {"type": "evidence"}, "consequence": "none"}]
    return pack, occurrences, ratings, kpis


def test_results_documents_validate(results_schema):
    pack, occurrences, ratings, kpis = sample_results()
    # Every document names its rules once and carries its warnings (INTERFACE.md).
    named = {"warnings": [], "rules": {"pqr-3-s47": {
        "text": "There is one or more s.47 safeguarding enquiries ongoing.",
        "source": {"document": "bolton-cyp-qaf-v6", "section": "Appendix 2"},
        "interpretation": False, "note": None, "condition": "safeguarding_enquiries_open >= 1"}}}
    for document in [{"pack": pack, "as_of": "2026-11-23", "occurrences": occurrences, **named},
                     {"pack": pack, "as_of": "2026-11-23", "ratings": ratings, **named},
                     {"pack": pack, "as_of": "2026-11-23", "kpis": kpis, **named},
                     {"pack": pack, "as_of": "2026-11-23", "occurrences": occurrences, "ratings": ratings,
                      "kpis": kpis, **named}]:
        errs = errors(results_schema, document)
        assert not errs, describe(errs)


@pytest.mark.parametrize("breakage", ["no as_of", "bad status", "bad period", "missing rule", "bad consequence", "bad kind",
                                      "rating without status", "bad rating status", "bad reason kind",
                                      "no rules", "no warnings", "reason without level", "rule without source"])
def test_broken_results_are_rejected(results_schema, breakage):
    pack, occurrences, ratings, kpis = sample_results()
    occurrences, ratings, kpis = copy.deepcopy(occurrences), copy.deepcopy(ratings), copy.deepcopy(kpis)
    rules = {"pqr-3-s47": {"text": "There is one or more s.47 safeguarding enquiries ongoing.",
                           "source": {"document": "bolton-cyp-qaf-v6", "section": "Appendix 2"},
                           "interpretation": False, "note": None, "condition": None}}
    document = {"pack": pack, "as_of": "2026-11-23", "warnings": [], "rules": rules,
                "occurrences": occurrences, "ratings": ratings, "kpis": kpis}
    assert not list(validator(results_schema).iter_errors(copy.deepcopy(document)))
    if breakage == "no as_of":
        del document["as_of"]
    elif breakage == "no rules":
        del document["rules"]
    elif breakage == "no warnings":
        del document["warnings"]
    elif breakage == "reason without level":
        del ratings[0]["reasons"][0]["level"]
    elif breakage == "rule without source":
        del rules["pqr-3-s47"]["source"]
    elif breakage == "bad status":
        occurrences[0]["status"] = "late"
    elif breakage == "bad period":
        kpis[0]["period"] = "2025-Q1"
    elif breakage == "missing rule":
        del occurrences[0]["rule"]
    elif breakage == "bad consequence":
        kpis[0]["consequence"] = "warning"
    elif breakage == "bad kind":
        occurrences[0]["kind"] = "inspection"
    elif breakage == "rating without status":
        del ratings[0]["status"]
    elif breakage == "bad rating status":
        ratings[0]["status"] = "default"
    elif breakage == "bad reason kind":
        ratings[0]["reasons"][0]["kind"] = "positive"
    assert list(validator(results_schema).iter_errors(document))


# --- outcomes, counts_as and offsets before an activity (issue 14) -------------------------------


def test_outcome_format_is_accepted(pack_schema, portfolio_schema):
    """The test pack with outcomes, follow-ups on an outcome, counts_as and a before cadence."""
    pack = load_json(PACKS.parent / "tests" / "data" / "packs" / "audit-outcomes.json")
    pack["follow_ups"][1]["counts_as"] = "AUDIT"
    errs = errors(pack_schema, pack)
    assert not errs, describe(errs)
    portfolio = {"providers": [{"id": "home", "history": [
        {"activity": "AUDIT", "date": "2025-05-14", "outcome": "poor"}]}]}
    errs = errors(portfolio_schema, portfolio)
    assert not errs, describe(errs)


@pytest.mark.parametrize("breakage", ["empty outcomes", "outcome not snake case", "before without offset",
                                      "before with same_working_day"])
def test_broken_outcome_format_is_rejected(pack_schema, breakage):
    pack = load_json(PACKS.parent / "tests" / "data" / "packs" / "audit-outcomes.json")
    if breakage == "empty outcomes":
        pack["activities"][0]["outcomes"] = []
    elif breakage == "outcome not snake case":
        pack["activities"][0]["outcomes"] = ["Good"]
    elif breakage == "before without offset":
        del pack["schedule"][1]["cadence"]["offset"]
    else:
        pack["schedule"][1]["cadence"]["offset"] = {"same_working_day": True}
    assert errors(pack_schema, pack), f"the schema accepted a pack with {breakage}"
