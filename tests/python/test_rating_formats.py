"""Ratings that are honest about their evidence (issue 10, DOMAIN.md section 3), in every output
format: `qaf rate` as JSON and CSV, `qaf assess` as JSON and text. Each case of the issue is a
provider of a small portfolio written here; runs the built CLI (QAF_CLI; default build/bin/qaf)."""
import csv
import io
import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLI = Path(os.environ.get("QAF_CLI", ROOT / "build" / "bin" / "qaf"))
AS_OF = "2024-07-01"
DASH = "\u2014"

# Everything Bolton's PQR definitions read, known and good: "No concerns" earned and decided.
BOLTON_GOOD = {
    "concern_level": "none", "standards_breach": "none", "regulator_enforcement": "none",
    "financial": "stable", "documentation_complete": True, "experience": "good",
    "learning_evidenced": True, "complaints_open": 0, "complaints_trend": False,
    "safeguarding_concerns_open": 0, "safeguarding_enquiries_open": 0, "safeguarding_substantiated": 0,
    "recurring_moderate_incidents": 0, "whistleblowing": "none", "harm_incident": "none",
    "kpis_not_met": 0, "kpi_recovery_plan": False, "returns_missed": 0, "recruitment": "ok",
    "registered_manager": True, "staff_turnover_high": False, "improvement_plan": "none",
    "failure_risk": False, "market_exit_notice": False,
}

BOLTON = {
    "blank": {},
    "little": {"concern_level": "none"},
    "good": BOLTON_GOOD,
    "warning-notice": dict(BOLTON_GOOD, regulator_enforcement="warning_notice"),
    "one-substantiated": dict(BOLTON_GOOD, safeguarding_substantiated=1),
    "no-insurance": dict(BOLTON_GOOD, documentation_complete=False),
    "ten-complaints": dict(BOLTON_GOOD, complaints_open=10),
    "s47": dict(BOLTON_GOOD, safeguarding_enquiries_open=1),
    "three-substantiated": {"safeguarding_substantiated": 3},
}

COVENTRY = {
    "blank": {},
    "none": {"concern_level": "none", "placement_stability": "stable", "regulator_rating": "good",
             "placement_stop": False, "lado_investigation": False},
    "inadequate": {"regulator_rating": "inadequate"},
    "lado": {"lado_investigation": True},
}

HEREFORDSHIRE = {
    "blank": {},
    "suspended": {"placement_suspension_since": "2024-03-05", "advisory_notice_since": None,
                  "quality_concerns": "none", "regulator_rating": "good"},
}


def portfolio(tmp_path, facts_by_id):
    path = tmp_path / "portfolio.json"
    records = [{"id": pid, "facts": facts} for pid, facts in facts_by_id.items()]
    path.write_text(json.dumps({"providers": records}), encoding="utf-8")
    return str(path)


