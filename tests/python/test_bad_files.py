"""Files that are not pack or portfolio files (a device, a directory, a FIFO, a pack too large,
hostile pack text) give exit 1, nothing on stdout and a coded, located line on stderr, quickly.
Runs the built CLI (QAF_CLI; default build/bin/qaf)."""
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLI = Path(os.environ.get("QAF_CLI", ROOT / "build" / "bin" / "qaf"))
BAD_PACKS = ROOT / "tests" / "data" / "bad_packs"


def run(*arguments):
    # A timeout: each of these once hung or read without end.
    return subprocess.run([str(CLI), *arguments], cwd=ROOT, capture_output=True, timeout=60)


def assert_refused(done, where, code):
    assert done.returncode == 1, done.stderr
    assert done.stdout == b""
    lines = done.stderr.decode("utf-8").splitlines()
    assert any(line.startswith(f"{where}: {code}: ") for line in lines), lines


@pytest.mark.parametrize("pack", ["/dev/zero", "tests/data"])
def test_validate_refuses_a_pack_that_is_not_a_file(pack):
    assert_refused(run("validate", pack), f"{pack}:", "qaf.input.not_a_file")


@pytest.mark.parametrize("portfolio", ["/dev/urandom", "tests/data"])
def test_rate_refuses_a_portfolio_that_is_not_a_file(portfolio):
    done = run("rate", "--pack", "bolton-children-2024", "--portfolio", portfolio)
    assert_refused(done, f"{portfolio}:", "qaf.input.not_a_file")


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "pack.json"
    os.mkfifo(fifo)
    assert_refused(run("validate", str(fifo)), f"{fifo}:", "qaf.input.not_a_file")


def test_a_pack_over_16_mib_is_too_large(tmp_path):
    big = tmp_path / "big.json"
    with open(big, "wb") as f:
        f.truncate((16 << 20) + 1)
    assert_refused(run("validate", str(big)), f"{big}:", "qaf.input.too_large")


@pytest.mark.parametrize("name, where, code", [
    ("number-overflow.json", "3:12", "qaf.json.number_out_of_range"),
    ("deep-months.json", "191:75", "qaf.json.too_deep"),
    ("invalid-utf8.json", "14:27", "qaf.json.encoding"),
])
def test_hostile_pack_text_is_a_located_diagnostic(name, where, code):
    path = f"tests/data/bad_packs/{name}"
    assert_refused(run("validate", path), f"{path}:{where}", code)


def test_an_escape_in_a_member_key_is_printed_escaped(tmp_path):
    pack = (ROOT / "tests" / "data" / "packs" / "complete.json").read_text(encoding="utf-8")
    pack = pack.replace('"format": 1,', '"format": 1, "\\u001b[2J\\u001b]0;x\\u0007": 0,', 1)
    path = tmp_path / "esc.json"
    path.write_text(pack, encoding="utf-8")
    done = run("validate", str(path))
    assert_refused(done, f"{path}:/\\u001b[2J\\u001b]0;x\\u0007", "qaf.pack.unknown_member")
    assert b"\x1b" not in done.stderr and b"\x07" not in done.stderr
