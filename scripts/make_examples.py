#!/usr/bin/env python3
"""Writes the example portfolios in examples/: for every bundled pack a synthetic portfolio of 20 to
40 providers, as JSON (examples/<pack>.json) and CSV (examples/<pack>.csv).

    python3 scripts/make_examples.py [path/to/qaf]      # default build/bin/qaf

The output is deterministic: the same script and the same qaf give the same bytes. The providers
are invented, but shaped like a council's list: every service type of the pack, every level of its
schemes (and a provisional and a not-assessed record), several officers, events that trigger work,
KPI returns where the pack has KPIs. Their history is not made up by hand: the script asks qaf for
what each provider owed (`qaf schedule`, round after round, as completions move cyclic chains on)
and completes it the way that provider's profile says — on time, late, or not at all — so that
every example has done, late and overdue work that the rules really produce.

The CSV carries what a CSV portfolio can: the facts and the date each activity was last done.
"""
import csv
import io
import json
import random
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

# The date each example is assessed on (scripts/demo.sh uses the same): inside each pack's period.
AS_OF = {
    "bolton-children-2024": "2026-11-23",
    "bolton-adults-2020": "2020-10-01",
    "devon-children-residential": "2026-11-23",
    "herefordshire-adults-2018": "2026-11-23",
    "coventry-children": "2026-11-23",
}
PROVIDERS = {
    "bolton-children-2024": 32,
    "bolton-adults-2020": 34,
    "devon-children-residential": 24,
    "herefordshire-adults-2018": 30,
    "coventry-children": 26,
}
OFFICERS = {
    "bolton-children-2024": ["A. Patel", "J. Okafor", "R. Haworth", "S. Begum"],
    "bolton-adults-2020": ["L. Brennan", "M. Whittle", "K. Ahmed", "D. Grundy"],
    "devon-children-residential": ["M. Fordham", "T. Penrose", "C. Yeo"],
    "herefordshire-adults-2018": ["H. Price", "G. Morgan", "E. Lloyd", "B. Vaughan"],
    "coventry-children": ["N. Sandhu", "P. Kowalski", "F. Adeyemi"],
}
PLACES = ["Oak", "Willow", "Ash", "Beech", "Hazel", "Rowan", "Elm", "Birch", "Holly", "Cedar", "Maple",
          "Larch", "Alder", "Linden", "Poplar", "Yew", "Juniper", "Hawthorn", "Chestnut", "Sycamore"]
PLACES2 = ["Brook", "Field", "Hill", "Meadow", "Vale", "Green", "Lea", "Ridge", "Dale", "Moor", "Bank",
           "Croft", "Gate", "Park", "Side", "Wood", "Cross", "Mount", "Heath", "Lane"]
KINDS = {
    "childrens_home": ["House", "Lodge", "Children's Home"],
    "supported_accommodation": ["Supported Lodgings", "Young People's Housing"],
    "alternative_provision": ["Learning Centre", "Academy (AP)"],
    "resourced_provision": ["Primary Resource Base", "Resourced Provision"],
    "special_school": ["School", "Special School"],
    "special_college": ["College"],
    "residential_special_school": ["Residential School"],
    "residential": ["Care Home", "Residential Home"],
    "nursing": ["Nursing Home", "Nursing Centre"],
    "domiciliary": ["Home Care", "Care at Home"],
    "supported_living": ["Supported Living"],
    "extra_care": ["Extra Care Court"],
    "day_care": ["Day Centre"],
    "public_health": ["Health Trust"],
    "social_inclusion": ["Community Project"],
    "pharmacy": ["Pharmacy"],
    "grant_funded": ["Advice Service"],
    "gp_larc": ["Medical Practice"],
    "care_and_support": ["Care and Support"],
    "fostering": ["Fostering Agency"],
}

