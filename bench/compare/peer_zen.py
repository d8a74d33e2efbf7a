#!/usr/bin/env python3
"""Herefordshire's threshold levels as a GoRules ZEN decision table (PyPI zen-engine).

    peer_zen.py sequential|async PORTFOLIO.json AS_OF OUTPUT.json

A first-hit decision table with one input column per fact (the five key question ratings as
five columns) and one row per `or` branch of each rule: level 3 rows, then level 2 (including
the failed conditions of level 1), then a catch-all level 1. The dates are turned into two
flags in Python first (a suspension or advisory notice in place; in place for more than three
months), as an analyst feeding ZEN would. `sequential` calls evaluate() per provider;
`async` runs async_evaluate() for all of them at once under asyncio.
"""
import asyncio
import json
import sys

from peer_python import add_months  # same directory; the exact month arithmetic qaf uses

import datetime

import zen

KEYS = ["safe", "effective", "caring", "responsive", "well_led"]
BAD = '"requires_improvement", "inadequate"'

COLUMNS = ["regulator_rating", "regulator_enforcement", "cqc_compliance_actions", "concerns_persist",
           "improvement_plan", "engagement", "default_notices", "concern_levels",
           "quality_concerns", "feedback", "improvement_actions", "self_assessment_concerns",
           "returns_missed", "suspension", "suspension_over_3_months"] + [f"kq_{k}" for k in KEYS]

# (level, rule, {column: unary test}) in first-hit order.
ROWS = [
    (3, "threshold-3-cqc-inadequate", {"regulator_rating": '"inadequate"'}),
    (3, "threshold-3-cqc-inadequate", {f"kq_{k}": BAD for k in KEYS}),
    (3, "threshold-3-cqc-enforcement",
     {"regulator_enforcement": '"conditions", "notice_of_proposal", "closure_warning"'}),
    (3, "threshold-3-repeated-concerns", {"concerns_persist": "true"}),
    (3, "threshold-3-improvement-plan", {"improvement_plan": '"behind", "no_progress"'}),
    (3, "threshold-3-unwilling", {"engagement": '"unwilling"'}),
    (3, "threshold-3-further-default-notice", {"default_notices": ">= 2"}),
    (3, "threshold-3-suspension-over-3-months", {"suspension_over_3_months": "true"}),
    (2, "threshold-2-cqc-ri-some-areas", {"regulator_rating": '"requires_improvement"'}),
] + [(2, "threshold-2-cqc-ri-some-areas", {f"kq_{k}": BAD}) for k in KEYS] + [
    (2, "threshold-2-cqc-enforcement", {"regulator_enforcement": '"warning_notice", "conditions"'}),
    (2, "threshold-2-cqc-enforcement", {"cqc_compliance_actions": "true"}),
    (2, "threshold-2-repeated-concerns", {"concern_levels": '"above_expected"'}),
    (2, "threshold-2-widespread-concerns", {"quality_concerns": '"widespread_or_serious"'}),
    (2, "threshold-2-feedback-concerns", {"feedback": '"additional_concerns"'}),
    (2, "threshold-2-improvement-actions", {"improvement_actions": '"behind", "no_progress"'}),
    (2, "threshold-2-self-assessment-concerns", {"self_assessment_concerns": "true"}),
    (2, "threshold-2-monitoring-not-submitted", {"returns_missed": ">= 1"}),
    (2, "threshold-2-default-notice", {"default_notices": ">= 1"}),
    (2, "threshold-2-suspension", {"suspension": "true"}),
    # The conditions of level 1 that fail: the level is not earned.
    (2, "requirement-0", {"regulator_rating": '"requires_improvement", "inadequate", "not_rated"'}),
    (2, "requirement-2", {"quality_concerns": '"widespread_or_serious"',
                          "concern_levels": '"above_expected"'}),
    (1, "level-1", {}),
]


def decision_content():
    inputs = [{"id": f"i{n}", "name": c, "field": c} for n, c in enumerate(COLUMNS)]
    column_id = {c: f"i{n}" for n, c in enumerate(COLUMNS)}
    rules = []
    for n, (level, rule, tests) in enumerate(ROWS):
        row = {"_id": f"r{n}", "level": str(level), "rule": json.dumps(rule)}
        for column in COLUMNS:
            row[column_id[column]] = tests.get(column, "")
        rules.append(row)
    table = {"hitPolicy": "first", "inputs": inputs,
             "outputs": [{"id": "level", "name": "level", "field": "level"},
                         {"id": "rule", "name": "rule", "field": "rule"}],
             "rules": rules}
    return json.dumps({
        "nodes": [
            {"id": "in", "type": "inputNode", "name": "request", "position": {"x": 0, "y": 0}},
            {"id": "table", "type": "decisionTableNode", "name": "threshold",
             "position": {"x": 200, "y": 0}, "content": table},
            {"id": "out", "type": "outputNode", "name": "response", "position": {"x": 400, "y": 0}},
        ],
        "edges": [{"id": "e1", "sourceId": "in", "targetId": "table", "type": "edge"},
                  {"id": "e2", "sourceId": "table", "targetId": "out", "type": "edge"}],
    })


def row_input(record, as_of):
    facts = record.get("facts", {})
    row = {c: facts.get(c) for c in COLUMNS}
    for k in KEYS:
        row[f"kq_{k}"] = (facts.get("key_question_ratings") or {}).get(k)
    dates = [facts.get("advisory_notice_since"), facts.get("placement_suspension_since")]
    row["suspension"] = any(d is not None for d in dates)
    row["suspension_over_3_months"] = any(
        d is not None and as_of > add_months(datetime.date.fromisoformat(d), 3) for d in dates)
    return row


def main():
    mode, path, as_of_text, output = sys.argv[1:5]
    as_of = datetime.date.fromisoformat(as_of_text)
    with open(path, encoding="utf-8") as f:
        providers = json.load(f)["providers"]
    decision = zen.ZenEngine().create_decision(decision_content())
    inputs = [row_input(record, as_of) for record in providers]
    if mode == "sequential":
        answers = [decision.evaluate(row)["result"] for row in inputs]
    else:
        async def run_all():
            return await asyncio.gather(*(decision.async_evaluate(row) for row in inputs))
        answers = [answer["result"] for answer in asyncio.run(run_all())]
    results = [{"provider": record["id"], "level": int(answer["level"]), "rule": answer["rule"]}
               for record, answer in zip(providers, answers)]
    with open(output, "w", encoding="utf-8") as out:
        json.dump(results, out)


if __name__ == "__main__":
    main()
