import pytest

from sitrep.extract.quantities import find_quantities, words_to_number
from sitrep.lexicon import load_lexicon

LEX = load_lexicon()


def quantities(text, etype="strike"):
    return [(q.kind, q.value, q.item, q.qualifier) for q in find_quantities(text, LEX, etype)]


@pytest.mark.parametrize("words,value", [
    ("five", 5), ("forty-five", 45), ("a dozen", 12), ("two hundred", 200), ("twenty one", 21),
    ("three thousand", 3000),
])
def test_number_words(words, value):
    assert words_to_number(words) == value


def test_digits_millions_and_thousands():
    assert quantities("The army said it had mobilised 1.2 million reservists.", "deployment") == [
        ("troops", 1_200_000, "soldier", "exact")]
    assert quantities("Shelling killed 1,250 people.") == [("killed", 1250, "person", "exact")]
    assert quantities("Shelling killed 1 250 people.") == [("killed", 1250, "person", "exact")]
    assert [q[1] for q in quantities("On February 24 200 drones were launched.")] == [200]


@pytest.mark.parametrize("text,qualifier", [
    ("At least 12 people were killed.", "at_least"),
    ("More than 12 people were killed.", "at_least"),
    ("Nearly 12 people were killed.", "about"),
    ("An estimated 12 people were killed.", "about"),
    ("Up to 12 people were killed.", "at_most"),
    ("Fewer than 12 people were killed.", "at_most"),
    ("Exactly as feared, 12 people were killed.", "exact"),
])
def test_qualifiers(text, qualifier):
    assert quantities(text)[0][3] == qualifier


def test_kinds_from_the_nearest_cue():
    found = quantities("The barrage killed three people and wounded at least eleven others in the suburbs.")
    assert [(k, v) for k, v, _, _ in found] == [("killed", 3), ("injured", 11)]


@pytest.mark.parametrize("text,kinds", [
    ("Shelling hit 12 villages, killing at least four civilians, wounding nine others.",
     [("other", 12), ("killed", 4), ("injured", 9)]),
    ("The fighting has killed at least 60 civilians, wounded 30 and displaced thousands.",
     [("killed", 60), ("injured", 30)]),
    ("Two soldiers were killed and six others, including civilians, were wounded.",
     [("killed", 2), ("injured", 6)]),
])
def test_a_cue_after_a_comma_is_the_next_clauses(text, kinds):
    assert [(kind, value) for kind, value, _, _ in quantities(text)] == kinds


@pytest.mark.parametrize("text", [
    "France sent troops to Mali in 2013 to drive back militants.",
    "The joint forces have fought the RSF since late 2023 alongside army soldiers.",
])
def test_a_year_before_the_forces_it_dates_is_no_count_of_them(text):
    assert quantities(text, "deployment") == []


@pytest.mark.parametrize("text,kinds", [
    ("Officials said that 40 Wagner fighters caught in the ambush near the Malian border have been killed.",
     [("killed", 40)]),
    ("The strike brought the number of aid workers killed in Gaza since October to 280.", [("killed", 280)]),
    ("More than 2,000 Russian soldiers have been killed or wounded in the past week.", [("casualties", 2000)]),
])
def test_a_toll_told_by_its_passive_verb_or_a_running_total(text, kinds):
    assert [(kind, value) for kind, value, _, _ in quantities(text, "losses")] == kinds


@pytest.mark.parametrize("text,etype,kinds", [
    ("Two soldiers died: Sergeant Avi Cohen, 20, and Sergeant Eli Levi, 21, bringing the toll to 15.", "losses",
     [("killed", 2), ("killed", 15)]),
    ("Almost 80,000 without power after Russian drone attack", "strike", [("other", 80000)]),
    ("The hamlet had fewer than 200 inhabitants before the war.", "strike", []),
    ("Russia has lost 1,300 troops, 60 tanks and 12 airplanes.", "losses",
     [("casualties", 1300), ("other", 60), ("other", 12)]),
])
def test_ages_populations_and_outages_are_no_tolls(text, etype, kinds):
    assert [(kind, value) for kind, value, _, _ in quantities(text, etype)] == kinds


