#!/usr/bin/env python3
"""agree.py QAF_RATE.jsonl PEER.json...: whether every peer finds qaf's level for every provider.

qaf's output is `qaf rate --format jsonl` (the document fields, then one line a provider); each
peer's is a list of {"provider", "level"}. Prints one line a peer and exits 1 on a disagreement.
"""
import json
import sys


def main():
    qaf_levels = {}
    with open(sys.argv[1], encoding="utf-8") as f:
        next(f)  # the document fields
        for line in f:
            record = json.loads(line)
            if "provider" not in record:
                continue
            for rating in record["ratings"]:
                qaf_levels[rating["provider"]] = rating["level"]
    agreed = True
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            peer = json.load(f)
        differ = [p["provider"] for p in peer if qaf_levels.get(p["provider"]) != p["level"]]
        print(f"{path}: {len(peer) - len(differ)} of {len(peer)} providers at qaf's level"
              + (f"; first differing: {differ[:5]}" if differ else ""))
        agreed = agreed and not differ and len(peer) == len(qaf_levels)
    sys.exit(0 if agreed else 1)


if __name__ == "__main__":
    main()