# Facts that make a Bolton PQR record no-concerns when all are known; the level recipes below
# change one or two of them.
BOLTON_GOOD = {
    "concern_level": "none", "standards_breach": "none", "regulator_enforcement": "none",
    "financial": "stable", "documentation_complete": True, "experience": "good",
    "learning_evidenced": True, "harm_incident": "none", "complaints_open": 0,
    "complaints_trend": False, "safeguarding_substantiated": 0, "whistleblowing": "none",
    "recurring_moderate_incidents": 0, "safeguarding_concerns_open": 0,
    "safeguarding_enquiries_open": 0, "kpis_not_met": 0, "recruitment": "ok",
    "registered_manager": True, "staff_turnover_high": False, "improvement_plan": "none",
    "kpi_recovery_plan": False, "failure_risk": False, "market_exit_notice": False,
}
BOLTON_LEVELS = {
    1: [{}, {"complaints_open": 1}, {"complaints_open": 2}],
    2: [{"concern_level": "minor"}, {"standards_breach": "minor"},
        {"complaints_open": 2, "complaints_trend": True}, {"kpi_recovery_plan": True}],
    3: [{"concern_level": "moderate"}, {"safeguarding_enquiries_open": 1},
        {"registered_manager": False}, {"whistleblowing": "requires_action"},
        {"staff_turnover_high": True}, {"financial": "at_risk"}],
    4: [{"concern_level": "significant"}, {"recruitment": "struggling_no_plan"},
        {"financial": "struggling"}, {"improvement_plan": "no_progress"}],
    5: [{"financial": "failing"}, {"regulator_enforcement": "closure_warning"}],
}
COVENTRY_GOOD = {"concern_level": "none", "placement_stability": "stable", "placement_stop": False,
                 "lado_investigation": False}
COVENTRY_LEVELS = {
    "low": [{}, {"concern_level": "minor"}],
    "medium": [{"concern_level": "moderate"}, {"placement_stability": "unsettled"}],
    "high": [{"concern_level": "significant"}, {"placement_stop": True}, {"lado_investigation": True},
             {"regulator_rating": "inadequate"}],
}
HEREFORD_GOOD = {
    "regulator_rating": "good", "feedback": "positive", "quality_concerns": "none",
    "concern_levels": "as_expected", "improvement_actions": "on_track", "engagement": "willing",
    "self_assessment_concerns": False, "cqc_compliance_actions": False, "regulator_enforcement": "none",
    "default_notices": 0, "concerns_persist": False, "improvement_plan": "none",
    "advisory_notice_since": None, "placement_suspension_since": None,
    "key_question_ratings": {"safe": "good", "effective": "good", "caring": "good",
                             "responsive": "good", "well_led": "good"},
}
HEREFORD_LEVELS = {
    1: [{}, {"quality_concerns": "minor"}, {"regulator_rating": "outstanding"}],
    2: [{"regulator_rating": "requires_improvement",
         "key_question_ratings": {"safe": "requires_improvement", "effective": "good", "caring": "good",
                                  "responsive": "good", "well_led": "requires_improvement"}},
        {"feedback": "additional_concerns"}, {"quality_concerns": "widespread_or_serious"},
        {"improvement_actions": "behind"}],
    3: [{"regulator_rating": "inadequate",
         "key_question_ratings": {"safe": "inadequate", "effective": "requires_improvement",
                                  "caring": "requires_improvement", "responsive": "requires_improvement",
                                  "well_led": "inadequate"}},
        {"engagement": "unwilling"}, {"concerns_persist": True}, {"default_notices": 2}],
}


def iso(d):
    return d.isoformat()


def day(text):
    return date.fromisoformat(text)


