"""Regenerates src/sitrep/data/states.csv: every country of half a million people or
more, with its English names and the adjectives its people and forces go by, from the
country records countryinfo packages (MIT, from REST Countries).

    pip install countryinfo==1.0.1 && .venv/bin/python tools/build_states.py

The lexicon makes each row a place (kind `country`) and a state party, unless
places.csv or actors.yaml already has that country: those hand-kept entries win.
Review the diff: rows marked `hand` in the source column are kept as they are.
"""
import csv
import json
import re
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "data" / "states.csv"
MIN_POPULATION = 500_000  # below it, mostly dependencies whose names collide ("Jersey", "Man")
# The English forms among a record's spellings: formal names ("Republic of Colombia"),
# acronyms ("DRC", "UAE") and hyphenated short forms ("Congo-Kinshasa"); native ones are left out.
ENGLISH_FORM = re.compile(
    r"^(?:[A-Z]{2,4}|[A-Z][a-z]+-[A-Z][a-z]+|(?:DR|The) [A-Z][a-z]+|"
    r"(?=.*\b(?:Republic|Kingdom|States?|Federation|Federal|United|Democratic|People's|Commonwealth|Union|"
    r"Emirates|Sultanate|Principality|Great|Islamic|Arab)\b)[A-Z][A-Za-z'. ]+)$")
# Adjectives the records lack that news uses for the state's forces ("the Philippine army").
EXTRA_ADJECTIVES = {"PH": ["Philippine"], "NL": ["Dutch"], "GB": ["British"], "CD": ["Congolese"],
                    "MM": ["Myanmar"], "KH": ["Cambodian"], "TH": ["Thai"]}


def english_aliases(record: dict, codes: set[str]) -> list[str]:
    names = [a.strip() for a in record.get("altSpellings") or []]
    return [a for a in names if a and a not in codes and a != record["name"] and "," not in a
            and a.isascii() and ENGLISH_FORM.match(a)]


def adjectives(record: dict, code: str) -> list[str]:
    """The demonym and, for those that take one, its plural ("Colombian", "Colombians")."""
    found = [*([record["demonym"]] if record.get("demonym") else []), *EXTRA_ADJECTIVES.get(code, [])]
    plurals = [f"{a}s" for a in found if a.endswith(("an", "i")) and " " not in a]
    return list(dict.fromkeys(found + plurals))


def main() -> None:
    kept = {}
    if OUT.exists():
        kept = {row["country"]: row for row in csv.DictReader(
            line for line in OUT.open(encoding="utf-8") if not line.startswith("#")) if row["source"] == "hand"}
    data = resources.files("countryinfo").joinpath("data")
    records = [json.loads(f.read_text(encoding="utf-8")) for f in data.iterdir() if f.name.endswith(".json")]
    records = [r for r in records if (r.get("ISO") or {}).get("alpha2") and (r.get("population") or 0) >= MIN_POPULATION]
    records.sort(key=lambda r: -r["population"])  # a shared name or adjective goes to the most populous
    taken: set[str] = set()
    rows = []
    for record in records:
        code = record["ISO"]["alpha2"]
        if code in kept or any(row["country"] == code for row in rows):
            continue
        codes = {code, record["ISO"].get("alpha3", "")}
        aliases = [a for a in english_aliases(record, codes) if a.lower() not in taken]
        adjs = [a for a in adjectives(record, code) if a.lower() not in taken and a not in aliases]
        taken.update(n.lower() for n in [record["name"], *aliases, *adjs])
        rows.append({"country": code, "name": record["name"], "aliases": "|".join(aliases),
                     "adjectives": "|".join(adjs), "source": "countryinfo"})
    rows += kept.values()
    rows.sort(key=lambda r: r["country"])
    with OUT.open("w", encoding="utf-8", newline="") as out:
        out.write("# Every state of half a million people or more, and the flags merchant ships sail under\n"
                  "# (Malta, the Marshall Islands, Kosovo: rows by hand): English names and adjectives.\n"
                  "# Built by tools/build_states.py from countryinfo; rows with source `hand` are kept.\n"
                  "# places.csv and actors.yaml entries of the same country take precedence.\n")
        writer = csv.DictWriter(out, ["country", "name", "aliases", "adjectives", "source"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{OUT}: {len(rows)} states")


if __name__ == "__main__":
    main()
