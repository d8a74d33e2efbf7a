#!/usr/bin/env python3
"""What if Bolton's children's QAF visited every children's home yearly with a QMC-1, instead of
alternating QMC-1 and QMC-8 year by year?

Assesses a Bolton children's portfolio under the bundled rules and under the changed rule (QMC-1
every 12 months, and QMC-8 kept on its own 24-month cycle), prints the providers whose results
change and the change in on-site visits a month per officer, and plots both to a PNG:

    python3 examples/what_if.py --out what_if.png [--portfolio examples/bolton-children-2024.json]
                                [--as-of 2026-11-23]

Needs the qaf module (pip install .) and matplotlib. No file is written but the plot: the changed
pack is built in memory with Pack.with_rule.
"""

from __future__ import annotations

import argparse
import datetime
import pathlib
import sys

import matplotlib

matplotlib.use("Agg")  # headless: no display is needed to write a PNG
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

import qaf  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent
ALTERNATING = "qmc1-qmc8-social-care"


def yearly_qmc1(pack: qaf.Pack) -> qaf.Pack:
    """The pack with the alternating QMC-1/QMC-8 rule split in two: QMC-1 every 12 months, QMC-8
    every 24 months, for the same providers and citing the same source."""
    current = next(r for r in pack.json["schedule"] if r["id"] == ALTERNATING)
    note = "What-if: QMC-1 yearly instead of alternating with QMC-8 (examples/what_if.py)."
    common = {"when": current["when"], "source": current["source"], "interpretation": True,
              "note": note}
    return (pack.with_rule({"id": ALTERNATING, "activity": "QMC-1",
                            "cadence": {"type": "every", "months": 12}, **common})
                .with_rule({"id": "qmc8-social-care-biennial", "activity": "QMC-8",
                            "cadence": {"type": "every", "months": 24}, **common}))


def plot(workload: pd.DataFrame, out: pathlib.Path, title: str) -> None:
    figure, axes = plt.subplots(figsize=(10, 5))
    for officer, rows in workload.groupby("officer", sort=True):
        line, = axes.plot(rows["month"], rows["visits_a"], marker="o", label=f"{officer}, current")
        axes.plot(rows["month"], rows["visits_b"], marker="s", linestyle="--",
                  color=line.get_color(), label=f"{officer}, QMC-1 yearly")
    axes.set_title(title)
    axes.set_xlabel("month")
    axes.set_ylabel("on-site visits")
    axes.tick_params(axis="x", rotation=45)
    axes.legend(fontsize="small")
    figure.tight_layout()
    figure.savefig(out, format="png", dpi=100)
    plt.close(figure)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, type=pathlib.Path, help="the PNG to write")
    parser.add_argument("--portfolio", type=pathlib.Path, default=HERE / "bolton-children-2024.json",
                        help="a Bolton children's portfolio (JSON or CSV)")
    parser.add_argument("--as-of", type=datetime.date.fromisoformat,
                        default=datetime.date(2026, 11, 23))
    args = parser.parse_args(argv)

    current = qaf.load_pack("bolton-children-2024")
    changed = yearly_qmc1(current)
    try:
        differences = qaf.compare(args.portfolio, current, changed, as_of=args.as_of)
    except qaf.QafError as error:
        print(error, file=sys.stderr)
        return 1
    per_officer = differences.attrs["visits_per_month_per_officer"]
    print(f"{len(differences)} providers' results change:")
    for row in differences.itertuples(index=False):
        print(f"  {row.provider}: {row.changes}; on-site visits due in the year or overdue "
              f"{row.on_site_visits_a} -> {row.on_site_visits_b}")
    print(f"on-site visits a month per officer: {per_officer['a']:.2f} -> {per_officer['b']:.2f} "
          f"({per_officer['change']:+.2f})")
    plot(differences.attrs["officer_workload"], args.out,
         f"On-site visits a month per officer from {args.as_of}: current rules and QMC-1 yearly")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
