"""mypy --strict passes on the installed package (its .pyi stubs and annotations), on a small
typed usage file, and on the what-if example."""

from __future__ import annotations

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_mypy_strict_passes_on_the_package_and_its_users(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir",
         str(tmp_path / "cache"), "-p", "qaf", str(ROOT / "tests" / "python" / "typed_usage.py"),
         str(ROOT / "examples" / "what_if.py")],
        capture_output=True, text=True, timeout=600, cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success" in done.stdout


def test_the_package_is_typed():
    import qaf
    package = pathlib.Path(qaf.__file__).parent
    assert (package / "py.typed").is_file()
    assert (package / "_qaf.pyi").is_file()
