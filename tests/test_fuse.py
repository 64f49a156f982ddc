"""Fusion rules on hand-built sightings: what joins, what never joins, and which claim
each summary figure comes from. No language model needed."""
from datetime import date

from sitrep import fuse
from sitrep.models import Party, Place

KYIV = Place("Kyiv", "UA", "Kyiv City", precision="city")
KHARKIV = Place("Kharkiv", "UA", "Kharkiv Oblast", precision="city")
UKRAINE = Place("Ukraine", "UA", None, precision="country")
RUSSIA = Party("Russia", "RU")


def sighting(event_id, *, day=date(2025, 3, 9), last=None, place=KYIV, subtype="drone", actor=RUSSIA,
             source=None, quotes=(), type="strike"):
    s = fuse.Sighting(event_id=event_id, type=type, source_group=source or event_id, first_day=day,
                      last_day=last or day, subtype=subtype, place=place, actor=actor, article_id=event_id)
    s.quotes = [fuse.Quote(kind, value, "exact", None, claimant, f"outlet-{event_id}", event_id, s.source_group,
                           "2025-03-09") for kind, value, claimant in quotes]
    return s


def test_same_place_and_day_joins_with_reasons():
    found = fuse.match(sighting("b"), fuse.Profile("i", [sighting("a")]))
    assert found is not None and found.score >= fuse.JOIN_THRESHOLD
    assert "same place Kyiv" in found.reasons and "same day 2025-03-09" in found.reasons


def test_other_city_other_type_other_actor_never_join():
    profile = fuse.Profile("i", [sighting("a")])
    assert fuse.match(sighting("b", place=KHARKIV), profile) is None
    assert fuse.match(sighting("b", type="clash"), profile) is None
    assert fuse.match(sighting("b", actor=Party("Ukraine", "UA")), profile) is None
    assert fuse.match(sighting("b", day=date(2025, 3, 12)), profile) is None


def test_drone_and_missile_strikes_stay_apart_but_combined_joins_either():
    profile = fuse.Profile("i", [sighting("a", subtype="drone")])
    assert fuse.match(sighting("b", subtype="missile"), profile) is None
    assert fuse.match(sighting("b", subtype="combined"), profile).score >= fuse.JOIN_THRESHOLD


def test_national_tally_does_not_join_a_city_strike():
    profile = fuse.Profile("i", [sighting("a", place=KYIV)])
    found = fuse.match(sighting("b", place=UKRAINE), profile)
    assert found is None or found.score < fuse.JOIN_THRESHOLD


def test_a_named_group_and_a_state_may_be_one_side():
    profile = fuse.Profile("i", [sighting("a", actor=Party("Houthis", None), place=UKRAINE)])
    assert fuse.match(sighting("b", actor=Party("Yemen", "YE"), place=UKRAINE), profile) is not None


def test_adjacent_days_weigh_against_joining():
    same_day = fuse.match(sighting("b"), fuse.Profile("i", [sighting("a")]))
    next_day = fuse.match(sighting("b", day=date(2025, 3, 10)), fuse.Profile("i", [sighting("a")]))
    assert next_day.score < same_day.score


def test_index_finds_the_incident_across_the_day_boundary():
    index = fuse.IncidentIndex()
    index.add("i1", sighting("a", quotes=[("launched", 120, "Ukrainian air force")]))
    index.add("i2", sighting("k", place=KHARKIV))
    best = index.best(sighting("b", day=date(2025, 3, 10), quotes=[("launched", 120, "Kyiv mayor")]))
    assert best is not None and best[0] == "i1"
    assert any("same figure launched 120" in reason for reason in best[1].reasons)


def test_figure_comes_from_the_value_most_sources_gave_and_lists_the_others():
    quotes = [fuse.Quote("intercepted", v, "exact", "drone", who, outlet, eid, group, "2025-03-09")
              for v, who, outlet, eid, group in [(84, "Russian defence ministry", "A", "a/1", "a"),
                                                 (84, "Russian defence ministry", "B", "b/1", "b"),
                                                 (34, "Moscow mayor", "C", "c/1", "c")]]
    (figure,) = fuse.figures(quotes)
    assert (figure.value, figure.claimant, figure.sources) == (84, "Russian defence ministry", 2)
    assert figure.alternatives == [{"value": 34, "claimant": "Moscow mayor", "outlet": "C", "event_id": "c/1"}]


def test_wire_copies_share_most_sentences():
    original = ("Russian air defences destroyed 37 Ukrainian drones over the Moscow region overnight. "
                "The mayor said nobody was hurt in the attack on the capital.")
    edited = original + " Flights resumed at the city's airports by the afternoon, officials said."
    other = "Russian air defences destroyed twelve drones over the Kursk region in the evening, officials said."
    mine, copy, unrelated = (set(fuse.wire_fingerprints(t)) for t in (original, edited, other))
    assert fuse.same_source(len(mine & copy), len(mine), len(copy))
    assert not fuse.same_source(len(mine & unrelated), len(mine), len(unrelated))
    assert fuse.normalised_text_hash("Drones hit  Kyiv.") == fuse.normalised_text_hash("drones hit kyiv")
