"""Fusion rules on hand-built sightings: what joins, what never joins, and which claim
each summary figure comes from. No language model needed."""
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep import fuse
from sitrep.models import Party, Place

KYIV = Place("Kyiv", "UA", "Kyiv City", precision="city")
KHARKIV = Place("Kharkiv", "UA", "Kharkiv Oblast", precision="city")
UKRAINE = Place("Ukraine", "UA", None, precision="country")
RUSSIA = Party("Russia", "RU")


def sighting(event_id, *, day=date(2025, 3, 9), last=None, place=KYIV, subtype="drone", actor=RUSSIA,
             source=None, quotes=(), type="strike", article=None):
    s = fuse.Sighting(event_id=event_id, type=type, source_group=source or event_id, first_day=day,
                      last_day=last or day, subtype=subtype, place=place, actor=actor, article_id=article or event_id)
    s.quotes = [fuse.Quote(kind, value, "exact", None, claimant, f"outlet-{event_id}", event_id, s.source_group,
                           "2025-03-09") for kind, value, claimant in quotes]
    return s


def linked(a, b):
    found = fuse.affinity(a, b)
    return found is not None and found.is_link


def test_same_place_and_day_joins_with_reasons():
    found = fuse.affinity(sighting("b"), sighting("a"))
    assert found is not None and found.is_link
    assert "same place Kyiv" in found.reasons and "same day 2025-03-09" in found.reasons


def test_affinity_is_symmetric():
    a, b = sighting("a", quotes=[("launched", 120, "air force")]), sighting("b", quotes=[("launched", 120, "mayor")])
    assert fuse.affinity(a, b).score == fuse.affinity(b, a).score


def test_other_city_other_type_other_day_never_join():
    assert fuse.affinity(sighting("a"), sighting("b", place=KHARKIV)) is None
    assert fuse.affinity(sighting("a"), sighting("b", type="clash")) is None
    assert fuse.affinity(sighting("a"), sighting("b", day=date(2025, 3, 12))) is None


def test_two_towns_across_a_river_are_two_incidents_and_a_region_joins_its_namesake_city():
    saratov = Place("Saratov", "RU", "Saratov Oblast", lat=51.54, lon=45.99, precision="city")
    engels = Place("Engels", "RU", "Saratov Oblast", lat=51.48, lon=46.11, precision="city")
    region = Place("Saratov region", "RU", "Saratov Oblast", lat=51.52, lon=45.98, precision="admin1")
    assert fuse.affinity(sighting("a", place=saratov), sighting("b", place=engels)) is None
    with_city, with_other = (fuse.affinity(sighting("a", place=region), sighting("b", place=town))
                             for town in (saratov, engels))
    assert with_city.score > with_other.score
    assert "Saratov region and Saratov share a name" in with_city.reasons
    kiev = Place("Kiev", "UA", "Kyiv City", lat=50.45, lon=30.52, precision="city")
    assert linked(sighting("a", place=Place("Kyiv", "UA", "Kyiv City", lat=50.45, lon=30.52, precision="city")),
                  sighting("b", place=kiev))


def test_another_state_acting_weighs_against_a_join():
    ukraine = Party("Ukraine", "UA")
    found = fuse.affinity(sighting("a"), sighting("b", actor=ukraine))
    assert "different actors Russia and Ukraine" in found.reasons
    assert found.score == fuse.affinity(sighting("a"), sighting("b")).score - 0.5 - fuse.PARTY_CONFLICT
    # without a named spot the day and the country are not enough
    assert not linked(sighting("a", place=UKRAINE), sighting("b", place=UKRAINE, actor=ukraine))


def test_sides_read_the_other_way_round_neither_join_nor_part():
    a = sighting("a", place=UKRAINE)
    a.target = Party("Ukraine", "UA")
    b = sighting("b", place=UKRAINE, actor=Party("Ukraine", "UA"))
    b.target = RUSSIA
    found = fuse.affinity(a, b)
    assert "sides named the other way round" in found.reasons
    assert found.score == fuse.affinity(sighting("a", place=UKRAINE, actor=None),
                                        sighting("b", place=UKRAINE, actor=None)).score


def test_another_weapon_weighs_against_but_combined_fits_either():
    assert fuse.affinity(sighting("a", subtype="drone"), sighting("b", subtype="missile")).score < \
        fuse.affinity(sighting("a", subtype="drone"), sighting("b", subtype="combined")).score
    assert linked(sighting("a", subtype="drone"), sighting("b", subtype="combined"))


def test_national_report_and_city_strike_are_never_one_incident():
    assert fuse.affinity(sighting("a", place=KYIV), sighting("b", place=UKRAINE)) is None


def test_tallies_over_different_periods_never_fuse():
    week = sighting("a", type="losses", day=date(2025, 3, 3), last=date(2025, 3, 9))
    day = sighting("b", type="losses", day=date(2025, 3, 9))
    assert fuse.affinity(week, day) is None


