#!/usr/bin/env python3
"""Herefordshire's threshold levels in plain Python: what an analyst writes in an afternoon.

    peer_python.py lean|rich PORTFOLIO.json AS_OF OUTPUT.json

The same 18 rules and 8 conditions of level 1 as packs/herefordshire-adults-2018.json, read from
the pack itself for their texts and sources; a fact the record leaves out is unknown, and a
condition that needs it is undecided (it neither fires nor fails). `lean` writes each provider's
level and the rules that fired; `rich` writes what `qaf rate --explain` writes for a rating
(text, source and condition of every reason, the level's interventions), indented as a person
would dump it. bench/compare/run.sh times both against qaf and ZEN.
"""
import datetime
import json
import sys

PACK = "herefordshire-adults-2018"
BAD = ("requires_improvement", "inadequate")


def add_months(day, months):
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    last = [31, 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28,
            31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return datetime.date(year, month, min(day.day, last))


def any_of(*values):
    """Three-valued or: True if one is True, None if none is but one is unknown."""
    if True in values:
        return True
    return None if None in values else False


def is_in(value, options):
    return None if value is None else value in options


def at_least(value, n):
    return None if value is None else value >= n


def months_over(since, months, as_of):
    if since is None:
        return False
    return as_of > add_months(datetime.date.fromisoformat(since), months)


def kq_any(ratings):
    if ratings is None:
        return None
    return any(r in BAD for r in ratings.values())


def kq_all(ratings):
    if ratings is None:
        return None
    return bool(ratings) and all(r in BAD for r in ratings.values())


def rules(f, as_of):
    """(rule id, level, value) of every rule; value None when unknown facts leave it open."""
    g = f.get
    return [
        ("threshold-3-cqc-inadequate", 3, any_of(is_in(g("regulator_rating"), ("inadequate",)),
                                                 kq_all(g("key_question_ratings")))),
        ("threshold-3-cqc-enforcement", 3,
         is_in(g("regulator_enforcement"), ("conditions", "notice_of_proposal", "closure_warning"))),
        ("threshold-3-repeated-concerns", 3, g("concerns_persist")),
        ("threshold-3-improvement-plan", 3, is_in(g("improvement_plan"), ("behind", "no_progress"))),
        ("threshold-3-unwilling", 3, is_in(g("engagement"), ("unwilling",))),
        ("threshold-3-further-default-notice", 3, at_least(g("default_notices"), 2)),
        ("threshold-3-suspension-over-3-months", 3,
         any_of(months_over(g("advisory_notice_since"), 3, as_of) if "advisory_notice_since" in f else None,
                months_over(g("placement_suspension_since"), 3, as_of)
                if "placement_suspension_since" in f else None)),
        ("threshold-2-cqc-ri-some-areas", 2,
         any_of(is_in(g("regulator_rating"), ("requires_improvement",)),
                kq_any(g("key_question_ratings")))),
        ("threshold-2-cqc-enforcement", 2,
         any_of(is_in(g("regulator_enforcement"), ("warning_notice", "conditions")),
                g("cqc_compliance_actions"))),
        ("threshold-2-repeated-concerns", 2, is_in(g("concern_levels"), ("above_expected",))),
        ("threshold-2-widespread-concerns", 2,
         is_in(g("quality_concerns"), ("widespread_or_serious",))),
        ("threshold-2-feedback-concerns", 2, is_in(g("feedback"), ("additional_concerns",))),
        ("threshold-2-improvement-actions", 2,
         is_in(g("improvement_actions"), ("behind", "no_progress"))),
        ("threshold-2-self-assessment-concerns", 2, g("self_assessment_concerns")),
        ("threshold-2-monitoring-not-submitted", 2, at_least(g("returns_missed"), 1)),
        ("threshold-2-default-notice", 2, at_least(g("default_notices"), 1)),
        ("threshold-2-suspension", 2,
         any_of(None if "advisory_notice_since" not in f else g("advisory_notice_since") is not None,
                None if "placement_suspension_since" not in f
                else g("placement_suspension_since") is not None)),
        ("threshold-1-minor-concerns", 1, is_in(g("quality_concerns"), ("minor",))),
    ]


def requirements(f):
    """The conditions level 1 states for itself, in the pack's order: (index, value)."""
    g = f.get
    return [
        is_in(g("regulator_rating"), ("outstanding", "good")),
        is_in(g("feedback"), ("positive",)),
        any_of(is_in(g("quality_concerns"), ("none", "minor")),
               is_in(g("concern_levels"), ("as_expected",))),
        is_in(g("concern_levels"), ("as_expected",)),
        is_in(g("improvement_actions"), ("on_track",)),
        is_in(g("engagement"), ("willing",)),
        None if g("self_assessment_concerns") is None else not g("self_assessment_concerns"),
        None if g("returns_missed") is None else g("returns_missed") == 0,
    ]


def classify(record, as_of):
    """(level, ids of the rules that decided it)."""
    facts = record.get("facts", {})
    fired = [(rule, level) for rule, level, value in rules(facts, as_of) if value is True]
    worst = max((level for _, level in fired), default=1)
    if worst > 1:
        return worst, [rule for rule, level in fired if level == worst]
    failed = [i for i, value in enumerate(requirements(facts)) if value is False]
    if failed:
        return 2, [f"requirement-{i}" for i in failed]
    return 1, [rule for rule, level in fired if level == 1]


def main():
    mode, path, as_of_text, output = sys.argv[1:5]
    as_of = datetime.date.fromisoformat(as_of_text)
    with open(path, encoding="utf-8") as f:
        providers = json.load(f)["providers"]
    if mode == "lean":
        results = []
        for record in providers:
            level, fired = classify(record, as_of)
            results.append({"provider": record["id"], "level": level, "rules": fired})
        with open(output, "w", encoding="utf-8") as out:
            json.dump(results, out)
        return
    pack_path = sys.argv[5]
    with open(pack_path, encoding="utf-8") as f:
        pack = json.load(f)
    scheme = pack["schemes"][0]
    texts = {r["id"]: r for r in scheme["rules"]}
    levels = {level["level"]: level for level in scheme["levels"]}
    results = []
    for record in providers:
        level, fired = classify(record, as_of)
        reasons = []
        for rule in fired:
            r = texts.get(rule)
            if r is None:
                requirement = levels[1]["requires"][int(rule.split("-")[1])]
                reasons.append({"rule": rule, "kind": "failed", "level": 2,
                                "text": requirement.get("text"), "source": requirement.get("source"),
                                "condition": requirement.get("when")})
            else:
                reasons.append({"rule": rule, "kind": "rule", "level": r["level"],
                                "text": r.get("text"), "source": r.get("source"),
                                "interpretation": r.get("interpretation", False),
                                "condition": r.get("when")})
        results.append({"provider": record["id"], "scheme": "threshold", "level": level,
                        "label": levels[level].get("label"), "reasons": reasons,
                        "interventions": levels[level].get("interventions", [])})
    with open(output, "w", encoding="utf-8") as out:
        json.dump({"pack": {"id": PACK}, "as_of": as_of_text, "ratings": results}, out, indent=2)


if __name__ == "__main__":
    main()
