"""What-if between rule sets: qaf.compare and compare_workload, packs changed in Python without
files, and examples/what_if.py writing its plot headless."""

from __future__ import annotations

import datetime
import os
import pathlib
import subprocess
import sys

import pytest

import qaf

ROOT = pathlib.Path(__file__).resolve().parents[2]
PORTFOLIO = ROOT / "examples" / "portfolio.json"
AS_OF = datetime.date(2026, 11, 23)


def yearly(pack: qaf.Pack) -> qaf.Pack:
    rule = next(r for r in pack.json["schedule"] if r["id"] == "qmc1-qmc8-social-care")
    return pack.with_rule({"id": rule["id"], "activity": "QMC-1", "when": rule["when"],
                           "cadence": {"type": "every", "months": 12}, "source": rule["source"]})


def test_the_same_pack_changes_nothing():
    pack = qaf.load_pack("bolton-children-2024")
    differences = qaf.compare(PORTFOLIO, pack, pack, as_of=AS_OF)
    assert len(differences) == 0
    assert differences.attrs["visits_per_month_per_officer"]["change"] == 0


def test_with_rule_replaces_the_rule_and_the_original_is_unchanged():
    pack = qaf.load_pack("bolton-children-2024")
    changed = yearly(pack)
    rules = {r["id"]: r for r in changed.json["schedule"]}
    assert rules["qmc1-qmc8-social-care"]["cadence"] == {"type": "every", "months": 12}
    assert len(changed.json["schedule"]) == len(pack.json["schedule"])
    original = {r["id"]: r for r in pack.json["schedule"]}
    assert original["qmc1-qmc8-social-care"]["cadence"]["type"] == "alternate"
    added = changed.with_rule({"id": "qmc8-biennial", "activity": "QMC-8",
                               "when": rules["qmc1-qmc8-social-care"]["when"],
                               "cadence": {"type": "every", "months": 24},
                               "source": rules["qmc1-qmc8-social-care"]["source"]})
    assert [r["id"] for r in added.json["schedule"]][-1] == "qmc8-biennial"
    assert "qmc8-biennial" not in {r["id"] for r in added.without_rule("qmc8-biennial")
                                   .json["schedule"]}


def test_qmc1_yearly_changes_the_childrens_homes_schedules():
    pack = qaf.load_pack("bolton-children-2024")
    changed = yearly(pack)
    differences = qaf.compare(PORTFOLIO, pack, changed, as_of=AS_OF)
    assert len(differences) > 0
    assert all("schedule" in c for c in differences["changes"])
    # The changed providers are the in-area children's homes and supported accommodation.
    engine = qaf.Engine(pack)
    a = engine.assess(PORTFOLIO, as_of=AS_OF)
    b = qaf.Engine(changed).assess(PORTFOLIO, as_of=AS_OF)
    for provider in differences["provider"]:
        ours = a.occurrences[a.occurrences["provider"] == provider]
        theirs = b.occurrences[b.occurrences["provider"] == provider]
        assert ours[["activity", "due", "status"]].values.tolist() != \
            theirs[["activity", "due", "status"]].values.tolist()
    workload = qaf.compare_workload(PORTFOLIO, pack, changed, as_of=AS_OF)
    assert list(workload.columns) == ["officer", "month", "visits_a", "visits_b", "change"]
    assert (workload["change"] == workload["visits_b"] - workload["visits_a"]).all()
    per_officer = differences.attrs["visits_per_month_per_officer"]
    assert per_officer["change"] == pytest.approx(per_officer["b"] - per_officer["a"])
    officers = workload["officer"].nunique()
    months = workload["month"].nunique()
    assert per_officer["a"] == pytest.approx(workload["visits_a"].sum() / (officers * months))


def test_the_example_writes_its_plot(tmp_path):
    out = tmp_path / "what_if.png"
    env = dict(os.environ, MPLBACKEND="Agg")
    env.pop("DISPLAY", None)
    done = subprocess.run([sys.executable, str(ROOT / "examples" / "what_if.py"), "--out",
                           str(out)], capture_output=True, text=True, timeout=300, env=env,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert "on-site visits a month per officer" in done.stdout
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 10_000, "a plot with lines, axes and a legend"
    assert data[12:16] == b"IHDR"
    width = int.from_bytes(data[16:20], "big")
    height = int.from_bytes(data[20:24], "big")
    assert (width, height) == (1000, 500)