def test_an_undated_report_joins_only_its_spot_or_its_figure():
    undated_kyiv = sighting("u", day=None)
    assert linked(undated_kyiv, sighting("a"))
    undated_nation = sighting("n", day=None, place=UKRAINE)
    assert not linked(undated_nation, sighting("c", place=UKRAINE))
    assert linked(sighting("n2", day=None, place=UKRAINE, quotes=[("launched", 145, "air force")]),
                  sighting("c2", place=UKRAINE, quotes=[("launched", 145, "ministry")]))


def test_an_undated_articles_accounts_of_one_place_are_one_incident():
    military = sighting("a/1", day=None, place=UKRAINE, article="a", quotes=[("launched", 180, "the military")])
    pentagon = sighting("a/2", day=None, place=UKRAINE, article="a", quotes=[("launched", 200, "the Pentagon")])
    assert linked(military, pentagon)
    assert not linked(sighting("a/3", day=None, place=KHARKIV, article="a"), sighting("a/4", day=None, article="a"))
    assert not linked(sighting("b/1", day=None, place=UKRAINE, article="b"), military)


def test_reports_that_name_one_known_happening_are_one_incident_whatever_their_days():
    pakistan = Place("Pakistan", "PK", None, precision="country")
    dated = sighting("a", day=date(2025, 5, 7), place=pakistan, actor=Party("India", "IN"))
    undated = sighting("b", day=None, place=pakistan, actor=Party("India", "IN"))
    assert not linked(dated, undated)
    dated.happening = undated.happening = "happening.operation_sindoor"
    found = fuse.affinity(dated, undated)
    assert found.is_link and found.reasons == ["both name operation_sindoor"]
    assert (1, 0) in fuse.candidate_pairs([dated, undated]) or (0, 1) in fuse.candidate_pairs([dated, undated])


def test_a_named_group_and_a_state_may_be_one_side():
    a = sighting("a", actor=Party("Houthis", None), place=UKRAINE)
    assert fuse.affinity(a, sighting("b", actor=Party("Yemen", "YE"), place=UKRAINE)) is not None


def test_adjacent_days_weigh_against_joining():
    same_day = fuse.affinity(sighting("b"), sighting("a"))
    next_day = fuse.affinity(sighting("b", day=date(2025, 3, 10)), sighting("a"))
    assert next_day.score < same_day.score


def test_cluster_finds_the_incident_across_the_day_boundary_and_says_why():
    clusters = fuse.cluster([sighting("a", quotes=[("launched", 120, "Ukrainian air force")]),
                             sighting("k", place=KHARKIV),
                             sighting("b", day=date(2025, 3, 10), quotes=[("launched", 120, "Kyiv mayor")])])
    assert [sorted(s.event_id for s in c.sightings) for c in clusters] in ([["a", "b"], ["k"]], [["k"], ["a", "b"]])
    joined = next(c for c in clusters if len(c.sightings) == 2)
    score, reasons = joined.links["b"]
    assert score >= fuse.LINK_SCORE and "with a" in reasons
    assert any("same figure launched 120" in reason for reason in reasons)
    assert joined.id == fuse.new_incident_id("a")


def test_a_small_figure_two_reports_a_day_apart_share_is_chance_and_links_nothing():
    monday = sighting("a", quotes=[("killed", 2, "governor")])
    tuesday = sighting("b", day=date(2025, 3, 10), quotes=[("killed", 2, "mayor")])
    assert not linked(monday, tuesday)  # a city struck every day: "two killed" both days
    told_again = sighting("c", day=date(2025, 3, 10), quotes=[("killed", 2, "mayor"), ("injured", 37, "mayor")])
    assert not linked(monday, told_again)
    assert linked(sighting("d", quotes=[("injured", 37, "governor")]), told_again)


def test_a_pair_that_cannot_be_one_incident_keeps_two_groups_apart():
    # b links to a and c, but a and c are a day apart in two cities: b goes with one only
    a = sighting("a", place=Place("Kyiv", "UA", "Kyiv City", precision="city"))
    c = sighting("c", place=Place("Kyiv", "UA", "Kyiv City", precision="city"), day=date(2025, 3, 11))
    b = sighting("b", day=date(2025, 3, 10))
    clusters = fuse.cluster([a, b, c])
    assert not any({"a", "c"} <= {s.event_id for s in cl.sightings} for cl in clusters)


def test_cluster_does_not_depend_on_order():
    sightings = [sighting("a"), sighting("b", quotes=[("killed", 4, "mayor")]), sighting("k", place=KHARKIV),
                 sighting("d", day=None, quotes=[("killed", 4, "police")], place=UKRAINE),
                 sighting("e", day=date(2025, 3, 10))]
    first = [[s.event_id for s in c.sightings] for c in fuse.cluster(sightings)]
    second = [[s.event_id for s in c.sightings] for c in fuse.cluster(list(reversed(sightings)))]
    assert first == second


