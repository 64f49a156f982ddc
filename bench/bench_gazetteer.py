"""Gazetteer benchmark: index build (first use), load, lookups, and the whole
extractor's peak memory with the gazetteer in use; each in a fresh process.

    python bench/bench_gazetteer.py
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile

CHILD = r"""
import json, resource, sys, time
t_import = time.perf_counter()
from sitrep.resolve.gazetteer import Gazetteer, ensure_index
t0 = time.perf_counter()
path = ensure_index()
t1 = time.perf_counter()
g = Gazetteer(path)
g.lookup("Kharkiv")
t2 = time.perf_counter()
names = ["Kharkov", "Pokrovsk", "Odessa", "Zhovte", "Sheremetyevo", "Khan Yunis", "Al Fashir", "Paris", "Springfield",
         "Avdiivka"] * 200
start = time.perf_counter()
for name in names:
    g.lookup(name)
lookups = len(names) / (time.perf_counter() - start)
peak_gazetteer = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
extract = None
if sys.argv[1] == "extract":
    import sitrep
    sitrep.extract("Russian drones hit Kharkiv and the village of Zhovte in the Donetsk region overnight.",
                   published="2024-11-11")
    extract = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"import_s": t0 - t_import, "ensure_s": t1 - t0, "open_first_lookup_s": t2 - t1, "lookups_per_s": lookups,
                  "peak_mb_gazetteer": peak_gazetteer, "peak_mb_extractor": extract}))
"""


def child(cache: str | None, mode: str) -> dict:
    env = dict(os.environ)
    if cache:
        env["SITREP_CACHE"] = cache
    out = subprocess.run([sys.executable, "-c", CHILD, mode], env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def main() -> None:
    with tempfile.TemporaryDirectory() as cache:
        built = child(cache, "build")
        warm = child(cache, "extract")
        size_mb = sum(os.path.getsize(os.path.join(cache, f)) for f in os.listdir(cache)) / 1e6
    print(f"gazetteer: first use builds the index in {built['ensure_s']:.1f} s ({size_mb:.0f} MB on disk, "
          f"peak {built['peak_mb_gazetteer']:.0f} MB while building)")
    print(f"gazetteer: load with the index built {warm['ensure_s'] + warm['open_first_lookup_s']:.3f} s "
          f"(check + open + first lookup; importing sitrep itself {warm['import_s']:.1f} s), "
          f"{warm['lookups_per_s']:,.0f} lookups/s")
    print(f"extractor with spaCy and the gazetteer: peak {warm['peak_mb_extractor']:.0f} MB")


if __name__ == "__main__":
    main()
