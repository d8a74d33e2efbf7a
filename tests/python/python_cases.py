"""What the tests of the Python module share: a portfolio for every bundled pack, the CLI to
compare with, and results made comparable (datetime.date back to the JSON's ISO text).

The packs without an example portfolio (Herefordshire, Coventry) are assessed over the records of
their own worked examples (the pack's `tests`), one provider a test: the cases `qaf test` runs."""

from __future__ import annotations

import datetime
import json
import os
import pathlib
import subprocess
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLI = pathlib.Path(os.environ.get("QAF_CLI", ROOT / "build" / "bin" / "qaf"))

# pack id, portfolio (path relative to the repository, or None: built from the rating cases),
# as_of, schedule window end.
JOBS = [
    ("bolton-children-2024", "examples/portfolio.json", "2026-11-23", "2027-12-31"),
    ("bolton-adults-2020", "examples/portfolio-bolton-adults.csv", "2020-10-01", "2021-03-31"),
    ("devon-children-residential", "examples/portfolio-devon.json", "2025-06-30", "2026-06-30"),
    ("herefordshire-adults-2018", None, "2024-07-01", "2025-06-30"),
    ("coventry-children", None, "2024-07-01", "2025-06-30"),
]


def portfolio_path(pack: str, portfolio: str | None, tmp: pathlib.Path) -> pathlib.Path:
    """The job's portfolio file; for a pack with no example, one written from its own tests."""
    if portfolio is not None:
        return ROOT / portfolio
    tests = json.loads((ROOT / "packs" / f"{pack}.json").read_text(encoding="utf-8"))["tests"]
    records = [dict(t["provider"], id=f"case-{i}-{t['id']}") for i, t in enumerate(tests)]
    path = tmp / f"{pack}-cases.json"
    path.write_text(json.dumps({"providers": records}), encoding="utf-8")
    return path


def cli(*arguments: str) -> dict[str, Any]:
    done = subprocess.run([str(CLI), *arguments], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def plain(value: Any) -> Any:
    """A Python result as the JSON output writes it: dates as ISO text, NaN-free, recursively."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, float) and value != value:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        return plain(value.item())
    return value


def comparable(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Result objects without their null members: a DataFrame has a column for every member any
    row has, so a member one object leaves out (kpis' `note`) and a null look alike there."""
    return [{k: v for k, v in plain(row).items() if v is not None} for row in rows]


def frame_rows(frame: Any) -> list[dict[str, Any]]:
    """A result DataFrame's rows as plain dicts, comparable (above) with the JSON's objects."""
    return comparable(frame.to_dict(orient="records"))


def by_provider(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(row["provider"], []).append(row)
    return grouped


def date(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)
