"""Extraction behaviour on sentences written for these tests."""
import pytest

import sitrep
from sitrep.language import split_sentences

from conftest import kinds, of_type, only


@pytest.mark.parametrize("text,etype,subtype", [
    ("Russian forces launched 40 drones at the Odesa region on Monday.", "strike", "drone"),
    ("A Russian missile attack on Kharkiv killed two people on Monday.", "strike", "missile"),
    ("Israeli warplanes carried out airstrikes on Khan Younis on Monday, killing six people.", "strike", "air"),
    ("Russian artillery shelled Kherson on Monday, wounding four residents.", "strike", "artillery"),
    ("Hezbollah fired 30 rockets into northern Israel on Monday.", "strike", "artillery"),
    ("Russian troops stormed Ukrainian positions near Pokrovsk on Monday.", "clash", "assault"),
    ("Heavy fighting between the army and RSF fighters raged in El Fasher on Monday.", "clash", "battle"),
    ("Russian forces captured the village of Zhovte in the Donetsk region on Monday.", "territory", "captured"),
    ("Ukrainian troops withdrew from Vuhledar on Monday.", "territory", "withdrawn"),
    ("Israel called up two reserve brigades on Monday.", "deployment", "mobilisation"),
    ("Russia deployed 5,000 troops to the Belgorod region on Monday.", "deployment", "other"),
    ("Flights were diverted from two Moscow airports on Monday after the attack.", "disruption", "air_traffic"),
    ("After the drone attack, 40,000 homes in the Sumy region were left without electricity on Monday.", "disruption", "power"),
    ("Authorities ordered the evacuation of 3,000 residents from Pokrovsk on Monday as the front neared.", "disruption", "evacuation"),
    ("A car bomb exploded in Mogadishu on Monday, killing five people.", "violence", "explosion"),
    ("Saboteurs derailed a freight train carrying military cargo in the Bryansk region on Monday.", "violence", "sabotage"),
    ("Gunmen opened fire on villagers in Borno on Monday, killing nine people.", "violence", "shooting"),
    ("The army has lost 1,300 soldiers in the past day, the general staff said.", "losses", "personnel"),
    ("Russia lost 14 tanks and six artillery systems over the past day, Ukraine's general staff said.",
     "losses", "equipment"),
    ("Russian artillery losses hit a record 1,300 systems in March, Kyiv said.", "losses", "equipment"),
    ("Casualty figures for the invading troops reached 40,000 in March, Kyiv said.", "losses", "personnel"),
])
def test_types_and_subtypes(extract, text, etype, subtype):
    event = only(extract(text, published="2024-11-12"), etype)
    assert event.subtype == subtype


@pytest.mark.parametrize("text", [
    "Russian forces struck an energy facility in Kharkiv on Monday as the air raid alert lasted three hours.",
    "Russia's defence ministry said on Monday it struck Ukrainian positions near Kupiansk, citing aerial reconnaissance.",
])
def test_an_air_raid_alert_or_aerial_reconnaissance_makes_no_air_strike(extract, text):
    # ANNOTATION rule 16: no weapon named, no air strike told: the subtype stays null
    assert only(extract(text, published="2024-11-12"), "strike").subtype is None


def test_interceptions_fold_into_their_strike(extract):
    text = ("Russia launched 120 drones at Ukraine overnight, the Ukrainian air force said. "
            "Air defences shot down 95 of them, the air force added.")
    event = only(extract(text, published="2024-11-12"), "strike")
    assert kinds(event) == [("intercepted", 95), ("launched", 120)]
    assert event.actor.country == "RU" and event.location.country == "UA"
    assert event.claimant.country == "UA"


def test_interception_report_names_the_launching_side(extract):
    text = "Russian air defences destroyed 25 drones over the Bryansk region, the defence ministry said."
    event = only(extract(text, published="2024-11-12"), "strike")
    assert event.actor.country == "UA"  # the drones' side, not the defenders'
    assert event.location.admin1 == "Bryansk Oblast" and event.location.country == "RU"
    assert event.claimant.country == "RU"


def test_casualties_belong_to_the_strike(extract):
    event = only(extract("A Russian glide bomb hit Zaporizhzhia on Sunday, killing three people and "
                         "injuring 12.", published="2024-11-12"), "strike")
    assert kinds(event) == [("injured", 12), ("killed", 3)]
    assert event.subtype == "air"
    assert event.weapons == ["glide bomb"]


@pytest.mark.parametrize("text,claimant,country", [
    ("Russia launched 60 drones at Ukraine overnight, Ukraine's air force said.", "Ukraine's air force", "UA"),
    ("According to the Russian Defence Ministry, 30 drones were shot down over Kursk overnight.",
     "Russian Defence Ministry", "RU"),
    ("Kharkiv governor Oleh Syniehubov wrote on Telegram that a missile strike injured six people on Monday.",
     "Kharkiv governor Oleh Syniehubov", "UA"),
    ("The Kremlin reported that 12 drones were downed over Moscow overnight.", "Kremlin", "RU"),
    ("Ukrainian Air Force: Russia launched 90 drones at Ukraine overnight", "Ukrainian Air Force", "UA"),
    ("Army drones struck El Fasher on Sunday, the paramilitary RSF said.", "Rapid Support Forces", None),
    ('"Overnight, air defence forces destroyed 11 drones over the Kursk region," the Russian defence ministry '
     "specified.", "Russian defence ministry", "RU"),
    ("A drone struck an army depot near Mocimboa da Praia in Mozambique on Sunday, a security source said.",
     "security source", "MZ"),
    ("Israeli jets struck Tyre on Sunday, Iran's semi-official Mehr news agency reported.",
     "Iran's semi-official Mehr news agency", None),
    ("RSF drones struck a market in El Fasher on Sunday, the El Fasher Resistance Committee said.",
     "El Fasher Resistance Committee", None),
    ("Russian drones struck Zaporizhzhia overnight, according to the TASS news agency citing the Russian "
     "Defence Ministry.", "Russian Defence Ministry", "RU"),
])
def test_claimant_forms(extract, text, claimant, country):
    event = only(extract(text, published="2024-11-12"), "strike")
    assert event.claimant.name == claimant and event.claimant.country == country


def test_a_speaker_named_again_by_title_and_surname_is_the_one_named_in_full(extract):
    text = ("Israeli military spokesman Daniel Hagari said on Monday that troops had entered Rafah. "
            "Rockets were fired at Sderot overnight, Mr Hagari said.")
    strike = only(extract(text, published="2024-11-12"), "strike")
    assert strike.claimant.country == "IL"


def test_outlet_own_voice_has_no_claimant(extract):
    event = only(extract("Russian drones struck Odesa overnight, damaging the port.", published="2024-11-12"),
                 "strike")
    assert event.claimant is None


def test_reported_speech_across_sentences(extract):
    text = ("“The enemy launched 25 drones at the Sumy region overnight,” the regional administration said. "
            "Nine of them were destroyed over the city.")
    result = extract(text, published="2024-11-12")
    event = only(result, "strike")
    assert event.claimant is not None and "administration" in event.claimant.name
    assert kinds(event) == [("intercepted", 9), ("launched", 25)]


@pytest.mark.parametrize("text,actor", [
    ("Kyiv launched a wave of drones at the Belgorod region on Monday.", "UA"),
    ("Moscow's forces shelled Nikopol on Monday, wounding two people.", "RU"),
    ("The Kremlin's forces fired 12 missiles at Dnipro on Monday.", "RU"),
])
def test_metonymy(extract, text, actor):
    assert only(extract(text, published="2024-11-12"), "strike").actor.country == actor


@pytest.mark.parametrize("text,name", [
    ("Hamas fired 20 rockets at Ashkelon on Monday.", "Hamas"),
    ("Hezbollah launched drones at northern Israel on Monday.", "Hezbollah"),
    ("The Houthis fired a ballistic missile at a ship in the Red Sea on Monday.", "Houthis"),
    ("RSF drones struck El Fasher on Monday, killing four people.", "Rapid Support Forces"),
])
def test_non_state_actors(extract, text, name):
    event = only(extract(text, published="2024-11-12"), "strike")
    assert event.actor.name == name and event.actor.country is None


def test_sea_has_no_country(extract):
    event = only(extract("The Houthis fired a ballistic missile at a ship in the Red Sea on Monday.",
                         published="2024-11-12"), "strike")
    assert event.location.name == "Red Sea" and event.location.country is None
    assert event.location.precision == "region"


@pytest.mark.parametrize("text,status", [
    ("Officials fear Russia will launch a new offensive on Zaporizhzhia next month.", "expected"),
    ("The defence ministry denied that its forces had shelled the market in Donetsk on Monday.", "denied"),
    ("A video, which could not be verified, showed drones striking a depot in Tuapse on Monday.", "unverified"),
    ("Russian drones struck a depot in Tuapse on Monday.", "asserted"),
    ("The president asked for longer-range weapons to allow Ukraine to strike airfields in Kursk.", "expected"),
    ("The general spoke on Monday about the prospects of a new Russian offensive on Zaporizhzhia.", "expected"),
    ("Russia massed 50,000 troops on the border to launch an offensive on Sumy, Kyiv said on Monday.", "expected"),
    ("Russian forces went on to launch an offensive on Sumy on Monday, Kyiv said.", "asserted"),
])
def test_status(extract, text, status):
    events = extract(text, published="2024-11-12").events
    assert events and events[0].status == status


def test_dates_resolve_against_published(extract):
    event = only(extract("Russian drones struck Odesa on Sunday, wounding three people.",
                         published="2024-11-12"), "strike")
    assert (event.date.start, event.date.precision, event.date.text) == ("2024-11-10", "day", "on Sunday")


def test_evidence_offsets_point_into_the_text(extract):
    text = "Updated: 10:15\nBy Jane Writer\n\nRussian drones struck Odesa overnight, wounding three people."
    result = extract(text, published="2024-11-12")
    event = only(result, "strike")
    ev = event.evidence[0]
    assert text[ev.start:ev.end] == ev.text and ev.text.startswith("Russian drones struck Odesa")


def test_page_noise_gives_no_events(extract):
    text = ("Sign up for our newsletter about the war\nComments 0\nShare this story on drones and missiles\n"
            "Photograph: drone attack aftermath/Reuters")
    assert extract(text, published="2024-11-12").events == []


def test_non_conflict_text_gives_no_events(extract):
    text = ("The striker fired a shot past the keeper in the 80th minute as the home side launched a late attack. "
            "The battle for the title goes on next week, when 40,000 fans are expected.")
    assert extract(text, published="2024-11-12").events == []


def test_empty_text_gives_no_events(extract):
    assert extract("", published="2024-11-12").events == []


def test_one_event_per_happening_per_claimant(extract):
    text = ("Russia launched 50 drones at Ukraine overnight, the Ukrainian air force said. "
            "Russia's defence ministry said its forces had struck Ukrainian military airfields overnight.")
    strikes = of_type(extract(text, published="2024-11-12"), "strike")
    assert sorted(e.claimant.country for e in strikes) == ["RU", "UA"]


def test_an_air_force_that_strikes_is_the_attacker(extract):
    event = only(extract("The Ethiopian air force carried out a drone strike in the Amhara region on Sunday, "
                         "killing 30 people.", published="2024-11-12"), "strike")
    assert event.actor.country == "ET"


def test_two_towns_of_one_region_struck_in_turn_are_two_strikes(extract):
    text = ("Russian drones struck Izium in the Kharkiv region on Sunday, the governor said. "
            "Missiles also hit Kupiansk, the governor said.")
    strikes = of_type(extract(text, published="2024-11-12"), "strike")
    assert sorted(e.location.name for e in strikes) == ["Izium", "Kupiansk"]
    kiev = ("Russian missiles hit Kyiv overnight, the mayor said. "
            "Two people were wounded when debris fell in Kiev, the mayor said.")
    assert len(of_type(extract(kiev, published="2024-11-12"), "strike")) == 1


def test_two_bodies_of_one_state_give_two_accounts(extract):
    text = ("A total of 105 drones targeted regions across Russia overnight, the Defence Ministry said. "
            "Air defences shot down 19 drones near Moscow, Mayor Sergei Sobyanin said.")
    strikes = of_type(extract(text, published="2024-11-12"), "strike")
    assert sorted(e.claimant.name for e in strikes) == ["Defence Ministry", "Mayor Sergei Sobyanin"]
    same = ("Iran fired 30 missiles at Haifa overnight, the Israel Defense Forces said. "
            "Most were intercepted over Haifa, the IDF said.")
    assert len(of_type(extract(same, published="2024-11-12"), "strike")) == 1


def test_the_outlets_own_telling_after_a_claim_is_its_own_account(extract):
    text = ("Russian drones struck Kherson overnight, the governor said.\n\n"
            "Drones also hit a market in Kherson, killing two people.")
    strikes = of_type(extract(text, published="2024-11-12"), "strike")
    assert sorted(str(e.claimant and e.claimant.name) for e in strikes) == ["None", "governor"]


def test_an_attack_told_without_its_attacker_is_the_one_told_before(extract):
    text = ("Sudanese army warplanes bombed Nyala on Sunday, the army said. "
            "An air strike on a market in Nyala killed 12 people, a local journalist said.")
    strikes = of_type(extract(text, published="2024-11-12"), "strike")
    assert len(strikes) == 2
    assert all(e.actor.country == "SD" for e in strikes)


def test_troops_sent_to_a_country_named_in_an_earlier_sentence_are_foreign(extract):
    text = ("Boko Haram fighters killed 20 soldiers in Borno state on Sunday. "
            "The US is sending 200 troops to help train the army, officials said on Monday.")
    event = only(extract(text, published="2024-11-12"), "deployment")
    assert (event.actor.country, event.subtype) == ("US", "foreign_troops")


def test_reservists_are_called_up_at_home_whatever_offensive_they_are_for(extract):
    event = only(extract("Israel began calling up 60,000 reservists on Wednesday ahead of a planned offensive "
                         "on Gaza City.", published="2024-11-12"), "deployment")
    assert (event.subtype, event.location.country) == ("mobilisation", "IL")


def test_to_dict_has_the_contract_shape(extract):
    out = extract("Russian drones struck Odesa overnight.", published="2024-11-12", title="t", url="u").to_dict()
    assert out["schema_version"] == "1"
    assert set(out["article"]) == {"id", "url", "outlet", "title", "published"}
    event = out["events"][0]
    assert set(event) >= {"id", "type", "subtype", "status", "actor", "target", "location", "date",
                          "quantities", "weapons", "claimant", "evidence", "confidence"}


