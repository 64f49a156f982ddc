"""Evaluation: scores predicted events against gold files, as EVENTS.md's scoring
section defines (the same pairing and figures as shared/eval/score.py).

Per article, predicted and gold events are paired greedily by a compatibility
score; a pair needs the same type and the same location country.
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Optional

ADMIN_WORDS = re.compile(r"\b(oblast|oblast'|region|province|governorate|krai|kray|republic of|republic|city|"
                         r"municipality|district|state|territory|county|the)\b")
Doc = dict[str, Any]


def norm_name(name: Any) -> Optional[str]:
    if not name:
        return None
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("’", "'").replace("'s", "")
    text = re.sub(r"[^a-z0-9]+", " ", ADMIN_WORDS.sub(" ", text)).strip()
    return text or None


def _get(d: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(d, dict):
            return None
        d = d.get(key)
    return d


def _country(d: Any, *path: str) -> Optional[str]:
    value = _get(d, *path)
    return value.upper() if isinstance(value, str) and value else None


def party_key(ref: Any) -> Optional[str]:
    if not isinstance(ref, dict):
        return None
    return _country(ref, "country") or norm_name(ref.get("name"))


def quantity_keys(event: Doc) -> list[tuple[str, float]]:
    out = []
    for q in event.get("quantities") or []:
        if isinstance(q, dict) and q.get("value") is not None:
            try:
                out.append((str(q.get("kind")), float(q["value"])))
            except (TypeError, ValueError):
                continue
    return out


def compatibility(p: Doc, g: Doc) -> Optional[float]:
    if p.get("type") != g.get("type") or _country(p, "location", "country") != _country(g, "location", "country"):
        return None
    score = 1.0 + 0.5 * (p.get("subtype") == g.get("subtype"))
    score += 0.5 * (norm_name(_get(p, "location", "admin1")) == norm_name(_get(g, "location", "admin1")))
    start = _get(p, "date", "start")
    score += 0.5 * bool(start and start == _get(g, "date", "start"))
    pq, gq = Counter(quantity_keys(p)), Counter(quantity_keys(g))
    if pq or gq:
        score += sum((pq & gq).values()) / max(sum((pq | gq).values()), 1)
    score += 0.3 * (party_key(p.get("claimant")) == party_key(g.get("claimant")))
    return score


def pair(pred: list[Doc], gold: list[Doc]) -> list[tuple[int, int]]:
    candidates = sorted(((s, i, j) for i, p in enumerate(pred) for j, g in enumerate(gold)
                         if (s := compatibility(p, g)) is not None), key=lambda c: -c[0])
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


@dataclass
class Scorer:
    """Accumulates counts over articles; `figures()` gives the contract's figures."""

    c: Counter = field(default_factory=Counter)

    def add(self, pred: list[Doc], gold: list[Doc]) -> None:
        c = self.c
        pairs = pair(pred, gold)
        paired_p = dict(pairs)
        counted = [(pred[i], gold[j]) for i, j in pairs if gold[j].get("status") != "expected"]
        c["pred"] += sum(1 for i, p in enumerate(pred) if i not in paired_p and p.get("status") != "expected")
        c["pred"] += len(counted)
        c["gold"] += sum(1 for g in gold if g.get("status") != "expected")
        c["tp"] += len(counted)
        for i, p in enumerate(pred):
            if p.get("status") != "expected" and (i not in paired_p or gold[paired_p[i]].get("status") != "expected"):
                c[("pred", p.get("type"))] += 1
        for g in gold:
            if g.get("status") != "expected":
                c[("gold", g.get("type"))] += 1
        for p, g in counted:
            c[("tp", g.get("type"))] += 1
            for name, ok in (("subtype", p.get("subtype") == g.get("subtype")),
                             ("claimant", party_key(p.get("claimant")) == party_key(g.get("claimant"))),
                             ("actor", party_key(p.get("actor")) == party_key(g.get("actor")))):
                c[f"{name}_n"] += 1
                c[f"{name}_ok"] += ok
            if _get(g, "location", "admin1"):
                c["admin1_n"] += 1
                c["admin1_ok"] += norm_name(_get(p, "location", "admin1")) == norm_name(_get(g, "location", "admin1"))
            if _get(g, "date", "precision") == "day" and _get(g, "date", "start"):
                c["date_n"] += 1
                c["date_ok"] += _get(p, "date", "start") == _get(g, "date", "start")
        if not gold:
            c["neg_articles"] += 1
            c["neg_false"] += sum(1 for p in pred if p.get("status") != "expected")
        pq = Counter(q for p in pred if p.get("status") != "expected" for q in quantity_keys(p))
        gq = Counter(q for g in gold if g.get("status") != "expected" for q in quantity_keys(g))
        c["q_pred"] += sum(pq.values())
        c["q_gold"] += sum(gq.values())
        c["q_tp"] += sum((pq & gq).values())

    def _ratio(self, hit: str, total: str) -> Optional[float]:
        return self.c[hit] / self.c[total] if self.c[total] else None

    def figures(self) -> dict[str, Any]:
        p, r = self._ratio("tp", "pred") or 0.0, self._ratio("tp", "gold") or 0.0
        qp, qr = self._ratio("q_tp", "q_pred") or 0.0, self._ratio("q_tp", "q_gold") or 0.0
        out: dict[str, Any] = {
            "event_precision": round(p, 3), "event_recall": round(r, 3), "event_f1": round(_f1(p, r), 3),
            "quantity_precision": round(qp, 3), "quantity_recall": round(qr, 3), "quantity_f1": round(_f1(qp, qr), 3),
        }
        for name in ("subtype", "claimant", "actor", "admin1", "date"):
            value = self._ratio(f"{name}_ok", f"{name}_n")
            out[f"{name}_accuracy"] = None if value is None else round(value, 3)
        out["false_events_per_negative_article"] = (
            round(self.c["neg_false"] / self.c["neg_articles"], 3) if self.c["neg_articles"] else None)
        return out

    def per_type(self) -> dict[str, tuple[int, int, int]]:
        types = sorted({k[1] for k in self.c if isinstance(k, tuple) and k[1]})
        return {t: (self.c[("gold", t)], self.c[("pred", t)], self.c[("tp", t)]) for t in types}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p and r else 0.0


