#!/usr/bin/env python3
"""agree.py PORTFOLIO.jsonl QAF_RATE.jsonl PEER.json...: whether every peer finds qaf's level
for every provider.

qaf's output is `qaf rate --format jsonl` (the document fields, then one line a provider); each
peer's is a list of {"provider", "level"}. A record that leaves `returns_missed` out is rated by
qaf from the schedule's own overdue monitoring returns (DOMAIN.md section 2, "The three answers
agree"), which a peer that knows only the record cannot do: those providers are counted apart and
do not count as a disagreement. Prints one line a peer and exits 1 on any other disagreement.
"""
import json
import sys


def main():
    derived = set()
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            if "returns_missed" not in record.get("facts", {}):
                derived.add(record["id"])
    qaf_levels = {}
    with open(sys.argv[2], encoding="utf-8") as f:
        next(f)  # the document fields
        for line in f:
            record = json.loads(line)
            if "provider" not in record:
                continue
            for rating in record["ratings"]:
                qaf_levels[rating["provider"]] = rating["level"]
    agreed = True
    for path in sys.argv[3:]:
        with open(path, encoding="utf-8") as f:
            peer = json.load(f)
        differ = [p["provider"] for p in peer if qaf_levels.get(p["provider"]) != p["level"]]
        explained = [p for p in differ if p in derived]
        differ = [p for p in differ if p not in derived]
        print(f"{path}: {len(peer) - len(differ) - len(explained)} of {len(peer)} providers at "
              f"qaf's level; {len(explained)} more differ where qaf derives returns_missed"
              + (f"; first differing otherwise: {differ[:5]}" if differ else ""))
        agreed = agreed and not differ and len(peer) == len(qaf_levels)
    sys.exit(0 if agreed else 1)


if __name__ == "__main__":
    main()