def test_waves_hold_what_articles_tell_together_and_keep_other_weapons_out():
    day = date(2025, 3, 9)

    def member(incident_id, subtype="drone", type="strike", articles=("x",), country="UA", when=day):
        return fuse.WaveMember(incident_id, type, country, when, "RU", subtype, frozenset(articles))

    wave_of = fuse.waves([member("inc-1", articles=("a", "b")), member("inc-2", articles=("b", "c")),
                          member("inc-3", type="disruption", subtype="power", articles=("c",)),
                          member("inc-4", subtype="artillery", articles=("a",)),
                          member("inc-5", country="RU", articles=("a",)),
                          member("inc-6", articles=("d",)),
                          member("inc-7", articles=("c",), when=None)])
    # a chain of articles (a-b, b-c) joins a strike, another and the outage it caused; an
    # undated incident of article c takes the wave's day
    assert wave_of["inc-1"] == wave_of["inc-2"] == wave_of["inc-3"] == wave_of["inc-7"] == fuse.own_wave_id("inc-1")
    # artillery is no drone, Russia is not Ukraine, and a strike nobody told beside the wave is its own
    assert all(wave_of[i] == fuse.own_wave_id(i) for i in ("inc-4", "inc-5", "inc-6"))


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


def test_blocking_keeps_every_pair_that_could_link():
    no_admin1 = Place("Ukraine east", "UA", None, precision="city")
    placeless = sighting("p", place=None)
    variety = [sighting("a"), sighting("b", place=KHARKIV), sighting("c", place=no_admin1), placeless,
               sighting("d", day=date(2025, 3, 10)), sighting("u", day=None, quotes=[("killed", 3, "police")]),
               sighting("f", place=UKRAINE, quotes=[("killed", 3, "mayor")]), sighting("g", day=None),
               sighting("h", day=None, place=UKRAINE, article="f"), sighting("i", day=None, place=UKRAINE, article="f")]
    blocked = fuse.candidate_pairs(variety)
    for i in range(len(variety)):
        for j in range(i + 1, len(variety)):
            found = fuse.affinity(variety[i], variety[j])
            if found is not None and found.is_link:
                assert (i, j) in blocked, (variety[i].event_id, variety[j].event_id)


def test_a_place_the_article_lent_is_the_country_its_sentence_told():
    # the extractor put a country-level event in the region its article is about; fusion
    # compares it as told, so it still joins the country's other reports
    lent = Place("Donetsk Oblast", "UA", "Donetsk Oblast", precision="admin1")
    told = fuse.place_as_told(lent, ["strike.alone.1", "place.region_of_the_article"])
    assert (told.country, told.admin1, told.precision) == ("UA", None, "country")
    assert fuse.place_as_told(lent, ["strike.alone.1"]) is lent


def test_one_country_named_two_ways_is_one_place():
    as_named = Place("Ukrainian territory", "UA", None, precision="country")
    found = fuse.affinity(sighting("a", place=UKRAINE), sighting("b", place=as_named))
    assert found is not None and "same place Ukraine" in found.reasons


def _merge_by_average_pair_by_pair(members, scores):
    """The plain statement of the merging `fuse._merge_by_average` does by running sums:
    every round, the two groups with the highest average pair score (the lowest member
    ids on a tie) merge, if that average reaches MERGE_SCORE and no pair across them
    cannot be one incident."""
    groups = [[i] for i in members]
    while True:
        best = None
        for x in range(len(groups)):
            for y in range(x + 1, len(groups)):
                pairs = [scores[(min(i, j), max(i, j))] for i in groups[x] for j in groups[y]]
                if any(p is None for p in pairs):
                    continue
                average = sum(round(p.score * 100) for p in pairs) / len(pairs)
                if average >= fuse.MERGE_HUNDREDTHS and (best is None or average > best[0]):
                    best = (average, x, y)
        if best is None:
            return groups
        _, x, y = best
        groups[x] = sorted(groups[x] + groups.pop(y))


@settings(max_examples=150, deadline=None)
@given(st.integers(2, 9).flatmap(lambda n: st.tuples(
    st.just(n), st.lists(st.one_of(st.none(), st.sampled_from([0.5, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 5.25])),
                         min_size=n * (n - 1) // 2, max_size=n * (n - 1) // 2))))
def test_merging_by_running_sums_gives_the_pair_by_pair_merging(case):
    n, values = case
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    scores = {pair: None if v is None else fuse.Match(v, []) for pair, v in zip(pairs, values)}
    assert fuse._merge_by_average(list(range(n)), [], dict(scores)) == _merge_by_average_pair_by_pair(range(n), scores)