def test_user_lexicon_extends_triggers(tmp_path):
    from sitrep import Article, Extractor
    (tmp_path / "places.csv").write_text("name,aliases,country,admin1,kind\nKrynky,,UA,Kherson Oblast,city\n")
    extractor = Extractor([str(tmp_path)])
    result = extractor.extract(Article(text="Russian drones struck Krynky on Monday.", published="2024-11-12"))
    assert result.events[0].location.admin1 == "Kherson Oblast"


def test_losses_happen_where_the_war_is_fought(extract):
    text = ("Fighting continued near Pokrovsk and Kupiansk, Ukraine's general staff said. "
            "Russia has lost 1,200 troops in the past day, it added.")
    losses = only(extract(text, published="2024-11-12"), "losses")
    assert (losses.location.country, losses.target.country, losses.actor.country) == ("UA", "RU", "UA")


def test_international_bodies_and_monitors_speak_for_no_state(extract):
    text = "Shelling killed 12 civilians in El Fasher on Monday, the El Fasher Resistance Committees said."
    event = only(extract(text, published="2024-11-12"), "strike")
    assert event.claimant.name == "El Fasher Resistance Committees" and event.claimant.country is None
    text = "Fighting displaced 5,000 people near Goma on Monday, a U.N. spokesperson said."
    assert all(e.claimant is None or e.claimant.country is None
               for e in extract(text, published="2024-11-12").events)


def test_a_drone_assault_is_a_strike_not_ground_fighting(extract):
    result = extract("Russia launched a massive drone assault on Kyiv overnight, the mayor said.",
                     published="2024-11-12")
    assert kinds_of(result) == {"strike"}


def test_strikes_without_a_weapon_named_are_strikes(extract):
    event = only(extract("Four strikes hit the port of Hodeidah on Friday, the Houthi media office said.",
                         published="2024-11-12"), "strike")
    assert event.location.name == "Hodeidah"


def kinds_of(result):
    return {e.type for e in result.events}


@pytest.mark.parametrize("text", [
    "Russia's defence ministry said on Sunday it has taken control of Zhovte village.",
    "The Russian military says it has control of the mining town of Soledar, Ukraine's army disputes it.",
])
def test_control_claims_are_territory(extract, text):
    assert only(extract(text, published="2024-11-12"), "territory").subtype == "captured"


def test_people_taken_are_not_ground_taken(extract):
    result = extract("Ukrainian forces have captured more than 80 Russian troops this week, Maliar said.",
                     published="2024-11-12")
    assert "territory" not in kinds_of(result)


@pytest.mark.parametrize("text,country", [
    ("Israel later responded with fighter jet strikes in Iran, the military said.", "IR"),
    ("Russian strikes killed three people in Ukraine's eastern Kharkiv region on Sunday, as Kyiv reported "
     "a heavy drone barrage.", "UA"),
    ("Power was cut in the Belgorod region on Monday after drone attacks by Kyiv, the governor said.", "RU"),
    ("Egypt evacuated 400 of its nationals from Sudan on Sunday as the army and the RSF fought on.", "SD"),
])
def test_a_state_named_as_the_one_who_acts_is_not_the_place(extract, text, country):
    event = only(extract(text, published="2024-11-12"), "strike" if "strike" in text else "disruption")
    assert event.location.country == country and event.location.name not in ("Israel", "Kyiv", "Egypt")


@pytest.mark.parametrize("text,country", [
    # the country of the strike's own clause, over another one the sentence told first
    ("Rocket alerts sounded across northern Israel on Tuesday and in reply the army struck a number of "
     "observation posts in Lebanon.", "LB"),
    ("Sirens sounded in northern Israel on Friday, and the army then struck several weapons depots belonging "
     "to Hezbollah in Lebanon.", "LB"),
    # one country: the town named, wherever it stands
    ("Air raid alerts wailed across the Belgorod region overnight as Russian jets bombed a row of fuel depots "
     "on the edge of Kharkiv.", "UA"),
])
def test_a_strike_is_placed_in_its_own_clause(extract, text, country):
    event = only(extract(text, published="2024-11-12"), "strike")
    assert event.location.country == country


def test_where_the_weapons_came_from_is_no_strikes_own_clause(extract):
    event = only(extract("The navy said on Friday that its ships in the Red Sea had shot down four drones fired by "
                         "the Houthis in Yemen.", published="2024-11-12"), "strike")
    assert event.location.name == "Red Sea"


@pytest.mark.parametrize("text", [
    "North Korea launched a space rocket on Tuesday and put a reconnaissance satellite into orbit, state media said.",
    "Negotiators met in Cairo on Sunday to discuss a deal to free the hostages, officials said.",
    "The president thanked allies for their help since the invasion began on his country.",
    "Hurricane winds left 200,000 homes without power on Friday and killed two people, officials said.",
    "Workers went on strike in Paris over pensions.",
    "Teachers staged a strike in London on Monday.",
    "Flights were delayed at Heathrow on Friday because of fog.",
    "Soldiers in Iraq once used the wall system the city deployed on Monday against the flood.",
    "The attack on a shop in Leeds was captured on video by a passer-by, police said.",
    "The suspect fled the area before police arrived on Monday.",
    "Officers seized 1,248 bags of heroin in raids in the city on Thursday, police said.",
    "The candidate captured 1.3 percent of the vote in Moscow on Sunday.",
    "Police arrested a man in Athens on Monday on a charge of aggravated assault, police said.",
    "The family still waits for answers about the mystery surrounding the case in Santa Clara.",
])
def test_no_event_in_what_only_sounds_like_war(extract, text):
    assert extract(text, published="2024-11-12").events == []


def test_hostage_taking_is_violence(extract):
    event = only(extract("Militants took 30 villagers hostage in Zamfara on Sunday, police said.",
                         published="2024-11-12"), "violence")
    assert event.subtype == "other"


def test_who_inflicted_a_toll_and_who_suffered_it(extract):
    text = "Russia's Battlegroup Yug eliminated more than 1,200 Ukrainian servicemen over the past week, Moscow said."
    losses = only(extract(text, published="2024-11-12"), "losses")
    assert (losses.actor.country, losses.target.country) == ("RU", "UA")
    text = "More than 1,200 Russian soldiers have been killed over the past week, Kyiv said."
    losses = only(extract(text, published="2024-11-12"), "losses")
    assert (losses.actor.country, losses.target.country) == ("UA", "RU")


def test_a_place_retaken_goes_back_to_its_own_side(extract):
    text = "The village of Plekhovo in the Kursk region was liberated, the defence ministry in Moscow said."
    event = only(extract(text, published="2024-11-12"), "territory")
    assert event.actor.country == "RU"
    text = "Russian troops liberated the village of Kozacha Lopan in the Kharkiv region, Moscow said."
    assert only(extract(text, published="2024-11-12"), "territory").actor.country == "RU"


def test_a_toll_with_no_place_is_placed_where_the_war_is_fought(extract):
    losses = only(extract("Russia has lost 1,150 soldiers in the past day, Ukraine's general staff said.",
                          published="2024-11-12"), "losses")
    assert losses.location.country == "UA"


def test_a_toll_counted_in_a_country_stays_there(extract):
    # the victims' side, not the theatre of the war between the two sides
    text = "Over 1,200 people in Israel have been killed since Saturday, most of them civilians."
    losses = only(extract(text, published="2023-10-12"), "losses")
    assert losses.location.country == "IL"


def test_an_update_from_a_body_names_the_claimant(extract):
    text = "In its daily update from the General Staff of Ukraine's armed forces, it was reported that Russia lost 1,150 soldiers."
    assert only(extract(text, published="2024-11-12"), "losses").claimant.country == "UA"


def test_a_bulleted_list_speaks_for_the_body_its_heading_names(extract):
    text = ("Main points from the Russian Defence Ministry briefing, March 3:\n"
            "▪️Russian troops liberated the village of Kozacha Lopan in the Kharkiv region over the past day\n"
            "▪️Air defences shot down 41 Ukrainian drones over the Belgorod region\n")
    events = extract(text, published="2025-03-03").events
    assert len(events) == 2 and all(e.claimant and e.claimant.country == "RU" for e in events)


def test_a_toll_in_the_next_paragraph_joins_its_event(extract):
    text = ("Israeli warplanes pounded villages across southern Lebanon on Monday, the army said.\n"
            "More than 490 people were killed and over 1,600 injured, the health ministry said.")
    event = only(extract(text, published="2024-09-24"), "strike")
    assert kinds(event) == [("injured", 1600), ("killed", 490)]
    # "have since been killed": the dead of many strikes since, a tally (ANNOTATION rule 28)
    since = text.replace("were killed", "have since been killed")
    assert kinds(only(extract(since, published="2024-09-24"), "losses")) == [("injured", 1600), ("killed", 490)]


def test_the_dateline_places_an_event_that_names_no_place(extract):
    text = "MADRID – A bomb attack on a commuter train killed 12 people on Thursday, officials said."
    event = only(extract(text, published="2004-03-12"), "violence")
    assert (event.location.name, event.location.country) == ("Madrid", "ES")


def test_strikes_in_a_report_about_airstrikes_are_air(extract):
    text = ("US warplanes carried out airstrikes across Yemen on Friday, officials said. "
            "Four strikes hit the port of Hodeidah, the Houthi media office said.")
    subtypes = {e.subtype for e in extract(text, published="2024-01-12").events if e.type == "strike"}
    assert subtypes == {"air"}
    passing = ("The ceasefire followed weeks of airstrikes, officials said. "
               "Four strikes hit the port of Hodeidah on Friday, the Houthi media office said.")
    assert [e.subtype for e in extract(passing, published="2024-01-12").events if e.type == "strike"] == [None]


def test_occupied_as_an_adjective_is_no_capture(extract):
    assert extract("Kyiv hoped to use the occupied territory as leverage in talks, officials said.",
                   published="2024-11-12").events == []
    assert only(extract("Russian forces occupied the village of Kozacha Lopan, the army said.",
                        published="2024-11-12"), "territory").subtype == "captured"


def test_troops_massed_on_a_neighbours_border_stand_on_their_own_side(extract):
    event = only(extract("Russia has massed about 100,000 troops on Ukraine's border, officials said.",
                         published="2024-11-12"), "deployment")
    assert event.location.country == "RU"


def test_blasts_heard_during_a_drone_attack_are_the_strike(extract):
    text = ("Ukrainian drones attacked the Ryazan region overnight. "
            "Five explosions were recorded near the refinery, the General Staff said.")
    assert kinds_of(extract(text, published="2024-11-12")) == {"strike"}
    assert kinds_of(extract("A car bomb blast killed five people in Mogadishu on Monday, police said.",
                            published="2024-11-12")) == {"violence"}


@pytest.mark.parametrize("text,country", [
    ("Air defences destroyed 77 Ukrainian drones launched overnight, the defence ministry said.", "RU"),
    ("Hezbollah launched more than 100 rockets toward Israel on Monday, the military said.", "IL"),
])
def test_an_unnamed_military_reporting_a_strike_speaks_for_the_side_struck(extract, text, country):
    assert only(extract(text, published="2024-11-12"), "strike").claimant.country == country


def test_a_strike_in_a_groups_home_theatre_is_by_the_other_side(extract):
    text = ("Hamas fighters held out in Gaza for months. "
            "Two strikes hit a school in Gaza City on Monday, killing nine people, medics said.")
    assert only(extract(text, published="2024-11-12"), "strike").actor.name == "Israel"


def test_the_side_whose_offensive_killed_is_the_actor(extract):
    text = "The Israeli offensive has killed more than 30,000 people in Gaza, health officials said."
    event = only(extract(text, published="2024-11-12"), "losses")
    assert event.actor.country == "IL" and event.target.country != "IL"


def test_a_dateline_is_no_claimant(extract):
    text = "KYIV, March 3 (AFP) - Officials in the Sumy region reported power cuts after a Russian drone attack."
    event = extract(text, published="2024-03-03").events[0]
    assert event.claimant.name == "Officials in the Sumy region"


def test_claimed_lives_is_a_toll_not_an_attribution(extract):
    text = "Raids by gunmen on three villages in Plateau state claimed dozens of lives on Monday."
    event = only(extract(text, published="2024-11-12"), "violence")
    assert event.claimant is None
    assert event.quantities == []  # villages are no dead, dozens no number


@pytest.mark.parametrize("text,country", [
    ("Gunmen killed 12 villagers in Mangu on Monday, Bello Musa, a spokesman for the Plateau state police, said.",
     "NG"),
    ("Thirty people were killed in Pakistani air strikes in Khost on Monday, said Ahmad Wali, Khost's director "
     "of information.", "AF"),
    ("The strike destroyed the site on Monday, said Gen. Ann Ross, chairman of the Joint Chiefs of Staff.", "US"),
])
def test_an_officials_state_comes_from_what_the_article_says_they_are(extract, text, country):
    event = extract(text, published="2024-11-12").events[0]
    assert event.claimant.country == country


def test_the_un_and_armed_groups_speak_for_no_state(extract):
    un = extract("Rebels took control of Goma airport on Monday, said U.N. spokesperson Ana Silva.",
                 published="2024-11-12")
    assert only(un, "territory").claimant.country is None
    group = extract("The Baloch Liberation Army (BLA), a separatist group, said it carried out a bombing at "
                    "Quetta station on Monday that killed 20 people.", published="2024-11-12")
    assert {e.type for e in group.events} == {"violence"}  # "Liberation" in a name liberates nothing
    assert group.events[0].claimant.to_dict() == {"name": "Baloch Liberation Army", "country": None}


@pytest.mark.parametrize("text,claimant", [
    # named after a state, speaking for none (ANNOTATION rules 10 and 29)
    ("Two rockets hit Eilat on Monday, Yemen's Houthi group said.", "Houthis"),  # the group, by its name
    ("Kabul's Emergency Hospital said it treated 20 people wounded in a suicide bombing in Kabul on Monday.",
     "Kabul's Emergency Hospital"),
    ("Drones struck a depot in Tula on Monday, Russian Telegram channels reported.", "Russian Telegram channels"),
    ("Air strikes hit Idlib on Monday, Syria’s state news agency SANA said.", "SANA"),
    # an outlet by its title, not by what it is
    ("According to the Kavkaz news outlet, a drone hit an oil depot in Tuapse on Monday.", "Kavkaz"),
    ("Drones struck a fuel depot near Bryansk on Monday, the Gazeta Wyborcza newspaper reported.", "Gazeta Wyborcza"),
    # the group by its name, its short form in brackets left off
    ("Sudan's paramilitary Rapid Support Forces (RSF) said it seized the town of Um Rawaba on Friday.",
     "Rapid Support Forces"),
])
def test_groups_media_and_bodies_named_after_a_state_speak_for_none(extract, text, claimant):
    event = extract(text, published="2024-11-12").events[0]
    assert event.claimant.to_dict() == {"name": claimant, "country": None}


