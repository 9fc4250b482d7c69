"""Checks that a peer's classes equal mujun's: compare.py MUJUN.csv PEER.csv NAME.
Prints one JSON line {"step": "check_NAME", "firms": …, "mismatches": …}; exit 1 on any difference
(scripts/bench then refuses to time that peer: its figures would compare different work)."""
import csv
import json
import sys


def load(p):
    with open(p, newline="", encoding="utf-8") as fh:
        return {r["uscc"]: r["class"] for r in csv.DictReader(fh)}


mine, peer, name = load(sys.argv[1]), load(sys.argv[2]), sys.argv[3]
diff = sorted(u for u in mine.keys() | peer.keys() if mine.get(u) != peer.get(u))
print(json.dumps({"step": "check_" + name, "firms": len(mine), "peer_firms": len(peer), "mismatches": len(diff),
                  "examples": [[u, mine.get(u), peer.get(u)] for u in diff[:5]]}, ensure_ascii=False))
sys.exit(1 if diff or not mine else 0)