@pytest.mark.parametrize("text,etype,kinds", [
    ("France's 3,000-man strong mission in the Sahel is leaving.", "deployment", [("troops", 3000)]),
    ("The fighting has forced about two million people from their homes.", "disruption", [("evacuated", 2000000)]),
    ("Up to 4,000 households were forced to flee the town.", "disruption", [("evacuated", 4000)]),
    ("Some 9,000 households were left without power.", "disruption", [("other", 9000)]),
])
def test_forces_told_by_their_strength_and_households_displaced(text, etype, kinds):
    assert [(kind, value) for kind, value, _, _ in quantities(text, etype)] == kinds


def test_people_arrested_are_held_not_killed():
    # the nearest cue says what befell each number: the arrested are held, the killed killed
    assert [(q[0], q[1]) for q in quantities(
        "Since the coup, the junta has detained about 9,000 activists and killed over 1,200 people.", "losses")] == [
        ("prisoners", 9000), ("killed", 1200)]


def test_launched_and_intercepted_in_one_sentence():
    found = quantities("The enemy fired 60 drones overnight, 48 of which were shot down by air defences.")
    assert [(k, v) for k, v, _, _ in found] == [("launched", 60), ("intercepted", 48)]


def test_n_of_m_gives_intercepted_and_launched():
    found = quantities("The air force said it had destroyed nine of 11 cruise missiles.")
    assert sorted((k, v) for k, v, _, _ in found) == [("intercepted", 9), ("launched", 11)]


def test_a_list_shares_the_verb():
    found = quantities("Thirty drones were downed over the Kursk region and 7 over the Oryol region.")
    assert [(k, v) for k, v, _, _ in found] == [("intercepted", 30), ("intercepted", 7)]


def test_range_is_two_quantities():
    found = quantities("Between 11,000 and 12,000 troops were massed at the border.", "deployment")
    assert [(k, v, q) for k, v, _, q in found] == [("troops", 11000, "at_least"), ("troops", 12000, "at_most")]


def test_a_range_told_by_its_noun_alone_counts_it_at_both_ends():
    found = quantities("The militia is thought to have lost between 30 and 70 fighters in the ambush.", "clash")
    assert [(k, v, q) for k, v, _, q in found] == [("killed", 30, "at_least"), ("killed", 70, "at_most")]
    found = quantities("The convoy suffered between 12 and 25 fatalities near the crossing.", "clash")
    assert [(k, v, q) for k, v, _, q in found] == [("killed", 12, "at_least"), ("killed", 25, "at_most")]


@pytest.mark.parametrize("text", [
    "The city, with a population of 300,000, lies 40 km from the front.",
    "Drones struck the plant in 2023, using 155mm rounds.",
    "A T-72 tank and an S-400 battery were seen on Nov. 12.",
    "Prices rose 15% over 3 weeks.",
    "One of the drones fell into a field.",
    # a year after a day or "since", whatever noun follows it
    "The invasion launched on February 24, 2022 began with strikes on Kyiv.",
    "Since 2014 attacks on the region have grown.",
])
def test_non_quantities_are_left_out(text):
    assert quantities(text) == []


def test_subsets_are_left_out():
    assert quantities("Twenty people, including four children, were injured.") == [
        ("injured", 20, "person", "exact")]


@pytest.mark.parametrize("text,expected", [
    # the subset's list goes on past its first number
    ("Shelling on Monday killed 14 people, including nine villagers and two medics, officials said.",
     [("killed", 14)]),
    # the verb after a subset set off by commas still says what the total counts
    ("Nine people, including six pupils and one teacher, were wounded when the shell hit the school.",
     [("injured", 9)]),
    ("Seven residents, including an elderly couple, were injured in the overnight attack.", [("injured", 7)]),
    # a number after the subset is not in it
    ("The raid killed 14 people, including three children, and wounded 22 others.",
     [("killed", 14), ("injured", 22)]),
    # a toll's dead and injured are its own counts, not a subset
    ("Monitors have confirmed 5,120 civilian casualties this year, including 1,840 dead and 3,280 injured.",
     [("casualties", 5120), ("killed", 1840), ("injured", 3280)]),
    # an aside that says what the number counts is read, not passed over
    ("Rescuers said they carried 40 people, including dead and injured, from the ruins.", [("casualties", 40)]),
])
def test_a_subset_and_its_list_are_left_out(text, expected):
    assert [(kind, value) for kind, value, _, _ in quantities(text)] == expected