@pytest.mark.parametrize("text,claimant", [
    ("Russia has lost 3,000 troops and 80 tanks in its invasion of Ukraine: Deputy Defence Minister Hanna Malyar.",
     {"name": "Deputy Defence Minister Hanna Malyar", "country": "UA"}),  # a live blog's entry
    ("Sources also mentioned that the militants attempted to infiltrate the border post on Friday night.",
     {"name": "Sources", "country": None}),
    ("More than 20 rebels were killed in fighting near Marib on Monday, a military news site claimed.",
     {"name": "military news site", "country": None}),
    ("Ukrainian military intelligence announced on Monday that it had sunk a Russian patrol boat off Crimea.",
     {"name": "Ukrainian military intelligence", "country": "UA"}),  # "announced" parsed as a noun's modifier
    # the speaker after the verb, past a quote
    ('"Rebels and government forces clashed in Idlib province on Monday," reported the Observatory, adding that 12 '
     'fighters died.',
     {"name": "Observatory", "country": None}),
    # the toll of a happening told in a relative clause, by whom it was counted
    ("Soldiers fired on a crowd in Kassala on Friday in an incident that the health ministry said killed 14 people.",
     {"name": "health ministry", "country": "SD"}),
    # a group's name first, the ministry it runs speaking for its territory (ANNOTATION rule 29)
    ("The Hamas-run health ministry said 31 people were killed when tanks shelled Jabalia on Monday.",
     {"name": "Hamas-run health ministry", "country": "PS"}),
])
def test_claimants_named_in_the_sentence(extract, text, claimant):
    assert extract(text, published="2024-11-12").events[0].claimant.to_dict() == claimant


@pytest.mark.parametrize("text,claimant", [
    # the name after the words that describe it
    ("Air strikes killed nine people in Omdurman on Monday, the US-based Sudan War Monitor reported.",
     "Sudan War Monitor"),
    ("Flights to Beirut were cancelled on Monday after the missile attacks, flag carrier Middle East Airlines said.",
     "Middle East Airlines"),
    # the body named before, now only described
    ("The Syrian Observatory for Human Rights said air strikes hit Idlib on Sunday. "
     "On Monday, shelling killed four people in Ariha, the Britain-based Observatory said.",
     "Syrian Observatory for Human Rights"),
])
def test_a_claimant_described_is_the_body_it_names(extract, text, claimant):
    event = extract(text, published="2024-11-12").events[-1]
    assert event.claimant.to_dict() == {"name": claimant, "country": None}


@pytest.mark.parametrize("text,actor,target", [
    ("The defence ministry in Moscow said its forces had fought off three Ukrainian assaults near Urozhaine "
     "on Monday.", "UA", "RU"),
    ("Russian troops foiled Ukraine's attacks near Robotyne on Tuesday, the ministry said.", "UA", "RU"),
    ("Ukrainian forces repelled a Russian attack near Pokrovsk on Monday, the General Staff said.", "RU", "UA"),
])
def test_the_side_whose_assault_was_beaten_back_acted(extract, text, actor, target):
    event = only(extract(text, published="2024-11-12"), "clash")
    assert (event.actor.country, event.target.country) == (actor, target)


@pytest.mark.parametrize("text,actor", [
    ("Wagner's chief said on Saturday that the town of Soledar came under full Russian control.", "RU"),
    ("The town of Tessalit came under the control of the Malian army on Tuesday, officials said.", "ML"),
])
def test_whose_control_a_place_came_under_took_it(extract, text, actor):
    assert only(extract(text, published="2024-11-12"), "territory").actor.country == actor


def test_an_event_placed_only_in_a_country_takes_the_region_of_the_article():
    from sitrep.extract.engine import _region_of_the_article
    from sitrep.lexicon import load_lexicon
    from sitrep.models import Event, Evidence, Place

    def event(etype, place, text):
        return Event(type=etype, location=place, evidence=[Evidence(0, len(text), text)])

    niger = Place("Niger", "NE", None, precision="country")
    tera = Place("Tera", "NE", "Tillaberi", precision="city")
    events = [event("clash", tera, "Gunmen killed 12 soldiers near Tera on Tuesday."),
              event("violence", niger, "The attackers also burned the market, a local official said."),
              event("violence", niger, "Jihadists have burned villages across the country for years."),
              event("strike", niger, "A drone struck a convoy in Niger on Monday.")]
    _region_of_the_article(events, load_lexicon())
    burned = events[1]
    assert (burned.location.admin1, burned.location.precision) == ("Tillaberi", "admin1")
    assert "place.region_of_the_article" in burned.rules
    assert events[2].location is niger  # told of the whole country
    assert events[3].location is niger  # the sentence names its own place


def test_a_wars_start_told_as_background_is_in_the_outlets_voice(extract):
    text = ("At least 300 Palestinians have been killed in the West Bank since Hamas launched its war against "
            "Israel on October 7, the health ministry in Ramallah said.")
    result = extract(text, published="2023-12-01")
    assert only(result, "clash").claimant is None  # ANNOTATION rule 2: background, no one's claim
    assert only(result, "losses").claimant.country == "PS"


def test_people_harmed_in_the_articles_place_are_a_happening(extract):
    # ANNOTATION rule 1: people told killed or taken pin a happening down in the place the
    # passage is about; a habit does not
    text = ("Russian troops withdrew from Irpin on Thursday after weeks of fighting, the mayor said. "
            "Some residents were killed by a shot to the head, journalists said.")
    violence = only(extract(text, published="2024-06-10"), "violence")
    assert violence.location.name == "Irpin"
    habit = "Russian troops withdrew from Irpin on Thursday. Militants routinely kill civilians, analysts say."
    assert of_type(extract(habit, published="2024-06-10"), "violence") == []


def test_unnamed_attackers_are_the_actor(extract):
    gunmen = only(extract("Gunmen killed 12 villagers in Mangu on Monday.", published="2024-11-12"), "violence")
    assert gunmen.actor.to_dict() == {"name": "gunmen", "country": None}
    gang = only(extract("Gang members set fire to a police station in Port-au-Prince on Friday.",
                        published="2024-11-12"), "violence")
    assert gang.actor.to_dict() == {"name": "gang members", "country": None}
    text = ("M23 fighters advanced on Goma last week. "
            "On Monday the rebels took control of Goma airport, residents said.")
    assert only(extract(text, published="2024-11-12"), "territory").actor.name == "M23"


@pytest.mark.parametrize("text,actor", [
    ("Ten people were killed by armed assailants in a bar in Celaya during Mexico's cartel war on Sunday.",
     "armed assailants"),
    ("Organized crime groups murdered 20 people at the town hall of Celaya during Mexico's cartel war on Sunday.",
     "organized crime groups"),
])
def test_attackers_named_only_by_what_they_are_are_the_actor(extract, text, actor):
    assert only(extract(text, published="2024-11-12"), "violence").actor.to_dict() == {"name": actor,
                                                                                        "country": None}


def test_an_attack_claimed_by_a_group_is_its_own(extract):
    text = ("A suicide bomber killed eight people at a cafe in Mogadishu on Monday in an attack claimed by "
            "the militant group al-Shabaab.")
    assert only(extract(text, published="2024-11-12"), "violence").actor.name == "al-Shabaab"


def test_an_unnamed_military_reporting_its_own_strike_speaks_for_its_side(extract):
    text = "Israel later responded with fighter jet strikes in Iran, the military said."
    event = only(extract("Tel Aviv, Israel — Sirens sounded across the city. " + text, published="2024-11-12"),
                 "strike")
    assert event.claimant.country == "IL"


@pytest.mark.parametrize("text,place", [
    ("Ukrainian drones struck a power station in the Rostov region, about 1,000km south of Moscow, on Monday.",
     "Rostov"),
    ("Kyiv: “Robotyne liberated, troops advance south”", "Robotyne"),
    ("The Ukrainian army lost up to 300 personnel in Russia’s Battlegroup Centre’s area in the past day.",
     "Ukraine"),
    ("Two Russian missiles hit the Sumy Military Academy on Tuesday, killing four cadets.", "Sumy"),
    ("Overnight, drones attacked the Saratov Oil Refinery and Engels in Russia, a Ukrainian official said.",
     "Saratov"),  # the place named inside the trigger's own words is where it struck
])
def test_landmarks_headings_and_owners_are_not_where_it_happened(extract, text, place):
    event = extract(text, published="2024-11-12").events[0]
    assert event.location.name.startswith(place)


def test_a_capital_that_acts_is_not_the_place(extract):
    text = ("Ukrainian forces seized land in the Kursk region in August. Kyiv hoped to trade it in talks. "
            "By March, Russian troops had recaptured most of the area, the ministry said.")
    recaptured = extract(text, published="2025-03-13").events[-1]
    assert (recaptured.type, recaptured.location.country) == ("territory", "RU")


def test_units_on_a_border_are_a_deployment_on_their_own_side(extract):
    text = "There are now 50 Russian battalions on Ukraine's border, the minister said on Monday."
    event = only(extract(text, published="2024-11-12"), "deployment")
    assert (event.location.country, kinds(event)) == ("RU", [("other", 50)])
    brigades = only(extract("Israel called up two reserve brigades to the northern border with Lebanon on Monday.",
                            published="2024-11-12"), "deployment")
    assert brigades.location.country == "IL"


def test_a_side_that_intercepted_defends(extract):
    text = "The Russian military intercepted a Ukrainian drone flying towards Moscow on Monday."
    event = only(extract(text, published="2024-11-12"), "strike")
    assert (event.actor.country, event.target.country) == ("UA", "RU")


@pytest.mark.parametrize("text", [
    "Pakistan destroys 12 Indian drones over Lahore, the army says.",
    "Ukrainian air defence units shoot down 31 Russian drones overnight.",
])
def test_whose_drones_were_downed_attacked(extract, text):
    event = only(extract(text, published="2024-11-12"), "strike")
    defender = "PK" if text.startswith("Pakistan") else "UA"
    assert (event.target.country, event.location.country) == (defender, defender)
    assert event.actor.country == ("IN" if defender == "PK" else "RU")
    assert kinds(event)[0][0] == "intercepted"


def test_the_side_whose_forces_arrive_is_the_actor_of_a_deployment(extract):
    text = "On Saturday, a contingent of 300 Kenyan police officers arrived in Haiti, the mission said."
    event = only(extract(text, published="2024-11-12"), "deployment")
    assert (event.actor.country, event.target.country, event.subtype) == ("KE", "HT", "foreign_troops")


@pytest.mark.parametrize("text", [
    "Ukraine says its troops forced Russian forces off Snake Island, with Moscow saying it withdrew as a gesture.",
    "Kyiv and its allies accuse Moscow of seizing the villages of Robotyne and Verbove by force in the war.",
])
def test_a_capital_speaking_for_its_state_is_not_where_it_happened(extract, text):
    assert all(e.location is None or e.location.name != "Moscow" for e in extract(text, published="2024-11-12").events)


def test_a_side_named_after_a_day_is_no_target(extract):
    text = ("Israeli jets struck villages in southern Lebanon on Saturday. "
            "On Sunday Hezbollah fighters fired rockets at Israeli army positions near Metula.")
    events = extract(text, published="2024-11-12").events
    assert [(e.actor.name, e.target.name) for e in events][-1] == ("Hezbollah", "Israel")


def test_an_armed_group_is_never_its_own_opponent(extract):
    event = only(extract("Islamic State militants attacked an army post on Sunday, killing seven soldiers.",
                         published="2024-11-12"), "clash")
    assert event.actor.name == "Islamic State"
    assert event.target is None or event.target.name != "Islamic State"


@pytest.mark.parametrize("text,subtype", [
    ("Russia has deployed 10,000 more troops to Crimea, Ukrainian intelligence said on Monday.", "other"),
    ("North Korea has deployed 10,000 troops to Russia's Kursk region, Seoul said on Monday.", "foreign_troops"),
])
def test_a_belligerent_on_its_enemys_ground_is_no_foreign_troop(extract, text, subtype):
    assert only(extract(text, published="2024-11-12"), "deployment").subtype == subtype


def test_a_state_mobilises_at_home(extract):
    event = only(extract("Israel has called up 300,000 reservists since Saturday, the army said.",
                         published="2024-11-12"), "deployment")
    assert (event.subtype, event.location.country) == ("mobilisation", "IL")


def test_a_border_named_by_its_country_is_no_side(extract):
    text = "Jihadists stormed an army post near the Algerian border on Monday, killing eight soldiers, the army said."
    event = only(extract(text, published="2024-11-12"), "clash")
    assert event.actor is None or event.actor.country != "DZ"
    assert event.target is None or event.target.country != "DZ"


@pytest.mark.parametrize("text,claimant", [
    ("Air defences shot down 14 of 16 drones launched at Ukraine overnight. "
     "Air Force Commander Mykola Oleshchuk reported this on Telegram.", "Air Force Commander Mykola Oleshchuk"),
    ("A drone hit a warehouse in Odesa overnight. This was reported by the regional governor Oleh Kiper.",
     "regional governor Oleh Kiper"),
])
def test_a_sentence_that_only_says_who_reported_it_names_the_claimant(extract, text, claimant):
    event = only(extract(text, published="2024-11-12"), "strike")
    assert (event.claimant.name, event.claimant.country) == (claimant, "UA")


def test_a_toll_from_someone_else_is_their_own_account(extract):
    text = ("Gunmen stormed the village of Kaya on Monday, killing six people, the local militia leader said. "
            "A survivor, Amina Bello, said up to 19 were killed.")
    events = of_type(extract(text, published="2024-11-12"), "violence")
    assert [(e.claimant.name, kinds(e)) for e in events] == [
        ("local militia leader", [("killed", 6)]), ("Amina Bello", [("killed", 19)])]
    assert events[1].location.name == events[0].location.name


@pytest.mark.parametrize("toll", [
    "A hospital source put the toll at 19.",
    "A hospital source reported the toll as 19.",
])
def test_a_toll_put_at_a_number_by_someone_else_is_their_own_account(extract, toll):
    text = "Gunmen stormed the village of Kaya on Monday, killing six people, the local militia leader said. " + toll
    events = of_type(extract(text, published="2024-11-12"), "violence")
    assert [(e.claimant.name, kinds(e)) for e in events] == [
        ("local militia leader", [("killed", 6)]), ("hospital source", [("killed", 19)])]


def test_putting_a_place_under_curfew_is_no_claim(extract):
    text = "The army put the town of Kaya under curfew after gunmen killed six people there on Monday."
    event = only(extract(text, published="2024-11-12"), "violence")
    assert event.claimant is None


def test_a_toll_that_agrees_joins_the_event(extract):
    text = ("Gunmen stormed the village of Kaya on Monday, killing six people, the local militia leader said. "
            "Nine others were injured, the leader added.")
    event = only(extract(text, published="2024-11-12"), "violence")
    assert kinds(event) == [("injured", 9), ("killed", 6)]


