"""Issue 11, the command line's part: no input hangs or aborts it, a write that fails is a failure,
options are strict, and every failure is exit 1 (70 for a bug) with a coded message on stderr and
nothing on stdout. Messages are checked by code and argument name only: their form may change."""
import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLI = Path(os.environ.get("QAF_CLI", ROOT / "build" / "bin" / "qaf"))
COVENTRY = str(ROOT / "tests" / "data" / "schedule" / "coventry.json")
WINDOW = ["--from", "2025-04-01", "--to", "2026-03-31", "--as-of", "2025-05-26"]


def run(*arguments, **options):
    return subprocess.run([str(CLI), *arguments], cwd=ROOT, capture_output=True, timeout=60,
                          check=False, **options)


def schedule(*extra):
    return ["schedule", "--pack", "coventry-children", "--portfolio", COVENTRY, *extra]


def assert_fails(done, code, *names):
    assert done.returncode == 1, done.stderr
    assert done.stdout == b""
    err = done.stderr.decode("utf-8")
    assert code in err
    for name in names:
        assert name in err


def test_a_full_device_is_a_failure_with_a_message():
    with open("/dev/full", "wb") as full:
        done = subprocess.run([str(CLI), "packs"], stdout=full, stderr=subprocess.PIPE,
                              timeout=60, check=False)
    assert done.returncode == 1
    assert b"qaf.cli.output" in done.stderr
    assert b"No space left on device" in done.stderr


def test_output_cut_by_a_file_size_limit_is_a_failure(tmp_path):
    target = tmp_path / "out.json"
    # 1 block (512 or 1024 bytes): the schedule is far longer, so the write fails with EFBIG.
    done = subprocess.run(["sh", "-c", 'ulimit -f 1 && exec "$0" "$@" > "$OUT"', str(CLI),
                           *schedule(*WINDOW)], env={**os.environ, "OUT": str(target)},
                          capture_output=True, timeout=60, check=False)
    assert done.returncode == 1
    assert b"qaf.cli.output" in done.stderr
    assert b"File too large" in done.stderr
    assert target.stat().st_size <= 1024


@pytest.mark.parametrize("option,value", [("--from", "2025-04-02"), ("--to", "2026-01-01"),
                                          ("--as-of", "2025-05-27"), ("--format", "csv"),
                                          ("--pack", "coventry-children"),
                                          ("--portfolio", COVENTRY)])
def test_a_repeated_option_is_an_error_naming_it(option, value):
    done = run(*schedule(*WINDOW, "--format", "json"), option, value)
    assert_fails(done, "qaf.cli.repeated", option)


def test_a_repeated_option_of_validate_and_calendar_is_an_error():
    assert_fails(run("validate", "coventry-children", "--portfolio", COVENTRY, "--portfolio",
                     COVENTRY), "qaf.cli.repeated", "--portfolio")
    assert_fails(run("calendar", "holidays", "2024", "--region", "england_and_wales", "--region",
                     "england_and_wales"), "qaf.cli.repeated", "--region")


@pytest.mark.parametrize("command", ["schedule", "rate", "kpi", "assess"])
def test_an_empty_as_of_is_an_error_not_today(command):
    extra = WINDOW[:4] if command == "schedule" else []
    done = run(command, "--pack", "coventry-children", "--portfolio", COVENTRY, *extra,
               "--as-of", "")
    assert_fails(done, "qaf.date.invalid", "--as-of")


@pytest.mark.parametrize("arguments,code,names", [
    (schedule(*WINDOW, "--frm", "2025-01-01"), "qaf.cli.usage", ["--frm"]),
    (schedule(*WINDOW, "--format"), "qaf.cli.usage", ["--format"]),
    (schedule("--from", "--to", "2026-03-31"), "qaf.cli.usage", ["--from"]),
    (schedule("--from", "2025-04-01"), "qaf.cli.usage", ["--to"]),
    (schedule(*WINDOW, "extra"), "qaf.cli.usage", ["extra"]),
    (schedule(*WINDOW, "--format", "xml"), "qaf.cli.value", ["--format", "xml"]),
    (schedule(*WINDOW, "--format", ""), "qaf.cli.value", ["--format"]),
    (["rate", "--pack", "coventry-children", "--portfolio", COVENTRY, "--format", "ics"],
     "qaf.cli.value", ["--format", "ics"]),
    (["rate", "--pack", "coventry-children", "--portfolio", COVENTRY, "--from", "2025-01-01"],
     "qaf.cli.usage", ["--from"]),
    (["validate"], "qaf.cli.usage", []),
    (["validate", "coventry-children", "other"], "qaf.cli.usage", ["other"]),
    (["nonsense"], "qaf.cli.usage", ["nonsense"]),
    (["calendar", "add-working-days", "2024-02-30", "1"], "qaf.date.invalid", ["2024-02-30"]),
])
def test_option_mistakes_are_clear_errors(arguments, code, names):
    assert_fails(run(*arguments), code, *names)


