"""Issue 13: CSV portfolios are read a chunk of rows at a time, checked in full before the first
byte is written, and give the same bytes whatever the number of threads and whichever of CSV or
JSON holds the same records. Problems are reported at their row:column as before, whichever
chunk holds them. Runs the built CLI."""
import csv
import io
import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLI = Path(os.environ.get("QAF_CLI", ROOT / "build" / "bin" / "qaf"))
PACK = "bolton-children-2024"
AS_OF = "2026-11-23"
# More rows than one chunk (256) holds, so that chunks meet and threads overlap.
COPIES = 20


def run(*arguments):
    return subprocess.run([str(CLI), *arguments], cwd=ROOT, capture_output=True, timeout=300,
                          check=False)


def example():
    """The example portfolio's header and rows, as the csv module reads them."""
    with open(ROOT / "examples" / f"{PACK}.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def copies(rows, count=COPIES):
    """The rows `count` times over, each copy with ids of its own."""
    return [[f"{row[0]}-{n}", *row[1:]] for n in range(count) for row in rows]


def csv_text(header, rows, line_break="\r\n"):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=line_break)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def rate(path, *extra):
    return run("rate", "--pack", PACK, "--portfolio", str(path), "--as-of", AS_OF, *extra)


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory):
    header, rows = example()
    path = tmp_path_factory.mktemp("csv") / "many.csv"
    path.write_text(csv_text(header, copies(rows)), encoding="utf-8", newline="")
    return path


@pytest.mark.parametrize("form", ["json", "jsonl", "csv"])
def test_threads_never_change_a_byte_with_csv_in(portfolio, form):
    outputs = [rate(portfolio, "--format", form, "--threads", t) for t in ("1", "2", "4")]
    for done in outputs:
        assert done.returncode == 0, done.stderr
    assert len(outputs[0].stdout) > 10_000
    assert outputs[0].stdout == outputs[1].stdout == outputs[2].stdout


def test_every_row_is_rated_once_in_order(portfolio):
    done = rate(portfolio, "--format", "jsonl", "--threads", "2")
    assert done.returncode == 0, done.stderr
    header, rows = example()
    ids = [json.loads(line)["provider"] for line in done.stdout.decode("utf-8").splitlines()[1:]]
    assert ids == [row[0] for row in copies(rows)]


def test_line_breaks_byte_order_mark_and_quoted_line_breaks_change_nothing(tmp_path, portfolio):
    header, rows = example()
    many = copies(rows)
    expected = rate(portfolio, "--format", "jsonl")
    assert expected.returncode == 0, expected.stderr
    lf = tmp_path / "lf.csv"
    lf.write_text(csv_text(header, many, "\n"), encoding="utf-8", newline="")
    bom = tmp_path / "bom.csv"
    bom.write_text("\ufeff" + csv_text(header, many), encoding="utf-8", newline="")
    for path in (lf, bom):
        done = rate(path, "--format", "jsonl", "--threads", "2")
        assert done.returncode == 0, done.stderr
        assert done.stdout == expected.stdout, path.name
    # A name with line breaks, commas and quotes in it is one cell: the rows are the same
    # records, rated the same.
    name = header.index("name")
    for n, row in enumerate(many):
        row[name] = f'{row[name]},\n"the annexe"\r\nfloor {n}'
    quoted = tmp_path / "quoted.csv"
    quoted.write_text(csv_text(header, many), encoding="utf-8", newline="")
    done = rate(quoted, "--format", "jsonl", "--threads", "4")
    assert done.returncode == 0, done.stderr
    assert done.stdout == expected.stdout


def check_fails(path, where, code, message=None):
    for threads in ("1", "4"):
        for form in ("jsonl", "csv"):
            done = rate(path, "--format", form, "--threads", threads)
            assert done.returncode == 1, done.stderr
            assert done.stdout == b""
            err = done.stderr.decode("utf-8")
            assert f"{path}:{where}" in err and code in err, err
            if message is not None:
                assert message in err, err
    return err


def test_a_bad_last_row_leaves_stdout_empty(tmp_path):
    header, rows = example()
    many = copies(rows)
    many[-1][header.index("beds")] = "four"
    path = tmp_path / "bad-last.csv"
    path.write_text(csv_text(header, many), encoding="utf-8", newline="")
    err = check_fails(path, f"{len(many) + 1}:{header.index('beds') + 1}", "qaf.fact.type")
    assert err.count("qaf.fact.type") == 1, err


def test_a_ragged_row_is_reported_at_its_row(tmp_path):
    header, rows = example()
    many = copies(rows)
    many[300].append("extra")
    path = tmp_path / "ragged.csv"
    path.write_text(csv_text(header, many), encoding="utf-8", newline="")
    check_fails(path, f"302:{len(header) + 1}", "qaf.csv.columns",
                f"this row has {len(header) + 1} cells; the header has {len(header)}")


def test_an_id_used_again_in_a_later_chunk_is_a_duplicate(tmp_path):
    header, rows = example()
    many = copies(rows)
    many[600][0] = many[2][0]
    path = tmp_path / "twice.csv"
    path.write_text(csv_text(header, many), encoding="utf-8", newline="")
    check_fails(path, "602:1", "qaf.portfolio.duplicate_id",
                f"provider id '{many[2][0]}' is already used at 4:1")


def test_malformed_csv_late_in_the_file_is_the_one_problem(tmp_path):
    header, rows = example()
    many = copies(rows)
    many[3][header.index("beds")] = "four"  # reported only when the file is well formed
    text = csv_text(header, many) + 'late,"an unterminated quote\r\n'
    path = tmp_path / "unterminated.csv"
    path.write_text(text, encoding="utf-8", newline="")
    err = check_fails(path, f"{len(many) + 2}:", "qaf.csv.syntax")
    assert "qaf.fact.type" not in err, err
