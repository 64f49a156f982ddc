"""Prints extractor output (JSONL) as a readable digest: one block per article,
one line per event with its numbers, claimant, place, date and evidence.

    python -m sitrep.show out/examples.jsonl
"""
from __future__ import annotations

import json
import sys
from typing import Any


def describe(event: dict[str, Any]) -> str:
    def name(ref: Any) -> str:
        return ref["name"] if ref else "?"

    kind = event["type"] + (f"/{event['subtype']}" if event.get("subtype") else "")
    place = event.get("location") or {}
    where = ", ".join(x for x in (place.get("name"), place.get("admin1"), place.get("country")) if x) or "?"
    when = (event.get("date") or {}).get("start") or "?"
    numbers = ", ".join(f"{q['kind']} {q['value']}" + ("+" if q["qualifier"] == "at_least" else "")
                        for q in event.get("quantities") or [])
    claimant = name(event.get("claimant")) if event.get("claimant") else "(outlet's own voice)"
    lines = [f"  [{event['status']}] {kind}: {name(event.get('actor'))} → {name(event.get('target'))} "
             f"at {where} on {when}" + (f"; {numbers}" if numbers else ""),
             f"      according to {claimant}",
             f"      “{event['evidence'][0]['text'][:140]}”"]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m sitrep.show OUT.jsonl", file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8") as fh:
        for line in fh:
            result = json.loads(line)
            article = result["article"]
            print(f"\n{article.get('id')}: {article.get('title') or ''} ({article.get('published') or 'no date'})")
            if not result["events"]:
                print("  no events")
            for event in result["events"]:
                print(describe(event))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