def test_the_other_side_is_the_named_rival_not_the_most_named_country(extract):
    text = ("Poland scrambled jets as Poland watched its border. Poland said Poland was ready. Russia denied it. "
            "Several missiles hit a residential area in Lviv on Monday, damaging 30 houses.")
    assert only(extract(text, published="2024-11-12"), "strike").actor.country == "RU"


def test_forces_of_a_state_are_its_own(extract):
    text = "Units of the Armed Forces of Ukraine struck an oil depot in the Tula region on Monday."
    event = only(extract(text, published="2024-11-12"), "strike")
    assert (event.actor.country, event.location.country) == ("UA", "RU")


def test_a_missile_from_a_groups_home_is_the_groups(extract):
    text = ("The Houthis have fired on Israel for months. "
            "A missile launched from Yemen struck near Ben Gurion Airport on Monday, the military said.")
    assert only(extract(text, published="2024-11-12"), "strike").actor.name == "Houthis"


def test_a_lead_restated_in_the_body_is_one_event(extract):
    text = ("Defence ministry says air defences destroyed 60 Ukrainian drones overnight.\n\n"
            "Russia's defence ministry said on Sunday that air defences destroyed 60 Ukrainian drones overnight "
            "over the Kursk and Bryansk regions.")
    event = only(extract(text, published="2024-11-12"), "strike")
    assert (event.claimant.country, kinds(event), len(event.evidence)) == ("RU", [("intercepted", 60)], 2)


@pytest.mark.parametrize("text,claimant", [
    ("Strikes killed 40 people in Gaza City on Monday, according to Health Ministry figures.", "Health Ministry"),
    ("Strikes killed 40 people in Gaza City on Monday, according to satellite imagery.", None),
    ("Four strikes hit Sanaa on Friday, according to the Houthi-run Al Masirah TV network.", "Al Masirah"),
])
def test_whose_figures_and_which_outlet(extract, text, claimant):
    event = only(extract(text, published="2024-11-12"), "strike")
    assert (event.claimant.name if event.claimant else None) == claimant


def test_one_voice_under_two_names_is_one_account(extract):
    text = ("At least 12 civilians were killed and 30 wounded in El Fasher on Monday after shelling by the RSF, "
            "a Sudanese doctors' group said. "
            "\"The shelling killed 12 civilians and injured 30 others,\" the Sudan Doctors Network said.")
    event = only(extract(text, published="2024-11-12"), "strike")
    assert kinds(event) == [("injured", 30), ("killed", 12)]


@pytest.mark.parametrize("text", [
    "Partisans have repeatedly targeted railways in the Bryansk region.",
    "For months now, the Houthis have been attacking ships in the Red Sea.",
    "Niger is fighting Islamist insurgents in the Tillaberi region.",
])
def test_what_happens_again_and_again_is_background(extract, text):
    assert extract(text, published="2024-11-12").events == []


def test_a_denial_of_something_else_leaves_the_event_asserted(extract):
    text = "Russia has deployed 90,000 troops to Ukraine's border, but denies it is planning an invasion."
    event = only(extract(text, published="2024-11-12"), "deployment")
    assert (event.status, event.claimant, event.actor.country) == ("asserted", None, "RU")
    denied = only(extract("Russia denied that its missile struck the market in Kostiantynivka on Monday.",
                          published="2024-11-12"), "strike")
    assert denied.status == "denied"


def test_drones_in_an_assault_are_a_strike_alone(extract):
    text = ("On Sunday night Russian forces launched a record drone assault on Ukraine, deploying 267 Shahed attack "
            "drones, the air force said.")
    assert kinds_of(extract(text, published="2024-11-12")) == {"strike"}
    text = "Ukraine's air force downed 138 drones in a massive Russian assault on Sunday."
    assert kinds_of(extract(text, published="2024-11-12")) == {"strike"}


def test_a_strike_on_a_named_place_is_a_strike_by_its_owner(extract):
    text = "The commander was killed in Israel’s strike on Beirut on Friday."
    event = only(extract(text, published="2024-11-12"), "strike")
    assert (event.actor.country, event.location.name) == ("IL", "Beirut")
    assert extract("Dock workers went on strike on Monday in Antwerp.", published="2024-11-12").events == []


def test_an_outlet_inside_a_project_name_keeps_the_project(extract):
    text = ("A missile strike on Dnipro killed 12 people on Saturday, according to the Associated Press-Frontline "
            "War Crimes Watch project.")
    assert only(extract(text, published="2024-11-12"), "strike").claimant.name.endswith("project")


def test_each_event_of_a_sentence_takes_the_places_of_its_own_stretch(extract):
    text = "Russian troops captured a village in Ukraine's Kharkiv region as a drone strike killed one in Voronezh."
    result = extract(text, published="2024-11-12")
    assert only(result, "territory").location.country == "UA"
    assert only(result, "strike").location.name == "Voronezh"


def test_rockets_fired_from_a_country_at_a_city(extract):
    event = only(extract("Hezbollah fired 30 rockets from Lebanon at Haifa on Monday.", published="2024-11-12"),
                 "strike")
    assert (event.target.country, event.location.name) == ("IL", "Haifa")
    built = only(extract("Russia said it destroyed a U.S.-built Patriot system in Kyiv on Tuesday.",
                         published="2024-11-12"), "strike")
    assert built.location.name == "Kyiv"


def test_an_average_daily_toll_is_a_loss(extract):
    text = "Analysts estimate Moscow is losing an average of 1,200 troops a day to death and injury."
    event = only(extract(text, published="2024-11-12"), "losses")
    assert (event.target.country, kinds(event)) == ("RU", [("casualties", 1200)])


@pytest.mark.parametrize("text", [
    "Russia and Ukraine have both sought to buy and develop new drones and deploy them in new ways.",
    "Russia has developed a series of electronic “umbrellas” over Moscow against drones.",
    "Ukraine, itself the target of repeated drone strikes, has built its own fleet.",
])
def test_what_a_side_can_do_is_no_event(extract, text):
    assert extract(text, published="2024-11-12").events == []


def test_the_capital_named_by_its_country(extract):
    text = "At least 34 drones were launched at the Russian capital on Sunday, the mayor said."
    assert only(extract(text, published="2024-11-12"), "strike").location.name == "Moscow"


def test_an_assault_on_a_village_is_violence_against_civilians(extract):
    text = "Suspected Islamist militants stormed a village in Borno state on Monday, killing nine people."
    event = only(extract(text, published="2024-11-12"), "violence")
    assert (event.subtype, event.actor.name) == ("other", "militants")
    fight = extract("Militants stormed a village in Borno on Monday and fought soldiers for hours.",
                    published="2024-11-12")
    assert "clash" in kinds_of(fight)


def test_the_ministry_a_group_runs_speaks_for_the_land_it_runs(extract):
    text = ("At least 40 Palestinians were killed in Israeli strikes on Khan Younis on Monday, according to the "
            "health ministry in the Hamas-run enclave.")
    assert only(extract(text, published="2024-11-12"), "strike").claimant.country == "PS"


def test_fierce_fighting_beside_a_capture_is_a_battle_too(extract):
    text = ("Fierce fighting raged in the Donetsk region on Monday, where Russia says its troops have taken "
            "control of the town of Soledar.")
    assert kinds_of(extract(text, published="2024-11-12")) == {"clash", "territory"}


def test_a_toll_told_through_a_relative_clause(extract):
    text = ("Russia's war in Ukraine grinds on. The figure is higher than the one given by Defence Minister John "
            "Healey, who told reporters on Nov. 8 that Russia suffered 41,980 killed and wounded during October.")
    event = only(extract(text, published="2024-11-20"), "losses")
    assert (event.claimant.name, event.target.country, event.location.country) == (
        "Defence Minister John Healey", "RU", "UA")


def test_a_namesake_in_the_division_named_beside_it(extract):
    text = ("Russian forces took control of the villages of Kucherivka in the northern Kharkiv region and Rivne in "
            "the eastern Donetsk region, the defence ministry said on Sunday.")
    admin1s = {e.location.name: e.location.admin1 for e in extract(text, published="2024-11-12").events}
    assert admin1s.get("Rivne", "Donetsk Oblast") == "Donetsk Oblast"
    assert sitrep.places(text)[2].place.admin1 == "Donetsk Oblast"


@pytest.mark.parametrize("text,town,country", [
    ("Boko Haram fighters set fire to a clinic in Gwoza on Sunday, residents said.", "Gwoza", "NG"),
    ("JNIM militants attacked an army convoy near Tessit on Sunday, residents said.", "Tessit", "ML"),
])
def test_an_armed_group_places_a_small_town_in_the_country_it_fights_in(extract, text, town, country):
    events = extract(text, published="2024-11-12").events
    assert [(e.location.name, e.location.country) for e in events if e.location] == [(town, country)]


def test_the_regional_governor_speaks_for_the_region_the_report_is_about(extract):
    text = ("Shelling hit the Belgorod region again. In the Belgorod region, schools closed. "
            "Ukrainian shelling killed 16 people in the Russian Federation this week, said regional Gov. "
            "Vyacheslav Gladkov.")
    event = only(extract(text, published="2024-03-20"), "strike")
    assert event.location.admin1 == "Belgorod Oblast"


def test_a_claim_told_after_the_outlets_own_telling_is_not_the_outlets(extract):
    text = ("Russian troops captured the village of Urozhaine on Sunday. "
            "A missile struck a port warehouse in Izmail on Monday, the regional governor said.")
    result = extract(text, published="2024-06-03")
    assert only(result, "territory").claimant is None
    assert only(result, "strike").claimant.name == "regional governor"


def test_who_a_paragraph_says_told_it_is_its_claimant(extract):
    text = ("Two Ukrainian drones were shot down over the Crimean peninsula overnight. "
            "This was stated by the Russian-appointed head of Crimea, Sergei Aksyonov.")
    strike = only(extract(text, published="2024-06-03"), "strike")
    assert strike.claimant is not None and "head of Crimea" in strike.claimant.name


def test_a_headline_told_again_in_the_body_stays(extract):
    text = ("Air strikes kill at least 47 in Afghanistan, officials say\n\n"
            "The death toll from air strikes in Khost province carried out by the Pakistani military has risen to at "
            "least 47, officials said on Sunday.\n\n"
            "The air strikes hit houses in Khost along the border, said Afghan officials.")
    events = extract(text, published="2022-04-17").events
    assert [(e.type, kinds(e)) for e in events if e.quantities] == [("strike", [("killed", 47)])]


def test_the_place_an_assault_takes(extract):
    text = ("Israel's campaign in Gaza began when Hamas-led militants stormed into southern Israel on Oct. 7, "
            "killing around 1,200 people.")
    assert only(extract(text, published="2024-06-10"), "clash").location.country == "IL"
    base = extract("Al-Shabaab fighters attacked a base housing foreign troops near Mogadishu on Sunday.",
                   published="2024-06-10")
    assert only(base, "clash").actor.name == "al-Shabaab"


def test_the_same_number_for_two_weapons_is_two_quantities(extract):
    text = ("Ukraine said on Tuesday it had shot down six Kinzhal missiles overnight.\n\n"
            "Ukraine listed what it had shot down: six Kinzhal missiles, nine Kalibr cruise missiles and six "
            "Shahed drones.")
    event = only(extract(text, published="2023-05-16"), "strike")
    assert sorted((q.kind, q.value, q.item) for q in event.quantities) == [
        ("intercepted", 6, "drone"), ("intercepted", 6, "missile"), ("intercepted", 9, "missile")]


def test_a_title_before_the_name_gives_the_officials_state(extract):
    text = ("In a briefing on Sunday, Chairman of the Joint Chiefs of Staff Gen. Ann Ross said the missile strikes "
            "hit three sites in Iran.")
    event = only(extract(text, published="2024-06-10"), "strike")
    assert (event.claimant.name, event.claimant.country, event.target.country) == ("Gen. Ann Ross", "US", "IR")


def test_each_event_of_a_sentence_keeps_the_claim_it_hangs_from(extract):
    text = ("Fierce fighting raged in the Donetsk region on Monday, where the Russian military says its troops have "
            "taken control of the town of Soledar.")
    result = extract(text, published="2024-11-12")
    assert only(result, "territory").claimant.name == "Russian military"


def test_a_camp_for_displaced_people_is_no_evacuation(extract):
    text = "The RSF shelled the Abu Shouk camp for displaced people in El Fasher on Wednesday."
    assert kinds_of(extract(text, published="2024-06-10")) == {"strike"}
    fled = extract("Thousands of residents fled El Fasher on Wednesday as RSF shelling intensified.",
                   published="2024-06-10")
    assert "disruption" in kinds_of(fled)


def test_numbers_over_different_regions_are_events_of_their_own(extract):
    text = "Forty drones were destroyed over the Saratov region and 12 over the Rostov region, the ministry said."
    events = extract(text, published="2024-11-12").events
    assert sorted((e.location.admin1, kinds(e)[0][1]) for e in events) == [
        ("Rostov Oblast", 12), ("Saratov Oblast", 40)]
    one = extract("Russia launched 50 drones and 10 missiles at the Kyiv region overnight.", published="2024-11-12")
    assert len(one.events) == 1
    territory = extract("Air defences destroyed 17 drones: eight over the territory of the Bryansk region and nine "
                        "over the territory of the Kursk region, the ministry said.", published="2024-11-12")
    assert sorted((e.location.admin1 or e.location.name, kinds(e)) for e in territory.events) == [
        ("Bryansk Oblast", [("intercepted", 8)]), ("Kursk Oblast", [("intercepted", 9)]),
        ("Russia", [("intercepted", 17)])]  # the total is an event of its own (ANNOTATION rule 17)


def test_a_total_over_several_regions_and_a_regions_share_are_two_events(extract):
    text = ("Russia's defence ministry said air defences downed 53 drones over Russia overnight, "
            "including 44 over the Rostov region.")
    events = extract(text, published="2024-11-12").events
    assert sorted((e.location.name, kinds(e)) for e in events) == [
        ("Rostov region", [("intercepted", 44)]), ("Russia", [("intercepted", 53)])]
    text = "Air defences downed 31 drones over four regions, including 20 over the Kursk region, the ministry said."
    events = extract(text, published="2024-11-12").events
    assert sorted((e.location.precision, kinds(e)) for e in events) == [
        ("admin1", [("intercepted", 20)]), ("country", [("intercepted", 31)])]


def test_a_speaker_whose_air_defences_downed_drones_was_attacked(extract):
    text = "Russia's defence ministry said its air defences downed 40 drones over the Saratov region overnight."
    event = only(extract(text, published="2024-11-12"), "strike")
    assert (event.actor.country, event.target.country) == ("UA", "RU")


