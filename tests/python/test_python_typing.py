"""mypy --strict passes on the installed package (its .pyi files and annotations), on a small
typed usage file, and on the what-if example."""

from __future__ import annotations

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def mypy(*targets: str, cache: pathlib.Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache), *targets],
        capture_output=True, text=True, timeout=600, cwd=cache.parent, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success" in done.stdout


def test_mypy_strict_passes_on_the_installed_package(tmp_path):
    mypy("-p", "qaf", cache=tmp_path / "cache")


def test_mypy_strict_passes_on_a_typed_user_and_the_example(tmp_path):
    mypy(str(ROOT / "tests" / "python" / "typed_usage.py"), str(ROOT / "examples" / "what_if.py"),
         cache=tmp_path / "cache")


def test_the_package_is_typed():
    import qaf
    package = pathlib.Path(qaf.__file__).parent
    assert (package / "py.typed").is_file()
    assert (package / "_qaf.pyi").is_file()