def fusion_scores(gold: dict[str, list[Doc]], pred: dict[str, list[Doc]]) -> dict[str, Any]:
    """Pairwise fusion figures (as shared/eval/fusion_score.py), at the incident and the
    wave level, over the gold events paired with a predicted one (`pair`). Gold events
    carry an `incident` slug ("wave/part" for a part); predicted ones the store's
    `incident` and `wave` ids. The naive key (type, country, day) is the floor to beat."""
    linked: list[tuple[str, Any, Any, Any]] = []  # gold slug, incident, wave, naive key
    n_gold = 0
    for art_id, gold_events in gold.items():
        gold_events = [g for g in gold_events if g.get("status") != "expected"]
        n_gold += len(gold_events)
        predicted = [p for p in pred.get(art_id, []) if p.get("status") != "expected"]
        for i, j in pair(predicted, gold_events):
            p = predicted[i]
            naive = (p.get("type"), _country(p, "location", "country"), _get(p, "date", "start"))
            linked.append((str(gold_events[j].get("incident")), p.get("incident"), p.get("wave"), naive))
    out: dict[str, Any] = {"gold_events": n_gold, "paired": len(linked)}
    levels = (("incident", 1, lambda slug: slug), ("wave", 2, lambda slug: slug.split("/")[0]))
    for level, own_column, gold_key in levels:
        for name, column in (("", own_column), ("naive_", 3)):
            p, r = _pairwise([(gold_key(row[0]), row[column]) for row in linked])
            out[f"{name}{level}_precision"], out[f"{name}{level}_recall"] = round(p, 3), round(r, 3)
            out[f"{name}{level}_f1"] = round(_f1(p, r), 3)
    return out


def _pairwise(links: list[tuple[str, Any]]) -> tuple[float, float]:
    """Precision and recall over all pairs: right when both share a gold and a predicted group."""
    tp = fp = fn = 0
    for (g1, p1), (g2, p2) in itertools.combinations(links, 2):
        same_gold, same_pred = g1 == g2, p1 is not None and p1 == p2
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    return (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)