def test_drones_over_several_provinces_are_over_the_country(extract):
    text = ("Belgorod, Russia. The defence ministry said on Sunday that air defences destroyed 34 Ukrainian "
            "drones over several Russian provinces overnight.")
    event = only(extract(text, published="2024-11-12"), "strike")
    assert (event.location.country, event.location.precision) == ("RU", "country")


def test_fighters_massing_in_areas_bordering_a_country_are_on_this_side(extract):
    text = ("The RSF holds Nyala in South Darfur. "
            "Witnesses said RSF fighters were mobilising in areas bordering the Central African Republic on Monday.")
    event = only(extract(text, published="2024-08-30"), "deployment")
    assert event.location.country == "SD"


@pytest.mark.parametrize("text", [
    "The Domodedovo and Vnukovo airports serving the Russian capital were temporarily closed on Sunday during "
    "the drone attack.",
    "Vnukovo airport was briefly closed to traffic on Sunday and flights were rerouted after the drone attack.",
    "Rosaviatsia imposed temporary flight restrictions at a dozen airports on Tuesday as drones approached Moscow.",
])
def test_airport_closures_and_flight_restrictions(extract, text):
    assert only(extract(text, published="2024-11-12"), "disruption").subtype == "air_traffic"


def test_blasts_a_few_lines_after_a_strike_are_the_strike(extract):
    text = ("Ukrainian drones attacked an oil refinery in the Ryazan region overnight, the General Staff said. "
            "The refinery is one of Russia's largest. It supplies fuel to the army. "
            "Five explosions were recorded near the refinery.")
    assert kinds_of(extract(text, published="2024-11-12")) == {"strike"}


def test_an_attack_told_by_its_toll_is_violence_unless_drones_were_told(extract):
    alone = only(extract("The attack on a bank in Kunduz killed eight people on Wednesday, the Taliban said. "
                         "Islamic State has claimed several such attacks this year.", published="2024-11-12"),
                 "violence")
    assert alone.rules == ["violence.other.deadly_attack"]
    text = ("Drones hummed over the town of Bahir Dar on Tuesday before they destroyed a clinic. "
            "Residents said the attack killed nine people.")
    assert kinds_of(extract(text, published="2024-11-12")) == {"strike"}
    terror = ("A drone strike hit the town of Bahir Dar on Monday. "
              "A terrorist attack that killed 12 people shook the town on Tuesday.")
    assert "violence" in kinds_of(extract(terror, published="2024-11-12"))


def test_a_days_toll_of_many_attacks_is_losses_by_the_attacker(extract):
    toll = only(extract("Russian attacks across the Kharkiv region killed four people and injured 11 over the "
                        "past day, the governor said.", published="2024-11-12"), "losses")
    assert toll.rules == ["strike.alone.state_attacks_harmed as losses.tally_of_many"]
    assert (toll.actor.country, toll.target.country) == ("RU", "UA")
    one_night = extract("Russian drones killed two people in Kharkiv overnight, the governor said.",
                        published="2024-11-12")
    assert kinds_of(one_night) == {"strike"}


def test_a_place_inside_a_groups_name_is_not_where_it_struck(extract):
    event = only(extract("The Islamic Resistance in Lebanon said it targeted Israeli positions in the settlement "
                         "of al-Manara with rockets on Sunday.", published="2024-11-12"), "strike")
    assert event.location.country == "IL"


def test_a_side_that_orders_an_evacuation_is_its_actor(extract):
    ordered = only(extract("The Israeli military ordered residents of 20 villages in southern Lebanon to leave "
                           "on Monday.", published="2024-11-12"), "disruption")
    assert ordered.actor.country == "IL"
    closed = only(extract("Russia closed Kazan airport for three hours on Monday as drones approached.",
                          published="2024-11-12"), "disruption")
    assert closed.actor is None


@pytest.mark.parametrize("text,kind,actor", [
    ("Syrian rebels captured the town of Saraqeb on Friday, a war monitor said.", "territory", "Syrian rebels"),
    ("Israeli settlers attacked a Palestinian village near Nablus on Thursday, setting fire to homes.", "violence",
     "Israeli settlers"),
])
def test_a_states_adjective_before_irregulars_names_them_not_the_state(extract, text, kind, actor):
    event = only(extract(text, published="2024-11-12"), kind)
    assert (event.actor.name, event.actor.country) == (actor, None)


def test_a_group_that_says_it_struck_is_the_attacker(extract):
    event = only(extract("Yemen's Houthi group said on Tuesday it targeted an Israeli ship in the Red Sea "
                         "with missiles.", published="2024-11-12"), "strike")
    assert event.actor.name == "Houthis"


def test_the_state_backing_a_militia_is_not_its_side(extract):
    event = only(extract("Iran-backed militias launched three drones at a base near Erbil on Tuesday, "
                         "Kurdish officials said.", published="2024-11-12"), "strike")
    assert event.actor is None or event.actor.country != "IR"
    assert event.location.country == "IQ"


def test_bombs_in_an_assault_on_a_base_are_the_assault(extract):
    text = "Al-Shabaab fighters attacked a military base near Mogadishu with two car bombs on Sunday."
    assert kinds_of(extract(text, published="2024-11-12")) == {"clash"}


def test_the_group_that_claimed_responsibility_is_the_bomber(extract):
    text = ("A car bomb exploded on a busy street in Mogadishu on Saturday, killing three people.\n\n"
            "Al-Shabaab, linked to al-Qaeda, has claimed responsibility for the attack.")
    bombing, owned = of_type(extract(text, published="2024-09-28"), "violence")
    assert (bombing.actor.name, owned.actor.name, owned.claimant.name) == ("al-Shabaab",) * 3
    denied = ("Bombs exploded on three trains in Madrid on Thursday, killing 190 people.\n\n"
              "ETA denied any involvement.")
    bombing, denial = of_type(extract(denied, published="2004-03-12"), "violence")
    assert (bombing.status, bombing.actor) == ("asserted", None)
    assert (denial.status, denial.claimant.name) == ("denied", "ETA")  # ANNOTATION rule 25


def test_a_count_two_sentences_on_joins_its_event(extract):
    text = ("Young fighters from Baram have been mobilised to fight alongside the RSF in El Fasher. "
            "They travelled last Saturday to join the front. "
            "The force was estimated at more than 750 fighters and 150 vehicles.")
    event = only(extract(text, published="2023-08-30"), "deployment")
    assert kinds(event) == [("other", 150), ("troops", 750)]


@pytest.mark.parametrize("text", [
    "Drones hit Belgorod and the surrounding villages on Monday, the governor said.",
    "Russia is gaining ground amid a heavy offensive, the minister said on Monday.",
    "The brigade is one of the National Guard's offensive units and was moved to Pokrovsk on Monday.",
])
def test_words_that_only_look_like_a_battle(extract, text):
    assert "clash" not in kinds_of(extract(text, published="2024-11-12"))


def test_an_assault_told_beside_a_strike(extract):
    iran = "The Iranian assault came hours after US jets carried out strikes on three sites in Iran."
    assert "clash" not in kinds_of(extract(iran, published="2025-06-22"))
    rsf = ("The RSF killed 75 people in a drone strike on a mosque on Friday as they pressed their assault on "
           "El Fasher.")
    assert {"strike", "clash"} <= kinds_of(extract(rsf, published="2025-09-20"))


@pytest.mark.parametrize("text,place", [
    ("A drone attack on the south of the Black Sea peninsula of Crimea damaged a landing ship on Wednesday.",
     "Crimea"),
    ("Ukraine is reinforcing forces in the Kursk region and reducing them in Pokrovsk, the analyst said on Monday.",
     "Kursk region"),
    ("The RSF pressed their assault on the Darfur city of El-Fasher on Friday.", "El-Fasher"),
])
def test_the_place_the_verb_takes(extract, text, place):
    assert extract(text, published="2024-11-12").events[0].location.name == place


def test_a_claim_confirmed_by_someone_is_theirs(extract):
    text = ("A drone crashed into a residential building in Voronezh on Friday, injuring three people. "
            "The drone attack was confirmed by the governor of the region, Alexander Gusev.")
    event = only(extract(text, published="2023-06-09"), "strike")
    assert event.claimant.name.startswith(("governor", "Alexander Gusev")) and event.claimant.country == "RU"


def test_troops_in_another_state_are_foreign_troops_on_its_border_not(extract):
    text = "Several thousand North Korean soldiers have arrived in Russia's western Kursk region, Ukraine said on Monday."
    assert only(extract(text, published="2024-10-28"), "deployment").subtype == "foreign_troops"
    border = "Russia has deployed 90,000 troops to Ukraine's border, officials said on Monday."
    assert only(extract(border, published="2024-10-28"), "deployment").subtype == "other"


def test_an_outage_told_without_a_place_of_its_own_is_placed_where_the_article_is(extract):
    text = ("Russian drones struck Odesa overnight, the governor said.\n"
            "Several districts were left without electricity, he added.\n")
    outage = only(extract(text, published="2025-06-01"), "disruption")
    assert (outage.subtype, outage.location.name) == ("power", "Odesa")
    alone = "Several districts were left without electricity, he added."
    assert of_type(extract(alone, published="2025-06-01"), "disruption") == []


def test_where_a_weapon_came_from_is_not_where_it_struck(extract):
    crossed = ("The army said 20 rockets had crossed into Israeli territory from Lebanon on Sunday, "
               "and that it had intercepted most of them.")
    event = only(extract(crossed, published="2025-06-01"), "strike")
    assert (event.location.country, event.actor.country) == ("IL", "LB")
    launched = "Ukraine's air force said it shot down 40 Russia-launched drones overnight."
    event = only(extract(launched, published="2025-06-01"), "strike")
    assert (event.location.country, event.actor.country) == ("UA", "RU")


def test_states_named_together_as_the_ones_who_act_are_not_the_place(extract):
    event = only(extract("Britain and the US took part in strikes on Yemen on Saturday, officials said.",
                         published="2025-06-01"), "strike")
    assert event.location.country == "YE"


def test_the_country_that_made_a_weapon_neither_fired_it_nor_was_struck(extract):
    event = only(extract("Ukraine's air force said it shot down 30 Iranian-made Shahed drones over the Odesa "
                         "region overnight.", published="2025-06-01"), "strike")
    assert event.location.country == "UA" and (event.actor is None or event.actor.country != "IR")


def test_where_people_come_from_is_not_where_they_were_hit(extract):
    text = ("Twenty people were wounded this month in the north, including 18 peacekeepers from Chad, "
            "in a rocket attack on a base used by UN forces.")
    event = only(extract(text, published="2025-06-01"), "strike")
    assert event.location is None or event.location.country != "TD"


def test_what_was_reported_is_not_who_reported_it(extract):
    reported = only(extract("Explosions were reported in Lviv overnight as Russian drones struck the city's power "
                            "plant.", published="2025-06-01"), "strike")
    assert reported.claimant is None
    quoted = only(extract("Governor Vyacheslav Gladkov was quoted as saying that Ukrainian drones struck Belgorod "
                          "overnight.", published="2025-06-01"), "strike")
    assert quoted.claimant.name == "Governor Vyacheslav Gladkov"


def test_a_claimant_named_again_by_surname_is_the_one_named_in_full(extract):
    text = ("Russian drones struck Kharkiv overnight, Mayor Ihor Terekhov said on Telegram.\n"
            "Terekhov said a drone also hit a school in the Kyivskyi district on Sunday.\n")
    claimants = {(e.claimant.name, e.claimant.country) for e in extract(text, published="2025-06-01").events}
    assert claimants == {("Mayor Ihor Terekhov", "UA")}


def test_a_body_named_bare_speaks_for_the_state_named_with_it_before(extract):
    # the full name comes in a sentence that tells no event, the bare one beside another country's town
    text = ("Nine Ukrainian soldiers gave themselves up this week, the Russian Defence Ministry said on "
            "Friday.\nUkraine lost 640 troops near the town of Kupiansk over the week, the defence ministry said.\n")
    losses = only(extract(text, published="2025-06-01"), "losses")
    assert (losses.claimant.name, losses.claimant.country) == ("defence ministry", "RU")


def test_a_shooting_in_a_story_of_crime_is_no_violence(extract):
    # ANNOTATION rule 31: ordinary crime; the same shooting where gunmen raid villages is violence
    crime = ("Police said a man was killed in a shooting outside a pub in Leeds on Saturday night.\n"
             "A woman was stabbed while jogging in a park nearby on Sunday, officers said.\n")
    assert extract(crime, published="2025-06-01").events == []
    raid = ("Armed bandits raided three villages in Zamfara state on Saturday night.\n"
            "A farmer was shot dead outside his home in Maru on Saturday, residents said.\n")
    assert of_type(extract(raid, published="2025-06-01"), "violence")


def test_a_fire_or_a_closed_road_in_a_town_without_war_is_no_disruption(extract):
    text = ("Police said a fire destroyed the roof of a house on Main Street on Tuesday.\n"
            "The blaze displaced the tenants, and 300 homes were left without power.\n")
    assert extract(text, published="2025-06-01").events == []


def test_a_claim_owned_by_a_party_is_that_partys(extract):
    event = only(extract("Ukraine on Monday rejected Moscow's claim that its forces had captured the village of "
                         "Tabaivka in the Kharkiv region.", published="2025-06-01"), "territory")
    assert (event.claimant.name, event.claimant.country) == ("Moscow", "RU")


def test_a_town_that_stands_for_no_state_is_where_it_happened(extract):
    text = ("The battle for Soledar has been long and bloody, and its fall to Moscow's forces was confirmed "
            "on Friday, Ukraine's military said.")
    clash = only(extract(text, published="2023-01-15"), "clash")
    assert (clash.location.name, clash.location.admin1) == ("Soledar", "Donetsk Oblast")


@pytest.mark.parametrize("text,etype,place", [
    # where it came from, whose it was: neither is where it happened
    ("Two missile attacks from Iran against Israel on April 13 preceded the deployment.", "strike", "Israel"),
    ("One of Cairo's diplomats had been wounded by gunfire during fighting in the Sudanese capital, "
     "the ministry said on Monday.", "violence", "Khartoum"),
])
def test_where_it_came_from_and_whose_it_was_are_not_where_it_happened(extract, text, etype, place):
    assert only(extract(text, published="2024-11-12"), etype).location.name == place


@pytest.mark.parametrize("text", [
    "A Houthi spokesman said on Wednesday they had fired missiles at the American ship.",
    "A Liberian-flagged tanker was struck by a Houthi missile on Monday.",
    "The tanker, which is flagged in Malta, was struck by a Houthi missile on Monday.",
])
def test_a_ships_flag_or_owner_is_neither_where_nor_who(extract, text):
    # a ship sails far from the country whose flag it flies, and that country fired nothing
    strike = only(extract(text, published="2024-11-12"), "strike")
    assert strike.actor.name == "Houthis" and strike.location is None