def test_strong_contingent_is_troops():
    assert quantities("A 30,000-strong force was gathering near the border.", "deployment") == [
        ("troops", 30000, "soldier", "exact")]


def test_losses_are_casualties():
    found = quantities("The army has lost more than 2,500 soldiers this month.", "losses")
    assert found == [("casualties", 2500, "soldier", "at_least")]


def test_a_risen_death_toll_is_killed(extract):
    (event,) = extract("The death toll from the missile strike on a block of flats in Dnipro has risen to 46.",
                       published="2024-11-12").events
    assert [(q.kind, q.value) for q in event.quantities] == [("killed", 46)]


def test_a_cue_after_and_belongs_to_the_next_predicate(extract):
    (event,) = extract("Russian missiles killed at least 17 people and hit a hospital in Kyiv, officials said.",
                       published="2024-11-12").events
    assert [(q.kind, q.value) for q in event.quantities] == [("killed", 17)]


@pytest.mark.parametrize("text,expected", [
    ("Most of the rockets were shot down but two people were slightly hurt by debris.", [("injured", 2)]),
    ("Twelve people suffered injuries when the drone hit the building.", [("injured", 12)]),
    ("Air defences destroyed nine cruise missiles and at least three people were wounded.",
     [("intercepted", 9), ("injured", 3)]),
])
def test_a_cue_across_a_conjunction_loses_to_the_numbers_own(text, expected):
    assert [(k, v) for k, v, _, _ in quantities(text)] == expected


def test_a_cue_inside_the_counted_noun_is_no_cue():
    found = quantities("The enemy also lost three tanks and five multiple launch rocket systems.", "losses")
    assert [(k, v, i) for k, v, i, _ in found] == [("other", 3, "vehicle"), ("other", 5, "other")]


def test_units_are_counted_as_other():
    assert [(k, v) for k, v, _, _ in quantities("The army called up three reserve brigades.", "deployment")] == [
        ("other", 3)]


@pytest.mark.parametrize("text", [
    "On the night of March 9, Russia launched a wave of drones at Ukraine.",
    "Some were killed in the October 7 attacks.",
    "On 9 March, drones were launched at the city.",
])
def test_days_of_the_month_are_no_counts(text):
    assert quantities(text) == []


def test_the_displaced_are_evacuated():
    found = quantities("The violence has killed thousands and displaced more than 3 million people.", "disruption")
    assert [(k, v) for k, v, _, _ in found] == [("evacuated", 3_000_000)]


@pytest.mark.parametrize("text,value", [
    ("Some 40,000 people have fled the city since the offensive began.", 40_000),
    ("The clashes forced nearly 2,500 villagers to flee.", 2_500),
    ("The German air force has flown out 212 people so far.", 212),
    ("An estimated 6,000 residents have left their homes.", 6_000),
])
def test_those_who_fled_are_evacuated(text, value):
    assert [(k, v) for k, v, _, _ in quantities(text, "disruption")] == [("evacuated", value)]


@pytest.mark.parametrize("text,expected", [
    ("Thirty-one people (including four children) were injured in the attack.", [("injured", 31)]),
    ("The bomb killed eight and left more than two dozen wounded.", [("killed", 8), ("injured", 24)]),
    ("Two soldiers were killed and one injured.", [("killed", 2), ("injured", 1)]),
    ("Warships intercepted 18 drones and three missiles fired by the Houthis.",
     [("intercepted", 18), ("intercepted", 3)]),
])
def test_asides_dozens_a_bare_one_and_lists_sharing_a_verb(text, expected):
    assert [(k, v) for k, v, _, _ in quantities(text)] == expected


def test_counted_nouns_hide_the_verbs_inside_them():
    found = quantities("Russia lost eight tanks, four multiple launch rocket systems, 11 artillery systems and "
                       "119 vehicles.", "losses")
    assert [(k, v) for k, v, _, _ in found] == [("other", 8), ("other", 4), ("other", 11), ("other", 119)]
    carriers = quantities("The enemy lost two US-made M113 armored personnel carriers.", "losses")
    assert [(k, i) for k, _, i, _ in carriers] == [("other", "vehicle")]


