"""`qaf assess` on every bundled pack's example portfolio: the portfolio summary is the same in JSON,
text and HTML; the HTML is one self-contained page with both charts and a section for every
provider; and headless Chromium (Debian's `chromium`, started here) renders it without a console
error and takes a screenshot. Runs the built CLI (QAF_CLI; default build/bin/qaf)."""
import html.parser
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLI = Path(os.environ.get("QAF_CLI", ROOT / "build" / "bin" / "qaf"))
# The dates scripts/make_examples.py made the examples for (scripts/demo.sh uses them too).
AS_OF = {
    "bolton-children-2024": "2026-11-23",
    "bolton-adults-2020": "2020-10-01",
    "devon-children-residential": "2026-11-23",
    "herefordshire-adults-2018": "2026-11-23",
    "coventry-children": "2026-11-23",
}
NO_OFFICER = "(no officer)"


def assess(pack, fmt, *extra):
    done = subprocess.run([str(CLI), "assess", "--portfolio", f"examples/{pack}.json", "--as-of", AS_OF[pack],
                           "--format", fmt, *extra], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stderr
    # Not a terminal: no progress; only the providers that cannot be scheduled in full are named,
    # and a window reaching outside the pack's period, in every format alike.
    for line in done.stderr.splitlines():
        assert (line.startswith("qaf: warning: provider ") and "for want of:" in line) or line.startswith(
            "qaf: warning: outside_effective_period: "), line
    return done.stdout


class Tables(html.parser.HTMLParser):
    """Every <table id=...> as rows of cell texts; every provider section's id; spans' data-count."""

    def __init__(self):
        super().__init__()
        self.tables, self.providers, self.counts = {}, [], {}
        self.table = self.row = self.cell = None
        self.count = None
        self.svg_ids = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and "id" in a:
            self.table = self.tables.setdefault(a["id"], [])
        elif tag == "tr" and self.table is not None:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = ""
        elif tag == "section" and a.get("class") == "provider":
            self.providers.append(a["data-provider"])
        elif tag == "span" and "data-count" in a:
            self.count = a["data-count"]
            self.counts.setdefault(self.count, []).append("")
        elif tag == "svg":
            self.svg_ids.append(a.get("id"))

    def handle_endtag(self, tag):
        if tag == "table":
            self.table = None
        elif tag == "tr" and self.row is not None:
            self.table.append(self.row)
            self.row = None
        elif tag in ("td", "th") and self.cell is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "span":
            self.count = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data
        if self.count is not None:
            self.counts[self.count][-1] += data


def parse_html(text):
    tables = Tables()
    tables.feed(text)
    return tables


def text_summary(text):
    """The text report's summary block, read back into the JSON summary's shape."""
    lines = text.splitlines()
    start = lines.index(next(l for l in lines if l.startswith("  Portfolio summary: ")))
    head = re.fullmatch(r"  Portfolio summary: (\d+) providers, (\d+) overdue", lines[start])
    out = {"providers": int(head[1]), "overdue": int(head[2]), "schemes": [], "overdue_by_officer": [],
           "overdue_by_activity": [], "shortfalls": 0, "months": {}, "overdue_before": None}
    section = None
    for line in lines[start + 1:]:
        if not line.startswith("    "):
            break
        if not line.startswith("      "):
            body = line.strip()
            if m := re.fullmatch(r".* \(([a-z_]+)\):", body):
                section = "scheme"
                out["schemes"].append({"scheme": m[1], "levels": []})
            elif body.startswith("overdue by officer:"):
                section = "officer"
            elif body.startswith("overdue by activity:"):
                section = "activity"
            elif body.startswith("short of minimum on-site visits:"):
                section = "shortfalls"
                out["shortfalls"] = int(body.rsplit(" ", 1)[1])
            elif body.startswith("on-site visits due by month:"):
                section = "months"
            continue
        body = line.strip()
        name, _, count = body.rpartition(": ")
        if section == "scheme":
            scheme = out["schemes"][-1]
            if name in ("of which provisional", "of which overridden by an officer", "not assessed"):
                scheme[name] = int(count)
            else:
                scheme["levels"].append(int(count))
        elif section == "officer":
            out["overdue_by_officer"].append((name, int(count)))
        elif section == "activity":
            out["overdue_by_activity"].append((name.split(" ")[0], int(count)))
        elif section == "months":
            m = re.fullmatch(r"(\d{4}-\d{2}|overdue from before): (\d+)(?: \((.*)\))?", body)
            assert m, body
            if m[1] == "overdue from before":
                out["overdue_before"] = int(m[2])
            else:
                out["months"][m[1]] = int(m[2])
    return out


@pytest.fixture(scope="module", params=sorted(AS_OF))
def reports(request):
    pack = request.param
    return pack, json.loads(assess(pack, "json")), assess(pack, "text"), assess(pack, "html")


def test_one_summary_three_views(reports):
    pack, document, text, page = reports
    summary = document["summary"]
    shown = text_summary(text)
    tables = parse_html(page)

    assert summary["providers"] == shown["providers"] == len(tables.providers)
    assert summary["overdue"] == shown["overdue"]
    assert summary["overdue"] == sum(1 for o in document["occurrences"] if o["status"] == "overdue")

    for scheme, in_text in zip(summary["schemes"], shown["schemes"], strict=True):
        counts = [level["providers"] for level in scheme["levels"]]
        assert counts == in_text["levels"]
        assert scheme["provisional"] == in_text["of which provisional"]
        assert scheme["overridden"] == in_text["of which overridden by an officer"]
        assert scheme["not_assessed"] == in_text["not assessed"]
        rows = tables.tables[f"summary-levels-{scheme['scheme']}"][1:]
        assert [int(r[1]) for r in rows] == counts + [scheme["not_assessed"]]
        # The levels count every provider the scheme rated once.
        rated = [r for r in document["ratings"] if r["scheme"] == scheme["scheme"]]
        assert sum(counts) + scheme["not_assessed"] == len(rated)
        assert scheme["provisional"] == sum(1 for r in rated if r["status"] == "provisional")
    provisional_spans = [int(n) for n in tables.counts.get("provisional", [])]
    assert provisional_spans == [s["provisional"] for s in summary["schemes"]]

    officers = [(o["officer"] or NO_OFFICER, o["overdue"]) for o in summary["overdue_by_officer"]]
    assert officers == shown["overdue_by_officer"]
    rows = tables.tables["summary-overdue-officer"][1:]
    assert [(r[0], int(r[1])) for r in rows if len(r) == 2] == officers
    activities = [(a["activity"], a["overdue"]) for a in summary["overdue_by_activity"]]
    assert activities == shown["overdue_by_activity"]
    rows = tables.tables["summary-overdue-activity"][1:]
    assert [(r[0].split(" ")[0], int(r[1])) for r in rows if len(r) == 2] == activities

    assert len(summary["minimum_visit_shortfalls"]) == shown["shortfalls"]
    rows = [r for r in tables.tables["summary-shortfalls"][1:] if len(r) == 6]
    assert [(r[2], int(r[5])) for r in rows] == [(s["rule"], s["shortfall"])
                                                 for s in summary["minimum_visit_shortfalls"]]

    visits = summary["visits_by_month"]
    assert dict(zip(visits["months"], visits["total"], strict=True)) == shown["months"]
    before = sum(o["overdue_before"] for o in visits["by_officer"])
    assert before == shown["overdue_before"]
    grid = tables.tables["summary-visits"]
    assert grid[0][1:-1] == visits["months"]
    for row, officer in zip(grid[1:-1], visits["by_officer"], strict=True):
        assert row[0] == (officer["officer"] or NO_OFFICER)
        assert [int(n) for n in row[1:-1]] == officer["visits"]
        assert int(row[-1]) == officer["overdue_before"]
    assert [int(n) for n in grid[-1][1:-1]] == visits["total"]


def test_assess_json_with_its_summary_validates_against_the_results_schema(reports):
    from jsonschema import Draft202012Validator
    _, document, _, _ = reports
    schema = json.loads((ROOT / "schemas" / "results.schema.json").read_text(encoding="utf-8"))
    errors = list(Draft202012Validator(dict(schema, **{"$ref": "#/$defs/assess"})).iter_errors(document))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_html_is_self_contained_with_both_charts_and_every_provider(reports):
    pack, document, _, page = reports
    assert page.startswith("<!DOCTYPE html>")
    for outside in ("<script", "<link", "<img", "<iframe", "<object", "src=", "href=", "url(", "@import"):
        assert outside not in page, outside
    tables = parse_html(page)
    assert "visits-chart" in tables.svg_ids
    for scheme in document["summary"]["schemes"]:
        assert f"levels-{scheme['scheme']}" in tables.svg_ids
    portfolio = json.loads((ROOT / "examples" / f"{pack}.json").read_text(encoding="utf-8"))
    assert tables.providers == [p["id"] for p in portfolio["providers"]]
    assert "@page" in page and "break-inside: avoid" in page


def test_examples_cover_every_level_provisional_not_assessed_and_overdue(reports):
    pack, document, _, _ = reports
    summary = document["summary"]
    assert 20 <= summary["providers"] <= 40
    for scheme in summary["schemes"]:
        assert all(level["providers"] > 0 for level in scheme["levels"]), (pack, scheme)
        assert scheme["provisional"] > 0 and scheme["not_assessed"] > 0 and scheme["overridden"] > 0
    statuses = {o["status"] for o in document["occurrences"]}
    assert {"overdue", "due", "upcoming"} <= statuses
    assert len(summary["overdue_by_officer"]) >= 2
    portfolio = json.loads((ROOT / "examples" / f"{pack}.json").read_text(encoding="utf-8"))
    assert portfolio["pack"] == pack
    history = [h for p in portfolio["providers"] for h in p.get("history", [])]
    assert history
    services = {p["facts"].get("service_type") for p in portfolio["providers"]}
    pack_json = json.loads((ROOT / "packs" / f"{pack}.json").read_text(encoding="utf-8"))
    assert {s["id"] for s in pack_json["service_types"]} <= services
    if pack_json.get("triggers"):
        assert any(p.get("events") for p in portfolio["providers"])
    if pack_json.get("kpis"):
        assert any(p.get("returns") for p in portfolio["providers"])


def test_the_csv_example_rates_the_same_providers(reports):
    """The CSV twin loads and rates every provider. Its ratings may differ: CSV has no events,
    overrides or explicit nulls, and only the last date of each activity, so the ledger it builds
    (and the returns_missed it derives) is not the JSON one."""
    pack, document, _, _ = reports
    done = subprocess.run([str(CLI), "rate", "--pack", pack, "--portfolio", f"examples/{pack}.csv", "--as-of",
                           AS_OF[pack]], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    from_csv = [(r["provider"], r["scheme"]) for r in json.loads(done.stdout)["ratings"]]
    assert from_csv == [(r["provider"], r["scheme"]) for r in document["ratings"]]


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def chromium(profile, *arguments):
    """Runs headless Chromium (its console messages logged on stderr as INFO:CONSOLE lines)."""
    assert CHROMIUM, "Debian's chromium is missing: scripts/deps.sh (make deps) installs it"
    done = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                           "--no-first-run", "--no-default-browser-check", f"--user-data-dir={profile}",
                           "--enable-logging=stderr", "--v=0", *arguments],
                          capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, [line for line in done.stderr.splitlines() if ":CONSOLE" in line]


def test_the_console_check_sees_errors(tmp_path):
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><p>x</p><script>console.error('boom'); missing();</script>", encoding="utf-8")
    _, console = chromium(tmp_path / "profile", "--dump-dom", page.as_uri())
    assert any("boom" in line for line in console) and any("missing" in line for line in console), console


def test_chromium_renders_each_report_without_errors(reports, tmp_path):
    pack, document, _, page = reports
    report = tmp_path / f"{pack}.html"
    report.write_text(page, encoding="utf-8")
    dom, console = chromium(tmp_path / "profile", "--dump-dom", report.as_uri())
    assert not console, console
    tables = parse_html(dom)
    assert "visits-chart" in tables.svg_ids
    for scheme in document["summary"]["schemes"]:
        assert f"levels-{scheme['scheme']}" in tables.svg_ids
    portfolio = json.loads((ROOT / "examples" / f"{pack}.json").read_text(encoding="utf-8"))
    assert tables.providers == [p["id"] for p in portfolio["providers"]]
    shot = tmp_path / f"{pack}.png"
    _, console = chromium(tmp_path / "profile", f"--screenshot={shot}", "--window-size=1100,1600",
                          "--hide-scrollbars", report.as_uri())
    assert not console, console
    assert shot.read_bytes().startswith(b"\x89PNG")
    assert shot.stat().st_size > 20_000  # a blank page is a few kilobytes
    # Printed, every page is A4 (595 x 842 points): the @page rule holds.
    pdf = tmp_path / f"{pack}.pdf"
    chromium(tmp_path / "profile", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", report.as_uri())
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf.read_bytes())
    assert boxes and all(round(float(w)) == 595 and round(float(h)) == 842 for w, h in boxes), boxes[:3]
    keep = os.environ.get("QAF_SCREENSHOT_DIR")  # to look at them: QAF_SCREENSHOT_DIR=/tmp/shots
    if keep:
        shutil.copy(shot, Path(keep) / shot.name)


def test_progress_shows_on_a_terminal_only(tmp_path):
    """A run over a second long draws `qaf assess: N of M providers` on a terminal's stderr and
    clears it; the same run into a pipe writes nothing of it there."""
    import pty
    import threading
    portfolio = json.loads((ROOT / "examples" / "bolton-children-2024.json").read_text(encoding="utf-8"))
    # Enough providers that assessing them takes well over the second before progress is drawn,
    # on a quick machine too (about 30 µs a provider there).
    many = [dict(record, id=f"{record['id']}-{n}") for n in range(2000) for record in portfolio["providers"]]
    total = len(many)
    big = tmp_path / "big.json"
    big.write_text(json.dumps(dict(portfolio, providers=many)), encoding="utf-8")
    arguments = [str(CLI), "assess", "--portfolio", str(big), "--as-of", "2026-11-23", "--format", "text"]
    leader, follower = pty.openpty()
    shown = bytearray()

    def drain():  # a terminal that nobody reads fills up and blocks the writer
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # closed: everything has been read
                return
            if not chunk:
                return
            shown.extend(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    try:
        done = subprocess.run(arguments, stdout=subprocess.DEVNULL, stderr=follower, timeout=600, check=False)
    finally:
        os.close(follower)
        reader.join(timeout=60)
        os.close(leader)
    assert done.returncode == 0
    assert re.search(rb"\rqaf assess: \d+ of %d providers" % total, bytes(shown)), bytes(shown[:200])
    assert b"\r\x1b[K" in shown  # the line is cleared before anything else is said
    piped = subprocess.run(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=600, check=False)
    assert piped.returncode == 0
    assert b"\r" not in piped.stderr and b" of %d providers" % total not in piped.stderr