@pytest.mark.parametrize("text,place", [
    ("Moscow, Sept 27, (dpa) – Azerbaijani forces shelled the outskirts of Stepanakert on Wednesday.", "Stepanakert"),
    ("Moscow, Sept 27, (dpa) – More than 42,000 people have fled Nagorno-Karabakh since Azerbaijani forces "
     "took control of the region.", "Nagorno-Karabakh"),
    ("Moscow, Sept 27, (dpa) – Russian air defences shot down 12 Ukrainian drones over the Belgorod region "
     "overnight.", "Belgorod region"),
    ("KYIV: Russian drones hit an energy site in the Sumy region overnight, the governor said.", "Sumy region"),
])
def test_the_place_a_report_was_filed_from_is_not_where_it_happened(extract, text, place):
    assert extract(text, published="2023-09-27").events[0].location.name == place


def test_a_country_naming_whose_troops_they_are_is_not_where_it_happened(extract):
    text = "Islamic State fighters killed four US special troops in an ambush, the army said on Monday."
    clash = only(extract(text, published="2024-11-12"), "clash")
    assert clash.location is None or clash.location.country != "US"


@pytest.mark.parametrize("text,country,actor", [
    ("Health officials said 12 civilians were killed in US-UK airstrikes on Hodeidah province overnight.",
     "YE", "United States"),
    ("Ten fishermen were killed on Tuesday in a village near Algeria when drones struck a market in Tinzaouatene, "
     "officials in Mali said.", "ML", None),
])
def test_a_country_before_its_airstrikes_or_as_a_bearing_is_not_where_it_happened(extract, text, country, actor):
    strike = only(extract(text, published="2024-02-10"), "strike")
    assert strike.location.country == country
    assert actor is None or strike.actor.name == actor


@pytest.mark.parametrize("text,country,not_the_actor", [
    # where a truce holds
    ("Israel's army said on Friday it had shot down a drone launched from Yemen, where rebels have "
     "escalated their attacks since a truce in Lebanon.", "IL", "LB"),
    # where the drone came from
    ("A drone that originated in Yemen struck a building on Monday, Israel's military said.", "IL", "IL"),
    # a neighbouring country as a bearing
    ("Mali's army said drones struck a market in Tinzaouatene, a town bordering Algeria, on Tuesday.", "ML", "DZ"),
])
def test_a_country_named_for_another_reason_is_neither_the_scene_nor_a_side(extract, text, country, not_the_actor):
    strike = only(extract(text, published="2024-02-10"), "strike")
    assert strike.location.country == country
    assert strike.actor is None or strike.actor.country != not_the_actor


def test_a_minister_who_hit_out_at_a_president_struck_nothing(extract):
    text = "Ukraine's foreign minister hit out at Russia's president on Monday, calling him a terrorist who talks with missiles."
    assert extract(text, published="2024-02-10").events == []


@pytest.mark.parametrize("text,name,country", [
    # every state is a party, not only the ones actors.yaml keeps by hand (data/states.csv)
    ("The Brazilian army said on Wednesday it sent 300 soldiers to the town of Pacaraima.", "Brazilian army", "BR"),
    ("Colombian troops killed six ELN guerrillas in Arauca on Sunday, the army said.", "Colombia", "CO"),
])
def test_a_state_outside_the_hand_kept_list_is_a_party(extract, text, name, country):
    event = extract(text, published="2024-02-10").events[0]
    party = event.claimant if event.type == "deployment" else event.actor
    assert (party.name, party.country) == (name, country)


def test_troops_who_killed_are_the_actor_not_the_victims(extract):
    text = "Russian troops killed six Ukrainian soldiers near Pokrovsk on Sunday, the ministry said."
    clash = only(extract(text, published="2024-02-10"), "clash")
    assert (clash.actor.country, clash.target.country) == ("RU", "UA")


def test_the_bombing_told_after_an_air_strike_is_that_strike(extract):
    text = ("Israeli aircraft struck tents in Rafah on Sunday, the health ministry said. "
            "Gaza civil defence said it transported 50 people, including dead and injured, after the bombing.")
    assert kinds_of(extract(text, published="2024-05-27")) == {"strike"}


def test_the_other_side_is_the_rival_the_article_names_most(extract):
    text = ("Iran fired 180 ballistic missiles at Israel on Tuesday, the Israeli military said. "
            "Iran said the attack avenged the killing of Hamas and Hezbollah leaders. "
            "Iran warned of more. A missile hit a school in Gedera, injuring two people, police said.")
    gedera = next(e for e in extract(text, published="2024-10-02").events if e.location.name == "Gedera")
    assert gedera.actor.country == "IR"


def test_a_barrage_over_a_country_keeps_its_place_and_a_city_hit_is_its_own_event(extract):
    text = ("Iran fired 180 ballistic missiles at Israel on Tuesday, the Israeli military said. "
            "Explosions were heard over Jerusalem, the military said.")
    places = sorted(e.location.name for e in extract(text, published="2024-10-02").events if e.type == "strike")
    assert places == ["Israel", "Jerusalem"]


def test_a_speaker_that_says_it_sent_reinforcements_sent_them(extract):
    text = "Sudan's army said it had sent reinforcements to El Obeid on Saturday."
    assert only(extract(text, published="2024-11-12"), "deployment").actor.country == "SD"


def test_a_rank_written_with_a_full_stop_does_not_end_the_sentence(extract):
    text = "Indian troops killed two militants in Kupwara on Monday, army spokesman Col. Ravi Mehta said."
    event = extract(text, published="2024-11-12").events[0]
    assert event.claimant.name.endswith("Col. Ravi Mehta") and event.claimant.country == "IN"
    assert [s.text for s in split_sentences("Lt. Gen. Omar Khan said. Brig. Ali left.")] == [
        "Lt. Gen. Omar Khan said.", "Brig. Ali left."]


def test_according_to_a_statement_names_who_made_it(extract):
    text = "RSF drones struck the airport in Kassala on Sunday, according to a statement from the Sudanese army."
    assert only(extract(text, published="2024-11-12"), "strike").claimant.name == "Sudanese army"


def test_the_middle_east_is_a_region_of_no_country(extract):
    event = only(extract("The Pentagon said 900 troops had deployed to the Middle East on Thursday.",
                         published="2024-11-12"), "deployment")
    assert (event.location.name, event.location.country, event.location.precision) == ("Middle East", None, "region")
    text = ("Hezbollah fired rockets at Israel on Monday, widening the war in the Middle East. "
            "An Israeli strike on Nabatieh killed three people, the health ministry said. "
            "Two more people were killed later in a second strike, the ministry said.")
    assert {e.location.country for e in extract(text, published="2024-11-12").events} <= {"IL", "LB"}


def test_a_groups_home_is_not_the_target_of_what_it_launches(extract):
    text = "The Houthis in Yemen launched two ballistic missiles at Israel on Sunday, the Israeli military said."
    strike = only(extract(text, published="2024-11-12"), "strike")
    assert (strike.actor.name, strike.target.country, strike.location.country) == ("Houthis", "IL", "IL")


def test_an_assault_told_with_the_capture_it_won_is_an_event_of_its_own(extract):
    text = "Rebel fighters attacked and captured an army outpost near Kawlin in Sagaing region on Friday, residents said."
    assert kinds_of(extract(text, published="2024-11-12")) == {"clash", "territory"}
    text = "Russian forces captured the village of Vodiane after three days of heavy fighting, the ministry said."
    assert kinds_of(extract(text, published="2024-11-12")) == {"clash", "territory"}
    assert kinds_of(extract("Russian forces captured the village of Vodiane, the ministry said.",
                            published="2024-11-12")) == {"territory"}


def test_soldiers_killed_in_an_attack_are_its_toll_where_the_war_is(extract):
    text = ("Islamist al-Shabaab militants killed 12 Somali soldiers and briefly captured a military base "
            "south-west of the capital, officials said. Somalia has fought the group for years.")
    clash = only(extract(text, published="2024-11-12"), "clash")
    assert (kinds(clash), clash.location.country) == ([("killed", 12)], "SO")


def test_each_country_of_a_list_that_closed_or_received_is_an_event(extract):
    text = "Jordan, Iraq and Lebanon closed their airspace on Tuesday evening as missiles flew overhead."
    assert sorted(e.location.country for e in extract(text, published="2024-11-12").events) == ["IQ", "JO", "LB"]
    text = "The US sent fighter jets to Poland, Estonia and Lithuania on Monday, the Pentagon said."
    assert sorted(e.location.country for e in extract(text, published="2024-11-12").events
                  if e.type == "deployment") == ["EE", "LT", "PL"]
    text = "Leaders of Armenia, Azerbaijan and Russia agreed that Russian peacekeepers would deploy on Monday."
    assert len([e for e in extract(text, published="2024-11-12").events if e.type == "deployment"]) <= 1


def test_deaths_summed_over_a_bombardment_are_a_toll_where_they_fell(extract):
    text = ("Health authorities in Gaza said at least 3,000 people had been killed in Israel's 11-day "
            "bombardment. Israel's attacks killed at least 47 Palestinians within 24 hours, the ministry said.")
    tolls = of_type(extract(text, published="2023-10-18"), "losses")
    assert [(e.location.country, kinds(e)[0]) for e in tolls] == [("PS", ("killed", 3000)), ("PS", ("killed", 47))]
    assert tolls[1].claimant.country == "PS"  # the ministry counting the Palestinians killed is Gaza's


def test_troops_massed_at_a_border_with_a_country_stand_on_their_own_side(extract):
    text = ("Russia has deployed about 100,000 troops near the border with Ukraine as it presses NATO "
            "not to make Ukraine part of the 30-strong military alliance.")
    event = only(extract(text, published="2022-02-03"), "deployment")
    assert (event.location.country, kinds(event)) == ("RU", [("troops", 100000)])
    text = "Afghan forces captured two Pakistani border posts in Kurram overnight, Afghan officials said."
    assert kinds(only(extract(text, published="2024-12-28"), "territory")) == [("other", 2)]


@pytest.mark.parametrize("text,country,subtype", [
    ("The Israeli army has massed 100,000 troops near the Gaza border, a spokesman said.", "IL", "other"),
    ("Ukrainian officials say more than 90,000 Russian troops have been deployed along its border.", "RU", "other"),
    ("Venezuela has decided to deploy more than 5,000 soldiers on its eastern Caribbean coast amid the dispute "
     "with Guyana.", "VE", "other"),
])
def test_troops_sent_to_a_named_border_or_their_own_coast_stand_on_their_own_ground(extract, text, country, subtype):
    event = only(extract(text, published="2023-12-28"), "deployment")
    assert (event.location.country, event.subtype) == (country, subtype)


def test_a_military_that_says_in_a_statement_it_struck_is_the_attacker(extract):
    text = "Israel's military said in a statement that it struck militants operating from a school in Deir al-Balah."
    assert only(extract(text, published="2024-11-12"), "strike").actor.country == "IL"


def test_a_killing_told_in_the_passive_names_its_killers_and_its_source(extract):
    text = ("A man was stabbed to death by Israeli settlers in the West Bank village of Sinjil, "
            "the Palestinian health ministry said on Saturday.")
    event = only(extract(text, published="2024-11-12"), "violence")
    assert (event.actor.name, event.claimant.name, event.claimant.country) == (
        "Israeli settlers", "Palestinian health ministry", "PS")


def test_a_resident_speaks_from_where_it_happened(extract):
    text = ("Jihadists attacked the town on Sunday. In one district people were executed in front of their homes, "
            "one resident of Djibo told AFP. The army of Burkina Faso said it had sent reinforcements from Niger.")
    violence = only(extract(text, published="2024-11-12"), "violence")
    assert violence.location.name == "Djibo"


def test_a_barrage_told_with_no_place_is_over_the_country_not_the_town_before_it(extract):
    text = ("Two people were killed in Mykolaiv on Sunday, the governor said. "
            "According to the president, Russia used 120 missiles and 90 drones in the attack.")
    assert [e.location.name for e in extract(text, published="2024-11-17").events
            if ("launched", 120) in kinds(e)] == ["Ukraine"]


def test_a_group_that_claims_to_have_killed_soldiers_is_the_attacker(extract):
    text = "JNIM claims to have killed 50 Russians and 10 Malian soldiers near Tinzaouaten in Mali on Saturday."
    clash = only(extract(text, published="2024-07-29"), "clash")
    assert (clash.actor.name, sorted(kinds(clash))) == ("Jama'at Nusrat al-Islam wal-Muslimin (JNIM)",
                                                       [("killed", 10), ("killed", 50)])


def test_a_side_counted_among_the_dead_is_the_target(extract):
    text = "Gunmen ambushed an army patrol near Tera on Tuesday, killing 10 Nigerien soldiers, officials said."
    clash = only(extract(text, published="2024-02-10"), "clash")
    assert (clash.actor.name, clash.target.country) == ("gunmen", "NE")
    text = "A Ukrainian patrol came under heavy attack near Robotyne on Monday, the brigade said."
    clash = only(extract(text, published="2024-02-10"), "clash")
    assert (clash.actor.country, clash.target.country) == ("RU", "UA")


def test_an_attacker_named_after_by_is_the_actor_and_no_side_fights_itself(extract):
    violence = only(extract("Nine villagers were killed in an attack by gunmen in Zamfara state on Sunday.",
                            published="2024-02-10"), "violence")
    assert violence.actor.name == "gunmen"
    clash = only(extract("Militants from a group linked to al-Qaeda killed at least ten soldiers during an attack "
                         "in western Niger on Thursday, security sources said.", published="2024-02-10"), "clash")
    assert clash.actor.name == "al-Qaeda" and (clash.target is None or clash.target.name != "al-Qaeda")


def test_a_toll_from_a_sides_strikes_is_suffered_by_the_other(extract):
    text = "The death toll in Lebanon from Israeli strikes since March 2 has risen to 1,350, the health ministry said."
    losses = only(extract(text, published="2024-11-12"), "losses")
    assert (losses.actor.country, losses.target.country) == ("IL", "LB")


def test_forces_fighting_at_a_place_is_a_clash_and_a_side_fighting_a_government_no_event(extract):
    clash = only(extract("The brigade said its units are fighting in Chasiv Yar.", published="2024-11-12"), "clash")
    assert clash.location.name == "Chasiv Yar"
    assert extract("The group is fighting the government in a bid to take power.", published="2024-11-12").events == []


def test_the_doer_told_after_the_deed_is_the_actor(extract):
    text = "At least 30 civilians were killed in an attack by the paramilitary Rapid Support Forces on El Fasher on Sunday."
    violence = only(extract(text, published="2024-11-12"), "violence")
    assert violence.actor.name == "Rapid Support Forces"