def test_bodies_are_dead_and_a_bare_one_can_be_shot_down():
    assert [(k, v) for k, v, _, _ in quantities("Crews removed eight bodies from the site.", "violence")] == [
        ("killed", 8)]
    assert [(k, v) for k, v, _, _ in quantities("Three drones attacked the city; one was shot down.")] == [
        ("launched", 3), ("intercepted", 1)]


@pytest.mark.parametrize("text,expected", [
    ("Missiles hit the city, wounding at least 21 people, four of them seriously.", [("injured", 21)]),
    ("Russia launched 50 drones, 40 of them were shot down.", [("launched", 50), ("intercepted", 40)]),
    ("At least 75 people were wounded and 35 others are missing.", [("injured", 75)]),
    ("The results show 15 fallen soldiers and one injured.", [("killed", 15), ("injured", 1)]),
    ("Drones hit three residential buildings and two houses.", []),
])
def test_subsets_the_missing_and_damage_are_no_tolls(text, expected):
    assert [(k, v) for k, v, _, _ in quantities(text)] == expected


def test_a_list_after_including_is_counted_a_subset_is_not():
    found = quantities("The army faced heavy losses in 24 hours, including 1,140 troops and 59 artillery systems.",
                       "losses")
    assert [(k, v) for k, v, _, _ in found] == [("casualties", 1140), ("other", 59)]
    assert [(k, v) for k, v, _, _ in quantities("The strike killed 12 people, including five children.")] == [
        ("killed", 12)]


def test_a_list_after_a_colon_shares_the_verb_before_it():
    found = quantities("He listed what air defences had shot down: six Kinzhal missiles, nine Kalibr cruise "
                       "missiles and six Shahed drones.")
    assert [(k, v, i) for k, v, i, _ in found] == [
        ("intercepted", 6, "missile"), ("intercepted", 9, "missile"), ("intercepted", 6, "drone")]


@pytest.mark.parametrize("text,etype", [
    ("Troops fired on 14 communities in the district overnight.", "strike"),
    ("The rebels said they had captured six villages since Friday.", "territory"),
    ("Militants carried out 31 attacks in the province last week.", "violence"),
    ("Drones struck five Russian airfields overnight.", "strike"),
    ("Al-Shabaab fighters overran three military bases in Mudug on Sunday.", "territory"),
])
def test_places_and_attacks_counted_are_other(text, etype):
    found = quantities(text, etype)
    assert [(k, i) for k, _, i, _ in found] == [("other", "other")]


def test_soldiers_destroyed_are_casualties_and_jets_downed_are_other():
    assert quantities("Its forces destroyed more than 140 enemy servicemen.", "losses")[0][:3] == (
        "casualties", 140, "soldier")
    assert quantities("Air defences shot down six fighter jets.")[0][:3] == ("other", 6, "aircraft")


@pytest.mark.parametrize("text,etype,item", [
    ("Strikes destroyed 14 Houthi missile launchers.", "strike", "other"),
    ("There were six drone attacks on the base.", "strike", "other"),
    ("The enemy lost 394 unmanned aerial vehicles over the month.", "losses", "drone"),
])
def test_the_last_noun_of_a_compound_is_counted_and_lost_equipment_is_other(text, etype, item):
    assert [(k, i) for k, _, i, _ in quantities(text, etype)] == [("other", item)]


def test_the_whole_a_share_was_downed_of_was_launched():
    found = quantities("The air force shot down two out of three drones overnight.")
    assert [(k, v) for k, v, _, _ in found] == [("intercepted", 2), ("launched", 3)]
    assert quantities("Israel intercepted 99% of the 300 missiles fired by Iran.")[0][:2] == ("launched", 300)


def test_deaths_and_injuries_each_with_a_number_are_two_kinds():
    found = quantities("The attacks caused 28 deaths and injuries to 139 people.", "losses")
    assert [(k, v) for k, v, _, _ in found] == [("killed", 28), ("injured", 139)]
    assert quantities("The strikes caused death and injury to 50 people.")[0][:2] == ("casualties", 50)


