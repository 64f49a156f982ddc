"""Readable digests: of extractor output (one block per article, one line per event
with its numbers, claimant, place, date and evidence), or of a store (one block per
incident: its figures, each with the claim it comes from, and every claim beside).

    python -m sitrep.show out/examples.jsonl
    python -m sitrep.show out/examples.duckdb
"""
from __future__ import annotations

import json
import sys
from typing import Any

from .models import ArticleResult, plain_number
from .store import Store


def explain_extraction(result: ArticleResult) -> str:
    """Why an article gave the events it gave: each sentence where a rule fired, a rule
    was vetoed or the sentence reader saw an event type, then each event with its rules."""
    lines = [f"== {result.article.id}: {len(result.events)} events"]
    for step in result.trace:
        lines.append(f"  @{step['start']}-{step['end']} {step['text'][:100]}")
        for rule in step["fired"]:
            lines.append(f"      fired   {rule}")
        for veto in step["vetoed"]:
            lines.append(f"      vetoed  {veto}")
        if step["reader"]:
            scores = ", ".join(f"{t} {v:.2f}" for t, v in sorted(step["reader"].items(), key=lambda kv: -kv[1]))
            lines.append(f"      reader  {scores}")
    for event in result.events:
        lines.append(f"  {event.id} {event.type}/{event.subtype or '-'} by {', '.join(event.rules) or '?'}")
    return "\n".join(lines)


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


def explain(store: Store, incident_id: str) -> str:
    incident = store.incident(incident_id)
    place = incident.location
    lines = [f"incident {incident.id}: {incident.type}/{incident.subtype or '-'}"
             f" at {place.name + ' (' + (place.country or 'country unknown') + ')' if place else 'an unknown place'}"
             f", {_days(incident.date.start, incident.date.end)}; {incident.n_events} events,"
             f" {incident.n_articles} articles, {incident.n_sources} independent sources"]
    for figure in incident.figures:
        what = figure.kind + (f" ({figure.item})" if figure.item else "")
        lines.append(f"  figure {what} = {plain_number(figure.value)}: claimed by {figure.claimant or 'the outlet'}"
                     f" ({figure.outlet or 'no outlet named'}, {figure.event_id}), given by {figure.sources} source(s)")
        for other in figure.alternatives:
            lines.append(f"      other claim: {plain_number(other['value'])} by {other['claimant'] or 'the outlet'}"
                         f" ({other['outlet'] or 'no outlet named'}, {other['event_id']})")
    lines += _wave_lines(store, incident_id)
    lines.append("events, each with its strongest link in the incident:")
    seen = set()
    for claim in store.claims(incident_id).records():
        if claim["event_id"] in seen:
            continue
        seen.add(claim["event_id"])
        why = "; ".join(claim["reasons"] or [])
        score = "" if claim["score"] is None else f" score {claim['score']}:"
        lines.append(f"  {claim['event_id']} [{claim['outlet'] or 'no outlet named'}]"
                     f" {claim['claimant_name'] or 'in the outlet’s own voice'}"
                     f" -{score} {why}")
        lines.append(f"      \u201c{(claim['evidence_text'] or '')[:160]}\u201d")
    return "\n".join(lines)


def _wave_lines(store: Store, incident_id: str) -> list[str]:
    wave_id, others = store.wave_of(incident_id)
    if not len(others):
        return [f"  wave {wave_id}: this incident alone"]
    lines = [f"  wave {wave_id}: with {len(others)} other incident(s), same family, country and day:"]
    for other in others.records():
        lines.append(f"      {other['incident_id']} {other['type']}/{other['subtype'] or '-'} at "
                     f"{other['place_name'] or 'an unknown place'} ({other['scope']})")
    return lines


def _days(start, end) -> str:
    if not start:
        return "no date given"
    return str(start) if not end or end == start else f"{start}..{end}"


def show_store(path: str) -> None:
    with Store(path, read_only=True) as store:
        for incident in store.incidents().records():
            print(explain(store, incident["incident_id"]) + "\n")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m sitrep.show OUT.jsonl|STORE.duckdb", file=sys.stderr)
        return 2
    if argv[0].endswith(".duckdb"):
        show_store(argv[0])
        return 0
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
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:
        sys.exit(0)