def test_troops_withdrawn_from_a_town_are_no_foreign_troops_leaving(extract):
    result = extract("Russian troops have withdrawn from the town of Kupiansk, the general staff said on Friday.",
                     published="2024-11-12")
    assert of_type(result, "territory") and not of_type(result, "deployment")


def test_a_paragraphs_closing_attribution_covers_its_count_told_before(extract):
    text = ("The death toll in the south has risen to 2,574 since the war began. "
            "More figures came on Monday, the Lebanese health ministry said.")
    losses = only(extract(text, published="2024-11-12"), "losses")
    assert losses.claimant is not None and losses.claimant.country == "LB"


def test_the_city_without_its_name_is_the_town_the_passage_named(extract):
    text = ("Russian forces have surrounded Mariupol, the mayor said on Friday. "
            "Fierce battles were going on in the besieged port city, he added.")
    clashes = of_type(extract(text, published="2022-03-04"), "clash")
    assert any(e.location and e.location.name == "Mariupol" and "besieged port city" in e.evidence[0].text
               for e in clashes), [e.to_dict() for e in clashes]


def test_the_region_without_its_name_is_the_region_the_passage_named(extract):
    text = ("The governor of the Belgorod region said on Monday that drones had hit a substation. "
            "Later that day, fighting broke out at several villages in the border region, he said.")
    clashes = of_type(extract(text, published="2024-05-13"), "clash")
    assert clashes and clashes[0].location.admin1 == "Belgorod Oblast", [e.to_dict() for e in clashes]


def test_fire_from_a_country_came_from_it_and_a_sides_target_was_struck(extract):
    text = "An Israeli target in the Western Galilee was hit with direct fire from Lebanon on Monday, a correspondent said."
    strike = only(extract(text, published="2024-07-30"), "strike")
    assert (strike.location.country, strike.target.country) == ("IL", "IL")


def test_the_place_of_a_war_that_began_is_no_place_of_the_event(extract):
    text = "Since the war in Gaza began, the Houthis in Yemen have launched 83 ballistic missiles at Israel."
    strike = only(extract(text, published="2024-02-10"), "strike")
    assert strike.location.country == "IL"


def test_soldiers_killed_in_clashes_with_fighters_were_attacked_by_them(extract):
    clash = only(extract("Eight Israeli soldiers were killed in clashes with Hezbollah fighters in southern Lebanon on "
                         "Wednesday.", published="2024-10-03"), "clash")
    assert clash.actor.name == "Hezbollah"


def test_regime_forces_are_the_state_whose_ground_it_is(extract):
    territory = only(extract("Regime forces captured the village of Kafr Nabuda in Syria's Hama province on Thursday.",
                             published="2019-05-10"), "territory")
    assert territory.actor.country == "SY"


def test_a_toll_in_one_raid_is_the_raids_and_its_victim_is_no_attacker(extract):
    text = ("Israeli forces killed another Palestinian in the West Bank on Friday, taking the death toll in a "
            "nearly two-day-long military raid in Jenin to 12.")
    clash = only(extract(text, published="2024-01-20"), "clash")
    assert clash.actor.country == "IL"


def test_a_sabotage_and_reconnaissance_group_is_a_raiding_party_not_sabotage(extract):
    result = extract("Ukrainian border guards last night stopped a Russian sabotage and reconnaissance group that was "
                     "trying to infiltrate the Sumy region.", published="2024-06-05")
    assert not of_type(result, "violence")


def test_a_tally_of_people_and_equipment_is_two_losses_events(extract):
    text = ("Russia has lost 520,000 personnel, 8,900 tanks, 1,147 artillery units and 15 ships since the "
            "invasion began, the General Staff said on Monday.")
    losses = of_type(extract(text, published="2024-11-12"), "losses")
    assert sorted((e.subtype, len(e.quantities)) for e in losses) == [("equipment", 3), ("personnel", 1)]
    towns = of_type(extract("Four towns have been captured and 48 fighters killed since the offensive began, "
                            "the monitor said.", published="2024-11-12"), "losses")
    assert all(e.subtype == "personnel" for e in towns)


def test_a_toll_in_another_region_a_line_after_a_strike_is_that_regions_strike(extract):
    text = ("Russian drones hit Odesa overnight, killing two people, the governor said. "
            "Four people were killed in Sumy and two were wounded in Kharkiv, officials said.")
    strikes = of_type(extract(text, published="2024-08-10"), "strike")
    assert sorted((e.location.name, [(q.kind, q.value) for q in e.quantities]) for e in strikes) == [
        ("Kharkiv", [("injured", 2)]), ("Odesa", [("killed", 2)]), ("Sumy", [("killed", 4)])]
    assert all(e.actor.country == "RU" for e in strikes)


def test_a_toll_over_a_period_after_a_strike_is_no_strike_of_its_own(extract):
    text = ("Russian drones hit Odesa overnight, killing two people, the governor said. "
            "More than 300 people have been killed in Kharkiv since the end of 2022, officials said.")
    result = extract(text, published="2024-08-10")
    assert [e.location.name for e in of_type(result, "strike")] == ["Odesa"]
    assert [e.location.name for e in of_type(result, "losses")] == ["Kharkiv"]


@pytest.mark.parametrize("text,country", [
    ("Iran's health ministry said on Sunday that Israeli strikes had killed at least 300 people.", "IR"),
    ("Lebanon has endured weeks of Israeli bombardment that has killed more than 2,000 people, "
     "its health ministry says.", "LB"),
])
def test_the_dead_of_many_strikes_are_a_toll_counted_in_the_land_struck(extract, text, country):
    events = extract(text, published="2024-08-10").events
    assert [(e.type, e.location.country, [(q.kind, q.value) for q in e.quantities]) for e in events] == [
        ("losses", country, [("killed", 300 if country == "IR" else 2000)])]


def test_one_nights_strike_that_killed_a_dozen_stays_a_strike(extract):
    text = "Russian strikes on Kyiv have killed at least 12 people, officials said on Tuesday."
    assert [e.type for e in extract(text, published="2024-08-10").events] == ["strike"]


@pytest.mark.parametrize("text,reading", [
    ("Al-Shabaab attacked a military base near Afgoye with two car bombs on Monday, police said.",
     ("clash", "clash.assault.armed_men_attacked")),
    ("Later on Friday, insurgents attacked a camp for displaced families near Mocimboa da Praia, killing three people.",
     ("violence", "clash.assault.armed_men_attacked as violence.against_civilians")),
])
def test_armed_men_who_attack_assault_forces_or_do_violence_to_civilians(extract, text, reading):
    events = extract(text, published="2024-06-02").events
    assert [(e.type, e.rules[0]) for e in events] == [reading]


def test_towns_struck_in_a_list_are_one_strike_each_and_the_numbers_stay_with_the_first(extract):
    text = "Israeli warplanes also struck the southern cities of Khan Younis and Rafah on Monday, killing six people."
    strikes = of_type(extract(text, published="2024-06-04"), "strike")
    assert [(e.location.name, [(q.kind, q.value) for q in e.quantities]) for e in strikes] == [
        ("Khan Younis", [("killed", 6)]), ("Rafah", [])]


@pytest.mark.parametrize("text", [
    "Russian drone and artillery attacks killed five people in the regions of Sumy and Donetsk on Monday.",
    "Explosions were heard in Odesa, Kharkiv and Lutsk on Thursday morning amid a Russian missile attack.",
])
def test_a_list_of_regions_or_of_cities_where_blasts_were_heard_is_one_strike(extract, text):
    assert len(of_type(extract(text, published="2024-06-04"), "strike")) == 1


def test_a_toll_told_again_for_another_group_of_forces_is_another_tally(extract):
    text = ("Russia's defence ministry said on Monday that Ukraine lost up to 230 soldiers facing the Vostok "
            "group and more than 180 soldiers facing the Zapad group over the past day.")
    tolls = of_type(extract(text, published="2024-06-04"), "losses")
    assert [[(q.kind, q.value) for q in e.quantities] for e in tolls] == [[("casualties", 230)], [("casualties", 180)]]


@pytest.mark.parametrize("text,values", [
    ("In Israel, more than 1,400 civilians have died since October 7, and more than 200 soldiers have been "
     "killed.", [1400, 200]),
    ("Between 100 and 200 Ukrainian troops were killed every day in the first months of the war, an adviser "
     "said.", [100, 200]),
    ("The General Staff said on Monday that Russia lost another 1 100 soldiers over the past day.", [1100]),
])
def test_parts_of_a_toll_a_range_or_thousands_set_apart_by_a_space_are_one_tally(extract, text, values):
    tolls = of_type(extract(text, published="2024-06-04"), "losses")
    assert [[q.value for q in e.quantities] for e in tolls] == [values]


def test_towns_taken_in_a_list_are_one_capture_each(extract):
    text = "Rebels seized the towns of Rutshuru and Rubare in North Kivu on Tuesday, the army said."
    captures = of_type(extract(text, published="2024-06-04"), "territory")
    assert [(e.location.name, e.location.country) for e in captures] == [("Rutshuru", "CD"), ("Rubare", "CD")]


def test_a_death_toll_told_after_a_happening_is_that_happenings_toll_as_its_speaker_counts_it(extract):
    text = ("A Russian missile hit an apartment block in Dnipro on Saturday, killing 12 people, officials said. "
            "Rescue workers searched the rubble through the night. "
            "The death toll from the attack has risen to 30, the national emergencies service said on Sunday.")
    events = extract(text, published="2023-01-15").events
    assert [(e.type, e.location.name, e.date.start, [(q.kind, q.value) for q in e.quantities], e.claimant.name)
            for e in events] == [("strike", "Dnipro", "2023-01-14", [("killed", 12)], "officials"),
                                 ("strike", "Dnipro", "2023-01-14", [("killed", 30)], "national emergencies service")]
    assert "strike.toll_of_the_last" in events[1].rules


def test_a_death_toll_over_a_period_stays_a_toll(extract):
    text = ("A Russian missile hit an apartment block in Dnipro on Saturday, killing 12 people, officials said. "
            "The death toll from Russian strikes on the city since the start of the war has risen to 300, "
            "the mayor said.")
    assert [e.type for e in extract(text, published="2023-01-15").events] == ["strike", "losses"]


def test_an_official_named_by_surname_speaks_for_the_state_of_the_office_named_before(extract):
    text = ("Kharkiv Mayor Ihor Terekhov visited a shelter on Tuesday. Terekhov said a Russian drone struck a "
            "high-rise building in the Saltivskyi district of Kharkiv on Wednesday, wounding three people.")
    (strike,) = extract(text, published="2024-10-09").events
    assert (strike.claimant.name, strike.claimant.country) == ("Ihor Terekhov", "UA")
    text = ("Military spokesman Yahya Saree appeared on television on Tuesday. "
            "Saree said Houthi forces fired a missile at a tanker in the Red Sea on Wednesday.")
    (strike,) = extract(text, published="2024-10-09").events
    assert (strike.claimant.name, strike.claimant.country) == ("Saree", None)  # a group's office: no state


def test_a_relative_clause_after_the_source_is_not_part_of_its_name(extract):
    text = ("Around 100 junta troops torched Inn Sa village in Sagaing Township on Friday, according to "
            "Sagaing True News that monitors regime activities.")
    (event,) = extract(text, published="2023-04-22").events
    assert event.claimant.name == "Sagaing True News"


def test_the_islamic_states_west_african_faction_is_not_boko_haram(extract):
    text = ("ISWAP fighters stormed an army base near Damboa in Borno state on Sunday, killing five soldiers, "
            "military sources said.")
    (clash,) = extract(text, published="2024-06-02").events
    assert (clash.actor.name, clash.location.country) == ("ISWAP", "NG")


def test_each_state_that_takes_its_people_out_is_its_own_evacuation(extract):
    text = ("Foreign governments raced to get their citizens out of Sudan on Monday as fighting between the army "
            "and the RSF raged in Khartoum. Britain evacuated all its diplomatic staff and their families from "
            "Sudan. Canada has extracted its diplomats from Sudan.")
    evacuations = of_type(extract(text, published="2023-04-24"), "disruption")
    assert [(e.subtype, e.location.name, e.evidence[0].text.split()[0]) for e in evacuations] == [
        ("evacuation", "Sudan", "Britain"), ("evacuation", "Sudan", "Canada")]


def test_a_strike_by_a_state_on_a_group_named_only_by_the_state_is_where_the_group_fights(extract):
    text = "The US carried out airstrikes against 13 Houthi targets on Friday, CENTCOM said."
    (strike,) = extract(text, published="2024-01-13").events
    assert (strike.actor.name, strike.target.name, strike.location.country) == ("United States", "Houthis", "YE")


def test_a_capital_after_a_headlines_colon_is_its_source_not_its_place(extract):
    text = "Nearly 500 of its troops have been killed in Ukraine: Moscow"
    events = extract(text, published="2022-03-03").events
    assert [(e.type, e.location.name) for e in events] == [("losses", "Ukraine")]


@pytest.mark.parametrize("text,place", [
    ("Ukraine has not commented on the attacks in Kursk, but Kyiv has announced a mandatory evacuation of "
     "6,000 people in the northeastern region of Sumy.", "Sumy"),
    ("Shelling of the Russian city of Belgorod has forced the evacuation of 9,000 children from the region "
     "that borders Ukraine, officials said on Tuesday.", "Belgorod"),
])
def test_an_evacuation_is_where_people_leave_from(extract, text, place):
    (evacuation,) = of_type(extract(text, published="2024-08-08"), "disruption")
    assert evacuation.location.name == place


def test_the_dead_of_a_storm_are_no_toll_of_war(extract):
    text = ("A winter storm swept across the Midwest on Monday. At least six people have been killed in Ohio and "
            "thousands of passengers were stranded at airports, officials said.")
    assert extract(text, published="2024-12-24").events == []


def test_a_country_name_that_ends_a_towns_name_is_not_the_country(extract):
    text = ("Colombian soldiers were attacked with mortars in the small town of Puerto Jordan on Sunday, "
            "the army said.")
    events = extract(text, published="2024-08-10").events
    assert events and all(e.location.country == "CO" for e in events), [e.to_dict() for e in events]
    assert all(e.target is None or e.target.country != "JO" for e in events)


@pytest.mark.parametrize("text,denier", [
    ("Drones struck an ammunition depot in Russia's Kursk region overnight, the governor said. "
     "Kyiv denied any role in the raid.", "UA"),
    ("Drones struck an ammunition depot in Russia's Kursk region overnight, the governor said. "
     "The Ukrainian army dismissed the claims, according to a reporter for a French paper.", "UA"),
])
def test_a_denial_of_the_happening_told_before_is_the_deniers_account_of_it(extract, text, denier):
    strikes = of_type(extract(text, published="2024-08-10"), "strike")
    assert sorted((e.status, e.claimant.country, e.location.admin1) for e in strikes) == [
        ("asserted", "RU", "Kursk Oblast"), ("denied", denier, "Kursk Oblast")]
    assert strikes[1].rules == ["strike.denial_of_the_last"] and not strikes[1].quantities