@pytest.mark.parametrize("text", [
    "Gunmen murdered five people in the village on Tuesday.",
    "Militants beheaded four farmers near the river on Sunday.",
    "Russia says two die in shelling of Belgorod.",
])
def test_words_for_killing_count_the_killed(text):
    assert [k for k, _, _, _ in quantities(text, "violence")][:1] == ["killed"]


def test_lives_lost_are_deaths_and_a_toll_risen_above_a_number_is_of_the_dead():
    assert [k[:2] for k in quantities("Three civilians have lost their lives in the shelling of Horlivka.")] == [
        ("killed", 3)]
    assert [k[:2] for k in quantities("The army lost 40 soldiers in the battle.", "losses")] == [("casualties", 40)]
    assert [k[:2] for k in quantities("The death toll in Khartoum has risen above 2,000.", "losses")] == [
        ("killed", 2000)]


def test_homes_left_without_power_are_counted_and_damaged_homes_are_not():
    assert [k[:2] for k in quantities("350,000 homes in Kharkiv were left without electricity.", "disruption")] == [
        ("other", 350000)]
    assert [k[:2] for k in quantities("More than 40,000 households lost power in Odesa.", "disruption")] == [
        ("other", 40000)]
    assert quantities("Shelling damaged 12 homes in Kherson.") == []


def test_worshippers_students_and_displaced_people_are_people_counted():
    assert [k[:2] for k in quantities("Gunmen killed 15 worshippers at a church in Essakane.", "violence")] == [
        ("killed", 15)]
    assert [k[:2] for k in quantities("Militiamen killed 23 displaced people at a camp in Ituri.", "violence")] == [
        ("killed", 23)]


def test_soldiers_lost_in_one_fight_are_its_dead_and_lost_over_a_day_a_toll():
    assert quantities("We lost six soldiers in the attack on the base, an officer said.", "clash")[0][:2] == ("killed", 6)
    assert quantities("Russia lost 1,100 soldiers over the past day, the general staff said.", "losses")[0][:2] == (
        "casualties", 1100)


def test_militants_sent_to_hell_were_killed():
    assert quantities("Two terrorists were sent to hell in a fierce encounter, the army said.", "clash")[0][:2] == (
        "killed", 2)


def test_people_left_without_power_and_strikes_and_targets_are_counted():
    assert [k[:2] for k in quantities("The attack left 11,000 people without electricity in Kharkiv.", "disruption")] == [
        ("other", 11000)]
    assert [k[:2] for k in quantities("Russia carried out 58 strikes on military targets this week.", "strike")] == [
        ("other", 58)]
    assert [k[:2] for k in quantities("The army hit nine terror camps across the border.", "strike")] == [("other", 9)]


def test_martyrs_counted_are_the_dead():
    assert [k[:2] for k in quantities("The aggression left 16 martyrs and 35 wounded in Hodeidah.", "strike")] == [
        ("killed", 16), ("injured", 35)]


@pytest.mark.parametrize("text,expected", [
    ("The death toll in Sudan from the shelling since May 2 is 48 people, the ministry said.", ("killed", 48)),
    ("By Friday the death toll in the province since March topped more than 1,300 people.", ("killed", 1300)),
    ("The death toll has surpassed 60, the governor said.", ("killed", 60)),
])
def test_a_death_toll_that_is_topped_or_surpassed_counts_the_dead(text, expected):
    assert [(q[0], q[1]) for q in quantities(text, "losses")] == [expected]


def test_citizens_and_tourists_are_counted_as_civilians():
    assert quantities("Four Kenyan citizens and two tourists were killed by a roadside mine.", "violence") == [
        ("killed", 4, "civilian", "exact"), ("killed", 2, "civilian", "exact")]


def test_a_toll_raised_a_long_clause_before_its_number_is_the_dead():
    text = ("Health authorities on Tuesday raised the death toll from two days of airstrikes on villages "
            "across the south and the east of the country to 558.")
    assert [(q[0], q[1]) for q in quantities(text, "losses")] == [("killed", 558)]