def run(*arguments):
    done = subprocess.run([str(CLI), *arguments], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def rate_json(pack, path):
    document = json.loads(run("rate", "--pack", pack, "--portfolio", path, "--as-of", AS_OF))
    return {r["provider"]: r for r in document["ratings"]}


def rate_csv(pack, path):
    rows = list(csv.DictReader(io.StringIO(run("rate", "--pack", pack, "--portfolio", path,
                                               "--as-of", AS_OF, "--format", "csv"))))
    return {r["provider"]: r for r in rows}


def assess_json(pack, path):
    document = json.loads(run("assess", "--pack", pack, "--portfolio", path, "--as-of", AS_OF))
    return {r["provider"]: r for r in document["ratings"]}


def assess_text(pack, path):
    """The text report's lines for each provider, by id."""
    text = run("assess", "--pack", pack, "--portfolio", path, "--as-of", AS_OF, "--format", "text")
    blocks, current = {}, None
    for line in text.splitlines():
        if line.startswith("  ") and not line.startswith("   ") and line.strip():
            current = line.strip().split(" ")[0]
            blocks[current] = []
        elif current is not None:
            blocks[current].append(line.strip())
    return blocks


@pytest.fixture(scope="module")
def bolton(tmp_path_factory):
    path = portfolio(tmp_path_factory.mktemp("bolton"), BOLTON)
    pack = "bolton-children-2024"
    return {"json": rate_json(pack, path), "csv": rate_csv(pack, path),
            "assess": assess_json(pack, path), "text": assess_text(pack, path)}


@pytest.fixture(scope="module")
def coventry(tmp_path_factory):
    path = portfolio(tmp_path_factory.mktemp("coventry"), COVENTRY)
    pack = "coventry-children"
    return {"json": rate_json(pack, path), "csv": rate_csv(pack, path),
            "assess": assess_json(pack, path), "text": assess_text(pack, path)}


@pytest.fixture(scope="module")
def herefordshire(tmp_path_factory):
    path = portfolio(tmp_path_factory.mktemp("herefordshire"), HEREFORDSHIRE)
    pack = "herefordshire-adults-2018"
    return {"json": rate_json(pack, path), "csv": rate_csv(pack, path),
            "assess": assess_json(pack, path), "text": assess_text(pack, path)}


def test_no_evidence_is_not_assessed_in_every_format(bolton, coventry, herefordshire):
    for results, scheme, reach in [(bolton, "pqr", "5"), (coventry, "rag", "High risk"),
                                   (herefordshire, "threshold", "3")]:
        for form in ("json", "assess"):
            r = results[form]["blank"]
            assert list(r)[:6] == ["provider", "scheme", "status", "level", "label", "summary"]
            assert (r["status"], r["level"], r["label"]) == ("not_assessed", None, None)
            assert r["reasons"] == [] and r["interventions"] == []
        row = results["csv"]["blank"]
        assert list(row)[:5] == ["provider", "scheme", "status", "level", "label"]
        assert (row["status"], row["level"], row["label"]) == ("not_assessed", "", "")
        n = len(results["json"]["blank"]["unknown_facts"])
        summary = f"not assessed {DASH} could reach {reach}: {n} facts unknown"
        assert row["summary"] == summary
        assert results["json"]["blank"]["summary"] == summary
        assert results["text"]["blank"][0] == f"{scheme}: {summary}"
    assert len(bolton["json"]["blank"]["unknown_facts"]) == 24
    for text in ("No concerns", "Low risk", "Business as usual"):
        assert text not in "\n".join(bolton["text"]["blank"] + coventry["text"]["blank"]
                                     + herefordshire["text"]["blank"])


def test_provisional_is_never_printed_bare(bolton):
    r = bolton["json"]["little"]
    n = len(r["unknown_facts"])
    summary = f"provisional 1 {DASH} could reach 5: {n} facts unknown"
    assert (r["status"], r["level"], r["could_reach"], r["summary"]) == ("provisional", 1, 5, summary)
    assert bolton["csv"]["little"]["status"] == "provisional"
    assert bolton["csv"]["little"]["summary"] == summary
    assert bolton["text"]["little"][0] == f"pqr: {summary}"
    assert bolton["assess"]["little"]["status"] == "provisional"


def test_no_concerns_is_earned_by_its_own_sentences(bolton):
    r = bolton["json"]["good"]
    assert (r["status"], r["level"], r["summary"]) == ("decided", 1, "1 No concerns")
    assert len(r["reasons"]) == 10 and {why["kind"] for why in r["reasons"]} == {"met"}
    assert bolton["text"]["good"][0] == "pqr: 1 No concerns"


@pytest.mark.parametrize("provider,rule,sentence", [
    ("warning-notice", "pqr-1-no-breach", "There is no evidence that standards or regulations are being breached."),
    ("one-substantiated", "pqr-1-no-substantiated-safeguarding",
     "There are no substantiated safeguarding concerns or enquiries."),
    ("no-insurance", "pqr-1-paperwork",
     "The provider has all necessary paperwork, insurances, registrations to deliver the service."),
    ("ten-complaints", "pqr-1-complaints-minor",
     "There have been one or two complaints, but these are minor in nature and have been reported to QA "
     "and are being dealt with appropriately."),
])
def test_a_broken_level_1_sentence_is_minor_concern_in_every_format(bolton, provider, rule, sentence):
    for form in ("json", "assess"):
        r = bolton[form][provider]
        assert (r["level"], r["label"]) == (2, "Minor concern")
        assert [(why["rule"], why["kind"], why["level"]) for why in r["reasons"]] == [(rule, "failed", 2)]
    row = bolton["csv"][provider]
    assert (row["level"], row["label"], row["rules"]) == ("2", "Minor concern", rule)
    assert row["reasons"] == "not so: " + sentence
    text = bolton["text"][provider]
    assert text[0].startswith("pqr: ") and "2 Minor concern" in text[0]
    assert f"because (2) not so: {sentence}" in "\n".join(text)


def test_level_1_sentences_are_no_reasons_for_level_3(bolton):
    r = bolton["json"]["s47"]
    assert (r["status"], r["level"]) == ("decided", 3)
    assert [why["rule"] for why in r["reasons"]] == ["pqr-3-safeguarding-enquiry"]
    assert r["also_fired"] == []
    assert bolton["csv"]["s47"]["rules"] == "pqr-3-safeguarding-enquiry"
    assert bolton["csv"]["s47"]["also_fired"] == ""
    assert not any(line.startswith(("because (1)", "also (1)")) for line in bolton["text"]["s47"])


def test_three_substantiated_concerns_are_already_numerous(bolton):
    r = bolton["json"]["three-substantiated"]
    assert r["level"] == 4
    assert r["reasons"][0]["rule"] == "pqr-4-safeguarding-substantiated"
    assert bolton["csv"]["three-substantiated"]["level"] == "4"
    assert bolton["text"]["three-substantiated"][0].startswith(f"pqr: provisional 4 {DASH} could reach 5")


def test_coventry_interventions_follow_the_inadequate_judgement_only(coventry):
    visit = "a visit to the placement must be made on the same working day"
    # A result names the rule its interventions follow from; the text is the document's rules
    # entry for it, named once (--explain writes it inline too).
    rules = json.loads(run("rate", "--pack", "coventry-children", "--portfolio",
                           str(ROOT / "tests" / "data" / "schedule" / "coventry.json"),
                           "--as-of", AS_OF))["rules"]
    assert visit in rules["rag-high-inadequate"]["interventions"][0]["text"]
    for form in ("json", "assess"):
        inadequate = coventry[form]["inadequate"]
        assert inadequate["level"] == "high"
        assert inadequate["interventions"] == [{"rule": "rag-high-inadequate"}]
        assert coventry[form]["lado"]["level"] == "high"
        assert coventry[form]["lado"]["interventions"] == []
    assert visit in coventry["csv"]["inadequate"]["interventions"]
    assert coventry["csv"]["lado"]["interventions"] == ""
    assert any(line.startswith("then: ") and visit in line for line in coventry["text"]["inadequate"])
    assert not any(line.startswith("then: ") for line in coventry["text"]["lado"])


def test_coventry_no_concerns_is_not_minor_concerns_and_labels_are_not_repeated(coventry):
    r = coventry["json"]["none"]
    assert (r["status"], r["level"], r["summary"]) == ("decided", "low", "Low risk")
    assert [why["rule"] for why in r["reasons"]] == ["rag-low-stable"]
    assert "minor concerns" not in json.dumps(r)
    assert "minor concerns" not in coventry["csv"]["none"]["reasons"]
    assert coventry["text"]["none"][0] == "rag: Low risk"
    assert coventry["text"]["lado"][0].startswith("rag: High risk")
    assert "high High risk" not in "\n".join(line for block in coventry["text"].values() for line in block)


def test_herefordshire_suspension_of_3_months_and_26_days_is_more_than_3_months(herefordshire):
    for form in ("json", "assess"):
        r = herefordshire[form]["suspended"]
        assert (r["level"], r["label"]) == (3, "Major concerns")
        assert r["reasons"][0]["rule"] == "threshold-3-suspension-over-3-months"
        assert [why["rule"] for why in r["also_fired"]] == ["threshold-2-suspension"]
    row = herefordshire["csv"]["suspended"]
    assert (row["level"], row["rules"]) == ("3", "threshold-3-suspension-over-3-months")
    assert "Large scale intervention" in row["interventions"]
    text = herefordshire["text"]["suspended"]
    assert "because (3) Advisory notice or placement suspension has been in place for >3 months" in "\n".join(text)
    assert any(line == "then: Large scale intervention  [APPENDIX 2: Quality Assurance Thresholds]" for line in text)
