"""Geoparsing accuracy of `sitrep.places` on the public gold sets in
../shared/datasets/geoparsing (GeoWebNews, LGL; Gritta et al. 2019).

For every gold toponym with coordinates: the predicted toponym overlapping it (if
any) and the great-circle error. Reported: recall (gold toponyms found), and
accuracy@161 km, mean and median error, AUC of the log error curve, both over the
toponyms found and over all gold toponyms (a miss counts as the largest error).

    python bench/eval_geoparsing.py [--limit N]
"""
from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import sitrep

DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "geoparsing"
MAX_ERROR = 20039.0  # half the Earth's circumference, km


def km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def gold_articles(name: str):
    root = ET.parse(DATA / name).getroot()
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        toponyms = []
        for t in article.iter("toponym"):
            start, end = int(t.findtext("start")), int(t.findtext("end"))
            if name == "LGL.xml":
                lat, lon = t.findtext("gaztag/lat"), t.findtext("gaztag/lon")
            else:
                lat, lon = t.findtext("latitude"), t.findtext("longitude")
            if lat and lon:
                toponyms.append((start, end, float(lat), float(lon)))
        yield text, toponyms


def auc(errors: list[float]) -> float:
    """Area under the curve of log(1 + error) / log(MAX_ERROR): 0 is perfect."""
    scaled = sorted(math.log(1 + e) / math.log(MAX_ERROR) for e in errors)
    return sum(scaled) / len(scaled) if scaled else float("nan")


def evaluate(name: str, limit: int | None) -> None:
    found_errors, all_errors = [], []
    started = time.perf_counter()
    for n, (text, gold) in enumerate(gold_articles(name)):
        if limit is not None and n >= limit:
            break
        predicted = [t for t in sitrep.places(text) if t.place.lat is not None]
        for start, end, lat, lon in gold:
            match = next((t for t in predicted if t.start < end and start < t.end), None)
            if match is None:
                all_errors.append(MAX_ERROR)
                continue
            error = km(lat, lon, match.place.lat, match.place.lon)
            found_errors.append(error)
            all_errors.append(error)
    seconds = time.perf_counter() - started
    print(f"{name}: {len(all_errors)} gold toponyms, {n} articles, {seconds:.0f} s")
    print(f"  recall (found with coordinates)   {len(found_errors) / len(all_errors):.3f}")
    for label, errors in (("over found", found_errors), ("over all gold", all_errors)):
        acc = sum(e <= 161 for e in errors) / len(errors)
        print(f"  {label:14} accuracy@161km {acc:.3f}  mean {statistics.mean(errors):7.0f} km  "
              f"median {statistics.median(errors):6.0f} km  AUC {auc(errors):.3f}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, help="articles per data set")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"no data at {DATA}", file=sys.stderr)
        return 1
    for name in ("GeoWebNews.xml", "LGL.xml"):
        evaluate(name, args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
