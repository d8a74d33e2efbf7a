"""The command line's JSON results validate against schemas/results.schema.json, for every bundled
pack's example portfolio and every evaluating command. Runs the built CLI (QAF_CLI, set by
`make test`; default build/bin/qaf)."""
import json
import os
import subprocess
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parents[2]
CLI = Path(os.environ.get("QAF_CLI", ROOT / "build" / "bin" / "qaf"))
RESULTS = json.loads((ROOT / "schemas" / "results.schema.json").read_text(encoding="utf-8"))

JOBS = [
    ("bolton-children-2024", "examples/portfolio.json", "2026-11-23"),
    ("bolton-adults-2020", "examples/portfolio-bolton-adults.csv", "2020-10-01"),
    ("devon-children-residential", "examples/portfolio-devon.json", "2025-06-30"),
]
COMMANDS = {
    "schedule": ["--from", "{as_of}", "--to", "2027-12-31"],
    "rate": [],
    "kpi": [],
    "assess": [],
}


def run(*arguments):
    return subprocess.run([str(CLI), *arguments], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False)


@pytest.mark.parametrize("pack,portfolio,as_of", JOBS)
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_json_results_validate_against_the_results_schema(command, pack, portfolio, as_of):
    extra = [a.format(as_of=as_of) for a in COMMANDS[command]]
    if command == "schedule" and pack == "bolton-adults-2020":
        extra = ["--from", as_of, "--to", "2021-03-31"]
    done = run(command, "--pack", pack, "--portfolio", portfolio, "--as-of", as_of, *extra)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    schema = dict(RESULTS, **{"$ref": f"#/$defs/{command}"}) if command != "assess" else RESULTS
    errors = sorted(Draft202012Validator(schema).iter_errors(document), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    assert document["pack"]["id"] == pack
    assert document["as_of"] == as_of


def test_assess_text_names_every_provider():
    done = run("assess", "--pack", "bolton-children-2024", "--portfolio", "examples/portfolio.json",
               "--as-of", "2026-11-23", "--format", "text")
    assert done.returncode == 0, done.stderr
    portfolio = json.loads((ROOT / "examples" / "portfolio.json").read_text(encoding="utf-8"))
    for record in portfolio["providers"]:
        assert f"({record['id']})" in done.stdout or record["id"] in done.stdout
    assert "Portfolio summary: " in done.stdout and "on-site visits due by month:" in done.stdout


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_bad_input_exits_1_with_nothing_on_stdout(command, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"providers": [{"id": "a", "facts": {"beds": "six"}}]}', encoding="utf-8")
    extra = ["--from", "2025-01-01", "--to", "2025-12-31"] if command == "schedule" else []
    done = run(command, "--pack", "bolton-children-2024", "--portfolio", str(broken), *extra)
    assert done.returncode == 1
    assert done.stdout == ""
    assert f"{broken}:/providers/0/facts/beds: " in done.stderr