def test_neither_confirming_nor_denying_and_a_sides_own_story_are_no_denials(extract):
    text = ("Drones struck an ammunition depot in Russia's Kursk region overnight, the governor said. "
            "Kyiv did not confirm or deny its involvement.")
    assert [e.status for e in extract(text, published="2024-08-10").events] == ["asserted"]


def test_a_fight_at_a_place_no_gazetteer_lists_is_still_pinned_down(extract):
    named = "Niger's army said its soldiers fought a group of heavily armed men at Baley Beri, a hamlet in the west."
    assert [e.type for e in extract(named, published="2019-05-16").events] == ["clash"]
    unnamed = "Niger's army said its soldiers fought a group of heavily armed men there."
    assert extract(unnamed, published="2019-05-16").events == []


def test_a_group_that_owns_the_attack_told_before_gives_its_own_account_as_its_doer(extract):
    text = ("Gunmen killed 19 villagers in an attack near Oicha on Sunday, a local official said. "
            "Daesh later claimed responsibility for the attack on its Telegram channel.")
    told, owned = of_type(extract(text, published="2023-04-09"), "violence")
    assert (owned.status, owned.claimant.name, owned.actor.name, owned.location.name) == (
        "asserted", "Islamic State", "Islamic State", "Oicha")
    assert owned.rules == ["violence.claim_of_the_last"] and not owned.quantities
    unowned = ("Gunmen killed 19 villagers in an attack near Oicha on Sunday, a local official said. "
               "No group has claimed responsibility for the attack.")
    assert len(of_type(extract(unowned, published="2023-04-09"), "violence")) == 1


@pytest.mark.parametrize("sentence", [
    "The first advance group from Malawi and South Africa arrived in Goma on 18 December, the mission said.",
    "A 5,000-strong regional force was deployed to Goma last month, officials said.",
])
def test_a_force_told_by_its_size_or_as_an_advance_group_is_deployed_where_it_went(extract, sentence):
    text = "Fighting with M23 rebels continued near Goma. " + sentence
    deployment = only(extract(text, published="2024-02-10"), "deployment")
    assert deployment.location.country == "CD"


def test_bodies_counted_by_another_speaker_are_that_speakers_account_of_the_toll(extract):
    text = ("Gunmen killed 20 villagers near Oicha on Friday, a local official said. "
            "A morgue worker, Jules Banza, said the hospital had received 19 bodies.")
    told, counted = of_type(extract(text, published="2023-04-09"), "violence")
    assert (counted.claimant.name, kinds(counted)) == ("Jules Banza", [("killed", 19)])


def test_a_speaker_named_after_a_toll_with_two_counts_is_the_claimant(extract):
    text = ("At least 40 people were killed and 120 injured in the mosque bombing, Ahmed Rauf, a spokesperson "
            "for the city's main hospital, told CBS News.")
    event = only(extract(text, published="2023-01-31"), "violence")
    assert event.claimant.name == "Ahmed Rauf"


def test_soldiers_who_died_fighting_for_a_side_tell_no_fight(extract):
    text = "Around 600 North Korean soldiers have died fighting for Russia in the Kursk region, the agency said."
    assert not of_type(extract(text, published="2025-04-30"), "clash")


def test_the_islamic_state_in_iraq_and_syria_is_a_group_not_a_place(extract):
    text = ("U.S. forces launched air strikes on Monday against the Islamic State in Iraq and Syria affiliate in "
            "Somalia's Puntland region, the military said.")
    strike = only(extract(text, published="2024-06-02"), "strike")
    assert (strike.location.country, strike.target.name) == ("SO", "Islamic State")


def test_a_named_operation_told_as_carried_out_is_a_strike_with_its_known_sides(extract):
    text = ("Airlines cancelled flights after the precision airstrikes carried out by the Indian Armed Forces under "
            "Operation Sindoor on May 6.")
    strike = only(extract(text, published="2025-05-09"), "strike")
    assert (strike.actor.name, strike.target.name, strike.location.country, strike.rules[0]) == (
        "India", "Pakistan", "PK", "strike.alone.operation_sindoor")
    budget = "India plans a defence budget rise after Operation Sindoor, officials said."
    assert not of_type(extract(budget, published="2025-12-19"), "strike")


def test_homes_left_without_power_belong_to_the_outage_not_the_strike(extract):
    text = "Russian drones hit Kyiv's power grid overnight, and 350,000 homes were left without electricity, the mayor said."
    result = extract(text, published="2024-02-10")
    assert kinds(only(result, "disruption")) == [("other", 350000)] and only(result, "strike").quantities == []


def test_fighters_killed_in_fighting_with_forces_were_fought_by_them(extract):
    text = "More than 23 Houthi rebels were killed in fighting with Yemeni government forces on Sunday, a site said."
    clash = only(extract(text, published="2024-02-05"), "clash")
    assert (clash.actor.name, clash.target.name) == ("Yemen", "Houthis")
    guards = ("Six Iranian border guards were killed in armed clashes with members of a terrorist group in Saravan, "
              "state media said.")
    clash = only(extract(guards, published="2024-02-05"), "clash")
    assert (clash.actor.name, clash.target.name) == ("terrorist group", "Iran")


def test_an_event_is_where_its_numbers_are_told_not_at_a_town_named_after_them(extract):
    text = ("Russian shelling killed one person and wounded eight in the Kherson region, while a woman was hurt in "
            "Zaporizhzhia, officials said.")
    strike = only(extract(text, published="2024-02-10"), "strike")
    assert strike.location.admin1 == "Kherson Oblast"


def test_a_regions_toll_told_town_by_town_is_one_strike_per_town(extract):
    text = ("Russian drones and guided bombs hit the Kharkiv region over the past day, killing two people and "
            "injuring five, governor Oleh Syniehubov said on Monday. According to him, in the village of Pisochyn "
            "three women were injured; in the city of Kupiansk a man was killed; in the village of Vilkhuvatka a "
            "man was killed and two were injured.")
    strikes = of_type(extract(text, published="2024-06-03"), "strike")
    by_place = {e.location.name: e for e in strikes}
    assert {"Pisochyn", "Kupiansk", "Vilkhuvatka"} <= set(by_place)
    assert all(by_place[town].location.admin1 == "Kharkiv Oblast" for town in ("Pisochyn", "Kupiansk", "Vilkhuvatka"))
    # "according to him" is the governor named before
    assert by_place["Kupiansk"].claimant.name.endswith("Syniehubov")
    # a single town told after a region's strike is not split off
    one = ("Russian drones hit the Kharkiv region overnight, the governor said. In Kupiansk, two men were injured.")
    assert len(of_type(extract(one, published="2024-06-03"), "strike")) == 1


def test_a_seat_of_power_or_a_newsroom_is_not_where_it_happened(extract):
    text = "The Moscow-installed mayor of Horlivka, Ivan Prikhodko, said Ukrainian shelling killed two people on Monday."
    strike = only(extract(text, published="2024-06-03"), "strike")
    assert (strike.location.name, strike.claimant.country) == ("Horlivka", "RU")


@pytest.mark.parametrize("text", [
    "US Central Command said the US, alongside British forces, carried out airstrikes against 13 Houthi targets on Saturday.",
    "The minister spoke after Britain and the US took part in joint airstrikes against Houthi sites on Saturday.",
])
def test_strikes_by_states_on_a_group_happen_where_the_group_fights(extract, text):
    strike = only(extract(text, published="2024-06-03"), "strike")
    assert strike.location.country == "YE"


def test_a_toll_from_days_of_airstrikes_is_a_tally_of_many(extract):
    text = ("Lebanese health authorities on Tuesday raised the death toll from two days of Israeli airstrikes "
            "targeting Hezbollah to 558.")
    toll = only(extract(text, published="2024-09-24"), "losses")
    assert [(q.kind, q.value) for q in toll.quantities] == [("killed", 558)]


def test_a_town_no_gazetteer_lists_places_the_event_finer_than_its_country(extract):
    text = "Jihadists killed at least 200 people outside the town of Koudoubaga in Burkina Faso on Saturday, officials said."
    violence = only(extract(text, published="2024-08-26"), "violence")
    assert (violence.location.name, violence.location.country) == ("Koudoubaga", "BF")


def test_the_group_that_speaks_is_the_organisation_named_before(extract):
    text = ("Al-Shabaab fighters stormed an army base near Marka on Sunday. "
            "The group said it had killed more than 20 soldiers and captured the base briefly.")
    clash = only(extract(text, published="2024-06-03"), "clash")
    assert (clash.claimant.name, clash.claimant.country) == ("al-Shabaab", None)


def test_a_force_from_other_states_is_not_where_it_went(extract):
    text = ("A regional force from Malawi and Tanzania was deployed to Goma on Friday to fight the M23 rebels, "
            "the bloc said.")
    deployment = only(extract(text, published="2023-12-16"), "deployment")
    # "a force from Malawi": Malawi is where the force came from, neither the scene nor a side acted on
    assert (deployment.location.country, deployment.target.country) == ("CD", "CD")


def test_a_country_named_after_in_is_where_it_happened_not_who_acted(extract):
    text = "An army base in central Mali has been overrun by jihadists in an early morning attack, officials said."
    clash = only(extract(text, published="2024-06-03"), "clash")
    assert clash.location.country == "ML"


def test_the_statement_that_speaks_is_the_body_that_issued_it(extract):
    text = ("Russia's defence ministry said on Sunday that air defences destroyed 40 Ukrainian drones overnight.\n"
            "\"Air defences destroyed 40 drones, 27 of them over the territory of the Kursk region and 13 over "
            "the Bryansk region,\" the statement added.")
    strikes = of_type(extract(text, published="2024-06-03"), "strike")
    assert strikes and {(e.claimant.name, e.claimant.country) for e in strikes} == {("Russia's defence ministry", "RU")}


def test_the_bulletin_that_speaks_is_the_body_that_issued_it(extract):
    text = ("Russia's defence ministry said on Sunday its air defences shot down 12 Ukrainian drones over Belgorod.\n"
            "Ukraine lost over 200 soldiers in battles with Battlegroup Zapad over the past 24 hours, "
            "according to the bulletin.")
    losses = only(extract(text, published="2024-06-03"), "losses")
    assert (losses.claimant.name, losses.claimant.country) == ("Russia's defence ministry", "RU")


def test_the_group_named_by_a_description_is_the_group(extract):
    text = ("Hezbollah fighters launched dozens of Katyusha rockets at the kibbutz of Sasa on Monday, "
            "the pro-Iranian movement said in a statement.")
    strike = only(extract(text, published="2024-06-03"), "strike")
    assert (strike.claimant.name, strike.claimant.country) == ("Hezbollah", None)


def test_the_group_named_as_the_attackers_stays_the_actor_over_a_claim_of_responsibility(extract):
    text = ("At least 20 villagers were killed in an attack near Oicha in North Kivu on Friday, officials said. "
            "Residents said ADF rebels carried out the killings. The ADF has killed thousands of civilians in the "
            "region since 2014. Islamic State later claimed responsibility for the attack on Telegram.")
    attack = next(e for e in of_type(extract(text, published="2023-04-08"), "violence") if e.quantities)
    assert attack.actor.name == "ADF"


@pytest.mark.parametrize("text,actor", [
    ("The Russian army said on Monday it had \"liberated\" the village of Tabaivka in the Kharkiv region.", "RU"),
    ("Ukraine's army said on Monday it had liberated the village of Robotyne in the Zaporizhzhia region.", "UA"),
])
def test_a_side_that_says_it_liberated_a_place_took_it(extract, text, actor):
    taken = only(extract(text, published="2024-01-29"), "territory")
    assert taken.actor.country == actor


@pytest.mark.parametrize("text,country", [
    ("Russia has massed 100,000 troops on the Ukrainian border, Kyiv said on Monday.", "RU"),
    ("Serbia has significantly increased its troops on the Kosovo border, NATO said on Friday.", "RS"),
])
def test_forces_massed_at_another_states_border_stand_in_their_own(extract, text, country):
    deployment = only(extract(text, published="2023-09-29"), "deployment")
    assert deployment.location.country == country


def test_a_place_held_by_a_side_was_taken_from_it(extract):
    text = "Ukraine's president said in a video that the Russian-occupied village of Robotyne had been liberated."
    taken = only(extract(text, published="2023-08-28"), "territory")
    assert (taken.actor.country, taken.target.country) == ("UA", "RU")
    assert taken.location.name == "Robotyne"


def test_the_group_spoken_of_took_the_town_not_the_army_it_fought(extract):
    text = ("The Rapid Support Forces shelled Sennar on Monday. It came a week after the group seized the town of "
            "Singa, following days of heavy fighting with rival Sudan's regular army.")
    taken = only(extract(text, published="2024-07-01"), "territory")
    assert (taken.actor.name, taken.target.country) == ("Rapid Support Forces", "SD")


def test_the_group_that_says_it_liberated_a_place_took_it(extract):
    text = ("The RSF shelled Sennar on Monday. On X, the group said it had liberated the 17th infantry division of "
            "the Sudanese army in Singa.")
    taken = only(extract(text, published="2024-07-01"), "territory")
    assert taken.actor.name == "Rapid Support Forces"


@pytest.mark.parametrize("text", [
    "Army base in El Fasher falls to RSF\n\nThe paramilitary seized the base of the 6th division on Friday.",
    "Sudan's last army base in El Fasher fell to the Rapid Support Forces on Friday, residents said.",
])
def test_a_place_that_fell_to_a_side_was_taken_by_it(extract, text):
    taken = of_type(extract(text, published="2025-10-25"), "territory")
    assert taken and all(e.actor.name == "Rapid Support Forces" for e in taken)


def test_the_side_that_warned_residents_to_leave_is_the_actor(extract):
    text = "The Israeli military warned residents to leave the southern suburbs of Beirut on Thursday."
    evacuation = only(extract(text, published="2024-09-27"), "disruption")
    assert evacuation.actor.country == "IL"


def test_a_day_told_as_where_a_long_stretch_began_is_no_passages_day(extract):
    text = ("The health ministry said three people were killed in an Israeli strike in the south on Thursday.\n"
            "Hezbollah has been trading fire with Israeli forces since Hamas attacked Israel on October 7.\n"
            "The ministry said the strike hit the village of Kfarjouz near Nabatieh.")
    strikes = of_type(extract(text, published="2024-09-13"), "strike")
    assert strikes and all(e.date.start == "2024-09-12" for e in strikes)