class Generator:
    def __init__(self, qaf, pack_id):
        self.qaf = qaf
        self.pack = json.loads((ROOT / "packs" / f"{pack_id}.json").read_text(encoding="utf-8"))
        self.id = pack_id
        self.random = random.Random(f"qaf-example-{pack_id}")
        self.as_of = day(AS_OF[pack_id])
        # Contracts began up to three years before as-of; the pack's own period bounds what is owed.
        self.start_floor = self.as_of - timedelta(days=3 * 365)

    # --- records --------------------------------------------------------------------------------

    def name(self, index, service_type):
        first = PLACES[(index * 7) % len(PLACES)]
        second = PLACES2[(index * 3 + len(service_type)) % len(PLACES2)]
        kind = KINDS.get(service_type, ["Service"])
        return f"{first}{second.lower()} {kind[index % len(kind)]}"

    def levels(self):
        if self.id.startswith("bolton"):
            return BOLTON_GOOD, BOLTON_LEVELS
        if self.id == "coventry-children":
            return COVENTRY_GOOD, COVENTRY_LEVELS
        if self.id == "herefordshire-adults-2018":
            return HEREFORD_GOOD, HEREFORD_LEVELS
        return {}, {None: [{}]}

    def service_facts(self, service_type, index):
        """The facts that decide which schedule rules apply, varied so each rule has providers."""
        r = self.random
        facts = {"service_type": service_type}
        if self.id == "bolton-children-2024":
            out_only = service_type in ("special_college", "residential_special_school")
            facts["location"] = "out_of_area" if out_only or (
                service_type in ("special_school", "alternative_provision") and index % 3 == 0) else "in_area"
            facts["regulator"] = "ofsted"
            facts["regulator_rating"] = r.choice(["good", "good", "outstanding", "requires_improvement"])
            if facts["location"] == "out_of_area":
                facts["ehcp_children"] = r.randint(1, 6)
                facts["host_authority_qa"] = index % 4 == 0
            if service_type in ("childrens_home", "supported_accommodation"):
                facts["beds"] = r.randint(2, 6)
                facts["placed_children"] = r.randint(1, facts["beds"])
            if service_type == "alternative_provision":
                facts["unregulated"] = index % 2 == 0
        elif self.id == "bolton-adults-2020":
            facts["location"] = "in_area"
            regulated = service_type in ("residential", "nursing", "domiciliary", "supported_living",
                                         "extra_care", "day_care")
            facts["regulator"] = "cqc" if regulated and service_type != "day_care" else "none"
            if facts["regulator"] == "cqc":
                facts["regulator_rating"] = r.choice(["good", "good", "outstanding", "requires_improvement"])
            if service_type in ("residential", "nursing"):
                facts["beds"] = r.choice([5, 24, 32, 48, 60])
                facts["care_home_excellence"] = index % 2 == 0
            if service_type == "domiciliary":
                facts["service_users"] = r.choice([30, 64, 120])
                facts["framework_agreement"] = index % 3 != 0
                facts["home_support_main_provider"] = index % 3 == 0
            if service_type == "supported_living":
                facts["addresses_in_area"] = r.randint(1, 8)
            if service_type == "pharmacy":
                facts["flu_service"] = index % 2 == 0
                facts["sexual_health_smoking_cessation_service"] = index % 2 == 1
        elif self.id == "devon-children-residential":
            facts["location"] = "in_area" if index % 4 else "out_of_area"
            facts["regulator"] = "ofsted"
            facts["regulator_rating"] = r.choice(["good", "good", "outstanding", "requires_improvement"])
            facts["listed_company"] = index % 5 == 0
            facts["placed_children"] = r.randint(2, 12)
        elif self.id == "herefordshire-adults-2018":
            facts["location"] = "in_area"
            facts["regulator"] = "cqc"
            if service_type in ("residential", "nursing"):
                facts["beds"] = r.choice([18, 30, 42, 64])
            else:
                facts["service_users"] = r.choice([25, 60, 140])
        elif self.id == "coventry-children":
            facts["location"] = "in_area" if index % 3 else "out_of_area"
            facts["regulator"] = "ofsted"
            facts["regulator_rating"] = r.choice(["good", "good", "outstanding", "requires_improvement"])
            facts["placed_children"] = r.randint(1, 5) if index % 7 else 0
            facts["block_provision"] = index % 4 == 0
            if service_type == "fostering":
                facts["main_fostering_provider"] = index % 2 == 0
        return facts

    def records(self):
        r = self.random
        count = PROVIDERS[self.id]
        services = [s["id"] for s in self.pack["service_types"]]
        good, recipes = self.levels()
        level_keys = list(recipes)
        # A portfolio has more calm providers than worrying ones; every level appears.
        mix = {5: [0, 1, 0, 2, 1, 0, 3, 1, 2, 4, 0, 1, 2, 3], 3: [0, 1, 0, 2, 1, 0, 1, 2]}.get(
            len(level_keys), list(range(len(level_keys))))
        officers = OFFICERS[self.id]
        out = []
        for i in range(count):
            service_type = services[i % len(services)]
            level = level_keys[mix[i % len(mix)]]
            recipe = recipes[level][(i // len(mix) + i) % len(recipes[level])]
            facts = self.service_facts(service_type, i)
            facts.update(good)
            facts.update(recipe)
            start = self.start_floor + timedelta(days=r.randint(0, 3 * 365 - 200))
            facts["monitoring_start"] = iso(start)
            facts["officer"] = officers[i % len(officers)]
            if i == count - 1:
                facts.pop("officer")  # a record nobody has picked up yet
            record = {"id": f"{self.id.split('-')[0][:2]}-{i + 1:02d}-{service_type.replace('_', '-')}",
                      "name": self.name(i, service_type), "facts": facts, "history": []}
            out.append(record)
        self.special_cases(out, good)
        for index, record in enumerate(out):
            if record.pop("new", False):
                record["profile"] = "new"
                continue
            # Not in step with the officers (index % 3 or 4), so every desk has some of each.
            record["profile"] = ["on_time", "late", "on_time", "behind", "late"][index % 5]
        return out

    def special_cases(self, out, good):
        """A provisional rating, a record with no evidence, an officer's override, events."""
        if good:
            provisional = out[1]["facts"]
            for name in list(good)[:3]:
                provisional.pop(name, None)
            # A provider just taken on: nothing known yet but what it is, whose it is and when
            # monitoring began; nothing done yet. Where the rules need more (a location), it is
            # neither rated nor scheduled, and the report says for want of what.
            bare = out[2]["facts"]
            for name in list(bare):
                if name not in ("service_type", "officer"):
                    bare.pop(name)
            bare["monitoring_start"] = iso(self.as_of - timedelta(days=60))
            out[2]["new"] = True
            schemes = self.pack.get("schemes", [])
            if schemes:
                scheme = schemes[0]
                top = scheme["levels"][-1].get("value", scheme["levels"][-1].get("level"))
                out[3].setdefault("overrides", []).append({
                    "scheme": scheme["id"], "level": top,
                    "reason": "Two s.47 enquiries opened this month; escalated pending the strategy meeting.",
                    "officer": out[3]["facts"].get("officer", "Duty officer"),
                    "date": iso(self.as_of - timedelta(days=12))})
        as_of = self.as_of
        triggers = {t["event"] for t in self.pack.get("triggers", [])}
        if "regulator_rating_changed" in triggers:
            for record in out[4:6]:
                facts = record["facts"]
                if "regulator_rating" not in facts:
                    continue
                new = "inadequate" if record is out[4] else "requires_improvement"
                record.setdefault("events", []).append({
                    "type": "regulator_rating_changed", "date": iso(as_of - timedelta(days=75)),
                    "from": facts["regulator_rating"] if facts["regulator_rating"] != new else "good",
                    "to": new})
                facts["regulator_rating"] = new
        if "registered_manager_changed" in triggers:
            out[6].setdefault("events", []).append(
                {"type": "registered_manager_changed", "date": iso(as_of - timedelta(days=40))})
        if "concern_raised" in triggers:
            out[7].setdefault("events", []).append(
                {"type": "concern_raised", "date": iso(as_of - timedelta(days=130))})
            out[9].setdefault("events", []).append(
                {"type": "concern_raised", "date": iso(as_of - timedelta(days=20))})

    # --- history from qaf's own ledger ----------------------------------------------------------

    def portfolio(self, records):
        providers = []
        for record in records:
            entry = {k: v for k, v in record.items() if k != "profile"}
            if not entry.get("history"):
                entry.pop("history", None)
            providers.append(entry)
        return {"$schema": "../schemas/portfolio.schema.json", "pack": self.id, "providers": providers}

    def schedule(self, records):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "portfolio.json"
            path.write_text(json.dumps(self.portfolio(records)), encoding="utf-8")
            earliest = min(day(r["facts"]["monitoring_start"]) for r in records if "monitoring_start" in r["facts"])
            done = subprocess.run([self.qaf, "schedule", "--portfolio", str(path), "--from", iso(earliest),
                                   "--to", iso(self.as_of), "--as-of", iso(self.as_of)],
                                  capture_output=True, text=True, check=False)
            if done.returncode != 0:
                sys.exit(f"make_examples: qaf schedule failed for {self.id}:\n{done.stderr}")
            return json.loads(done.stdout)["occurrences"]

    def complete(self, records):
        by_id = {r["id"]: r for r in records}
        left = set()
        recent = self.as_of - timedelta(days=240)
        for _ in range(60):
            added = 0
            # By due date, then provider, then activity: the random draws follow this order, so
            # fixing it here keeps the examples the same whatever order the command writes.
            overdue = sorted((o for o in self.schedule(records) if o["status"] == "overdue"),
                             key=lambda o: (o["due"], o["provider"], o["activity"]))
            for o in overdue:
                key = (o["provider"], o["activity"], o["due"])
                if key in left:
                    continue
                record = by_id[o["provider"]]
                due = day(o["due"])
                profile = record["profile"]
                r = self.random
                if profile == "new" or (profile == "behind" and due > recent):
                    left.add(key)
                    continue
                if profile == "late" and r.random() < 0.15 and due > recent:
                    left.add(key)
                    continue
                shift = r.randint(-14, 3) if profile == "on_time" else r.randint(-5, 45)
                on = due + timedelta(days=shift)
                period = o.get("period")
                if period:
                    on = max(on, day(period.split("/")[1]) + timedelta(days=1))
                on = max(on, day(record["facts"].get("monitoring_start", iso(on))))
                if on > self.as_of:
                    left.add(key)
                    continue
                entry = {"activity": o["activity"], "date": iso(on)}
                if period:
                    entry["period"] = period
                record["history"].append(entry)
                added += 1
            if added == 0:
                break
        for record in records:
            record["history"].sort(key=lambda e: (e["date"], e["activity"]))

    # --- ratings recorded after each refreshing visit ---------------------------------------------

    def ratings(self, records):
        """The rating an officer recorded on the day of the latest visit that refreshes it (Bolton:
        "updated each time after" a QMC-1), as the engine suggests it for that day. Providers
        that are behind, and one in four of the rest, have none since: their rating is due for
        review, as in a real portfolio where some ratings lag the visits."""
        for scheme in self.pack.get("schemes", []):
            after = set(scheme.get("refresh", {}).get("after", []))
            if not after:
                continue
            for index, record in enumerate(records):
                if record["profile"] in ("new", "behind") or index % 4 == 3:
                    continue
                visits = [e["date"] for e in record["history"] if e["activity"] in after]
                if not visits:
                    continue
                on = max(visits)
                level = self.suggested_level(record, scheme["id"], on)
                if level is not None:
                    record.setdefault("ratings", []).append(
                        {"scheme": scheme["id"], "level": level, "date": on})

    def suggested_level(self, record, scheme, on):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "one.json"
            one = {k: v for k, v in record.items() if k != "profile"}
            path.write_text(json.dumps({"pack": self.id, "providers": [one]}), encoding="utf-8")
            done = subprocess.run([self.qaf, "rate", "--portfolio", str(path), "--as-of", on],
                                  capture_output=True, text=True, check=False)
            if done.returncode != 0:
                sys.exit(f"make_examples: qaf rate failed for {record['id']}:\n{done.stderr}")
            for rating in json.loads(done.stdout)["ratings"]:
                if rating["scheme"] == scheme and rating["status"] != "not_assessed":
                    return rating["level"]
        return None

    # --- KPI returns ----------------------------------------------------------------------------

    def returns(self, records):
        kpis = self.pack.get("kpis", [])
        if not kpis:
            return
        for index, record in enumerate(records):
            if "monitoring_start" not in record["facts"]:
                continue
            start = day(record["facts"]["monitoring_start"])
            weak = index % 3 == 2
            quarters = []
            y, q = self.as_of.year - 2, 0
            while True:
                first = date(y, 4 + 3 * q, 1) if q < 3 else date(y + 1, 1, 1)
                last = (date(first.year + (first.month + 2) // 12, (first.month + 2) % 12 + 1, 1)
                        - timedelta(days=1))
                if last >= self.as_of - timedelta(days=30):
                    break
                if first >= start:
                    quarters.append((first, last))
                q += 1
                if q == 4:
                    q, y = 0, y + 1
            previous = {}
            out = []
            for n, (first, last) in enumerate(quarters[-6:]):
                values = {}
                for k in kpis:
                    if k.get("when") == "listed_company" and not record["facts"].get("listed_company"):
                        continue
                    values[k["id"]] = self.kpi_value(k, weak and n % 2 == 1, previous.get(k["id"]))
                    previous[k["id"]] = values[k["id"]]
                entry = {"period": {"start": iso(first), "end": iso(last)}, "values": values}
                if weak and n == len(quarters[-6:]) - 1:
                    entry["explained"] = [k["id"] for k in kpis if k["measure"] == "count"][:1]
                out.append(entry)
            if out:
                record["returns"] = out

    def kpi_value(self, kpi, miss, before):
        r = self.random
        target = kpi.get("target", {})
        if kpi["measure"] == "evidence":
            return not miss
        if kpi["measure"] == "percentage":
            denominator = r.randint(4, 30)
            numerator = denominator
            if miss or target.get("type") in ("increase", "reduction"):
                numerator = r.randint(denominator // 2, denominator)
            return {"numerator": numerator, "denominator": denominator}
        if before is None:
            return r.randint(2, 12)
        if target.get("type") == "reduction":
            return before + r.randint(1, 3) if miss else max(before - r.randint(0, 2), 0)
        return max(before - r.randint(1, 3), 0) if miss else before + r.randint(0, 2)

    def build(self):
        records = self.records()
        self.returns(records)
        self.complete(records)
        self.ratings(records)
        return self.portfolio(records)


def json_text(portfolio):
    """The portfolio as a person reads it: a fact a line, a history entry, event, return or
    override a line (as the hand-written examples are laid out)."""
    def one(value):
        return json.dumps(value, ensure_ascii=False)

    lines = ["{", f'  "$schema": {one(portfolio["$schema"])},', f'  "pack": {one(portfolio["pack"])},',
             '  "providers": [']
    for n, record in enumerate(portfolio["providers"]):
        members = [f'      "id": {one(record["id"])}', f'      "name": {one(record["name"])}']
        facts = ",\n".join(f"        {one(k)}: {one(v)}" for k, v in record["facts"].items())
        members.append('      "facts": {\n' + facts + "\n      }")
        for key in ("history", "events", "returns", "ratings", "overrides"):
            if record.get(key):
                items = ",\n".join(f"        {one(item)}" for item in record[key])
                members.append(f'      "{key}": [\n{items}\n      ]')
        comma = "," if n + 1 < len(portfolio["providers"]) else ""
        lines.append("    {\n" + ",\n".join(members) + "\n    }" + comma)
    lines += ["  ]", "}"]
    text = "\n".join(lines) + "\n"
    assert json.loads(text) == portfolio
    return text


def csv_text(portfolio, pack):
    """One provider a row: id, name, the facts (an object fact as fact.key columns), last_<ACTIVITY>."""
    columns = ["id", "name"]
    facts = []
    for record in portfolio["providers"]:
        for name, value in record.get("facts", {}).items():
            keys = [f"{name}.{k}" for k in value] if isinstance(value, dict) else [name]
            for key in keys:
                if key not in facts:
                    facts.append(key)
    codes = [a["code"] for a in pack["activities"]]
    used = [c for c in codes if any(e["activity"] == c for r in portfolio["providers"] for e in r.get("history", []))]
    columns += facts + [f"last_{c}" for c in used]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for record in portfolio["providers"]:
        row = {"id": record["id"], "name": record.get("name", "")}
        for name, value in record.get("facts", {}).items():
            if isinstance(value, dict):
                for k, v in value.items():
                    row[f"{name}.{k}"] = v
            elif isinstance(value, bool):
                row[name] = "true" if value else "false"
            else:
                row[name] = value
        for entry in record.get("history", []):
            column = f"last_{entry['activity']}"
            row[column] = max(row.get(column, ""), entry["date"])
        writer.writerow([row.get(c, "") for c in columns])
    return out.getvalue()


def main():
    qaf = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "build" / "bin" / "qaf")
    for pack_id in AS_OF:
        portfolio = Generator(qaf, pack_id).build()
        (EXAMPLES / f"{pack_id}.json").write_text(json_text(portfolio), encoding="utf-8")
        pack = json.loads((ROOT / "packs" / f"{pack_id}.json").read_text(encoding="utf-8"))
        (EXAMPLES / f"{pack_id}.csv").write_text(csv_text(portfolio, pack), encoding="utf-8")
        print(f"examples/{pack_id}.json and .csv: {len(portfolio['providers'])} providers")


if __name__ == "__main__":
    main()