@pytest.mark.parametrize("option,value,bound", [
    ("--to", "2101-01-01", "2100-12-31"),
    ("--to", "9999-12-31", "2100-12-31"),
    ("--from", "1994-12-31", "1995-01-01"),
    ("--as-of", "2101-01-01", "2100-12-31"),
])
def test_dates_outside_the_years_with_bank_holidays_are_refused_by_name(option, value, bound):
    arguments = {"--from": "2025-04-01", "--to": "2026-03-31", "--as-of": "2025-05-26"}
    arguments[option] = value
    if option == "--from":
        arguments["--to"] = "1995-06-30"
    flat = [part for pair in arguments.items() for part in pair]
    assert_fails(run(*schedule(*flat)), "qaf.cli.window", option, value, bound)


def test_assess_refuses_an_as_of_whose_year_ahead_runs_past_the_calendar():
    done = run("assess", "--pack", "coventry-children", "--portfolio", COVENTRY, "--as-of",
               "2100-06-01")
    assert_fails(done, "qaf.cli.window", "--as-of", "2101-05-31", "2100-12-31")


def test_the_last_supported_window_still_works():
    done = run(*schedule("--from", "2100-01-01", "--to", "2100-12-31", "--as-of", "2100-12-31"))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["to"] == "2100-12-31"


# Issue 11: 9999-12-31 + 1 working day threw inside a noexcept function and aborted.
@pytest.mark.parametrize("start", ["9999-12-31", "2100-12-31"])
def test_working_days_past_the_calendar_are_an_error(start):
    assert_fails(run("calendar", "add-working-days", start, "1"), "qaf.date.range")


def test_working_days_before_the_calendar_are_an_error():
    assert_fails(run("calendar", "add-working-days", "1400-01-01", "-1"), "qaf.date.range")


# Issue 11: eighty invalid continuation bytes in a CSV name hung the iCalendar line folder. The
# portfolio reader may refuse invalid UTF-8 (exit 1); if it reads it, the output must be safe.
def test_invalid_utf8_in_a_csv_name_neither_hangs_nor_reaches_the_calendar(tmp_path):
    portfolio = tmp_path / "names.csv"
    portfolio.write_bytes(b"id,name,service_type\r\np1," + b"\x80" * 80 + b",residential\r\n")
    done = run("schedule", "--pack", "bolton-adults-2020", "--portfolio", str(portfolio),
               "--from", "2025-01-01", "--to", "2025-12-31", "--as-of", "2025-01-01",
               "--format", "ics")
    if done.returncode == 1:
        assert done.stdout == b""
        assert b"qaf." in done.stderr
        return
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("utf-8")  # strict: raises on invalid UTF-8
    for line in text.split("\r\n")[:-1]:
        assert len(line.encode("utf-8")) <= 75


def test_formula_cells_from_a_portfolio_are_neutralised_in_csv(tmp_path):
    portfolio = tmp_path / "formula.json"
    portfolio.write_text(json.dumps({"providers": [{
        "id": "=cmd|' /C calc'!A0", "name": "@SUM(1)",
        "facts": {"service_type": "childrens_home", "placed_children": 1,
                  "monitoring_start": "2024-06-10"},
        "events": [{"type": "regulator_rating_changed", "date": "2025-04-18",
                    "to": "inadequate"}]}]}), encoding="utf-8")
    done = run("schedule", "--pack", "coventry-children", "--portfolio", str(portfolio), *WINDOW,
               "--format", "csv")
    if done.returncode == 1:  # an id that is no identifier may be refused at input
        assert done.stdout == b""
        return
    rows = done.stdout.decode("utf-8").split("\r\n")[1:-1]
    assert rows
    for row in rows:
        assert row.startswith("\"'=cmd|' /C calc'!A0\",")


def test_nothing_on_stdout_when_a_command_fails_late():
    # The window passes the option checks; the pack is then not found.
    done = run("schedule", "--pack", "no-such-pack", "--portfolio", COVENTRY, *WINDOW)
    assert done.returncode == 1
    assert done.stdout == b""
    assert b"qaf.pack.not_found" in done.stderr or b"no-such-pack" in done.stderr
