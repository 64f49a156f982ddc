"""False events on general news: `sitrep extract` over the articles of the public
geoparsing sets in ../shared/datasets/geoparsing, which were gathered for places, not
for war. LGL is 588 local US papers (courts, fires, council meetings, crime);
GeoWebNews 200 articles of world news, a few of them about wars.

There is no event gold for them: every event found in LGL is read as a false alarm
unless its sentence tells of a war (Georgia 2008, Dagestan, Iraq), and the figures are
a probe of precision on text the rules were not written against (ANNOTATION rules 30
and 31: accidents and ordinary crime are no events). Reported per set: articles,
events, articles with an event, events by type; `--list` prints each event's rule
and sentence.

    python bench/eval_general_news.py [--list]
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter

from eval_geoparsing import DATA, gold_articles

import sitrep
from sitrep.models import Article

PUBLISHED = "2018-01-15"  # the sets carry no dates; any fixed day keeps the run repeatable


def probe(name: str, extractor: sitrep.Extractor, listing: bool) -> None:
    types: Counter[str] = Counter()
    articles = with_events = 0
    for n, (text, _) in enumerate(gold_articles(name)):
        articles += 1
        events = extractor.extract(Article(id=f"{name}-{n}", text=text, published=PUBLISHED)).events
        with_events += bool(events)
        types.update(e.type for e in events)
        for e in events if listing else ():
            print(f"  {name}-{n} {e.type:11} {e.rules[0]:45} {e.evidence[0].text[:110]!r}")
    total = sum(types.values())
    print(f"{name}: {articles} articles, {total} events ({total / articles:.3f} per article), "
          f"{with_events} articles with an event; " + ", ".join(f"{t} {c}" for t, c in types.most_common()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print every event's rule and sentence")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"no data at {DATA}: the public geoparsing sets live in ../shared/datasets", file=sys.stderr)
        return 1
    extractor = sitrep.Extractor()
    for name in ("LGL.xml", "GeoWebNews.xml"):
        probe(name, extractor, args.list)
    return 0


if __name__ == "__main__":
    sys.exit(main())
