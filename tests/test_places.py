"""Places: aliases, namesakes settled by context, unlisted villages, coordinates,
and the geoparser on its own (`sitrep.places`, `sitrep places`)."""
import json
import math

import pytest

import sitrep
from conftest import only
from sitrep.cli import main
from sitrep.resolve.places import find_places
from sitrep.lexicon import load_lexicon


def km(a, b):
    (lat1, lon1), (lat2, lon2) = a, b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def place_of(text, name):
    return next(t.place for t in sitrep.places(text) if t.text == name)


@pytest.mark.parametrize("spelling", ["Kharkiv", "Kharkov"])
def test_transliterations_resolve_to_one_city_with_coordinates(spelling):
    place = place_of(f"Shells hit {spelling} on Monday.", spelling)
    assert (place.country, place.admin1, place.precision) == ("UA", "Kharkiv Oblast", "city")
    assert km((place.lat, place.lon), (49.99, 36.23)) < 20


@pytest.mark.parametrize("text,name,admin1", [
    # divisions that an airport's region once named wrongly (Kidal in "Gao", Chin in "Magway")
    ("Malian rebels entered Kidal in northern Mali on Monday.", "Kidal", "Kidal"),
    ("In Niger, jihadists attacked the town of Ouallam on Monday.", "Ouallam", "Tillaberi"),
    ("Myanmar resistance forces shelled Hakha in western Myanmar on Monday.", "Hakha", "Chin"),
    ("In Somalia, fighting spread to the town of Marka on Monday.", "Marka", "Lower Shabeelle"),
    ("In Sudan, shells fell on the town of Kadugli on Monday.", "Kadugli", "South Kordofan"),
])
def test_conflict_towns_are_in_their_own_division(text, name, admin1):
    assert place_of(text, name).admin1 == admin1


@pytest.mark.parametrize("text,name,admin1,precision", [
    ("Drones struck a funeral in el-Obeid on Monday.", "el-Obeid", "North Kordofan", "city"),  # the article in lower case
    ("Two flights bound for Amritsar were diverted.", "Amritsar", "Punjab", "city"),
    ("Airstrikes hit Afghanistan's Paktika province.", "Paktika province", "Paktika", "admin1"),
    ("Gunmen killed 12 villagers in Plateau state on Monday.", "Plateau state", "Plateau", "admin1"),
    ("In Burkina Faso, gunmen stopped a bus on the road between Dori and Djibo.", "Dori", "Sahel", "city"),
    ("Gangs torched a police station in the Haitian capital Port-au-Prince.", "Port-au-Prince", "Ouest", "city"),
    ("Maoists killed eight policemen in a blast in Chhattisgarh's Bijapur district.", "Bijapur", "Chhattisgarh",
     "city"),  # the district named after its town, in the division that owns it (not Karnataka's Bijapur)
    # names joined by small words, and letters outside ASCII
    ("Colombian troops fought rebels in Norte de Santander on Monday.", "Norte de Santander", "Norte-de-Santander",
     "admin1"),
    ("In Mozambique, insurgents raided Mocímboa da Praia on Monday.", "Mocímboa da Praia", "Cabo-Delgado", "city"),
    ("In Mali, gunmen ambushed a convoy near Ténenkou on Monday.", "Ténenkou", "Mopti", "city"),
])
def test_places_the_parser_does_not_tag_are_found_by_their_cues(text, name, admin1, precision):
    place = place_of(text, name)
    assert (place.admin1, place.precision) == (admin1, precision)


def test_a_village_near_a_listed_town_is_in_that_towns_division():
    # the only Zhuravka listed is in Chernihiv Oblast; the text puts this one near Pokrovsk
    place = place_of("Russian forces took the village of Zhuravka near Pokrovsk on Monday.", "Zhuravka")
    assert (place.country, place.admin1) == ("UA", "Donetsk Oblast")


def test_the_region_form_is_the_division():
    place = place_of("Drones were downed over the Kursk region overnight.", "Kursk region")
    assert (place.admin1, place.precision) == ("Kursk Oblast", "admin1")
    assert km((place.lat, place.lon), (51.7, 36.2)) < 150


def test_airports_are_places_in_their_division():
    place = place_of("Flights were halted at Domodedovo and Vnukovo.", "Domodedovo")
    assert (place.country, place.admin1) == ("RU", "Moscow Oblast")
    assert km((place.lat, place.lon), (55.41, 37.9)) < 15


def test_odessa_texas_follows_its_qualifier_and_odesa_stays_in_ukraine():
    texan = place_of("A gunman opened fire in Odessa, Texas, on Saturday.", "Odessa")
    assert (texan.country, texan.admin1) == ("US", "Texas")
    ukrainian = place_of("Russian drones struck the port of Odessa overnight, Ukraine said.", "Odessa")
    assert (ukrainian.country, ukrainian.admin1) == ("UA", "Odesa Oblast")


def test_a_frontline_town_takes_the_articles_country_over_a_bigger_namesake():
    # GeoNames lists Engels (Russia) as Pokrovsk too, and it is bigger
    result = sitrep.extract("Russian troops advanced on Pokrovsk, Ukraine's general staff said.",
                            published="2024-11-12")
    assert result.events[0].location.admin1 == "Donetsk Oblast"


def test_georgia_is_the_state_when_the_other_places_are_american():
    text = "Storms cut power across Georgia. The governor said Atlanta and Savannah were hit hardest."
    assert place_of(text, "Georgia").country == "US"
    assert place_of("Russian troops crossed into Georgia in 2008, Tbilisi said.", "Georgia").country == "GE"


def test_a_village_no_gazetteer_lists_keeps_its_name_and_the_country_only():
    result = sitrep.extract("Russian forces captured the village of Zarichkovo-Dalne, Ukraine's military said.",
                            published="2024-11-12")
    (event,) = result.events
    assert (event.location.name, event.location.country, event.location.admin1, event.location.precision) == \
        ("Zarichkovo-Dalne", "UA", None, "country")


def test_an_unlisted_village_in_a_named_region_takes_that_region():
    place = place_of("Troops took the village of Zarichkovo-Dalne in Ukraine's eastern Donetsk region.",
                     "Zarichkovo-Dalne")
    assert (place.country, place.admin1) == ("UA", "Donetsk Oblast")


def test_a_namesake_in_the_division_named_beside_it_wins():
    # Zhovte exists in several oblasts; the text says which
    place = place_of("Russia said it captured Zhovte in the Luhansk region.", "Zhovte")
    assert place.admin1 == "Luhansk Oblast"


@pytest.mark.parametrize("text", [
    "Drones set fire to a depot in Slavyansk in Russia's Krasnodar region on Sunday.",
    "The Slavyansk oil refinery in Russia’s Krasnodar region was on fire on Sunday.",
])
def test_a_namesake_in_another_countrys_division_named_beside_it_wins(text):
    # Slavyansk is also Sloviansk in Ukraine's Donetsk region, which the seed list holds
    place = place_of(text, "Slavyansk")
    assert (place.country, place.admin1) == ("RU", "Krasnodar Krai")


@pytest.mark.parametrize("text,country", [
    ("Gunmen infiltrated into Israeli territory from the Gaza Strip on Saturday, the army said.", "IL"),
    ("Drones struck fuel depots on Russian soil overnight, the ministry said.", "RU"),
])
def test_a_states_territory_named_by_its_adjective_is_where_it_happened(text, country):
    event = sitrep.extract(text, published="2024-11-12").events[0]
    assert event.location.country == country


def test_an_unlisted_village_struck_lies_in_the_country_of_the_side_struck():
    text = ("Israeli jets struck villages in southern Lebanon on Saturday. On Sunday, Hezbollah rockets hit "
            "Israeli army positions in the settlement of Khirbet Zar'it.")
    strikes = [e for e in sitrep.extract(text, published="2024-11-12").events if e.location.name == "Khirbet Zar'it"]
    assert [e.location.country for e in strikes] == ["IL"]


def test_a_partys_adjective_is_no_namesake_village():
    # GeoNames lists a village called Thai in Malaysia
    lexicon = load_lexicon()
    found = find_places("Fighters seized an outpost near the Thai border on Monday.", lexicon)
    assert all(m.entry.country != "MY" for m in found)


def test_small_foreign_namesakes_are_not_taken_in_a_conflict_story():
    result = sitrep.extract("Ukrainian drones attacked the Bryansk region, Russia's defence ministry said, "
                            "as officials met in Paris.", published="2024-11-12")
    assert [e.location.admin1 for e in result.events] == ["Bryansk Oblast"]


def test_weekday_and_month_names_are_not_places():
    names = [t.text for t in sitrep.places("Strikes in March were fewer. Fighting in Sunday's battle near Bakhmut.")]
    assert "March" not in names and "Sunday" not in names and "Bakhmut" in names


def test_places_cli_writes_offsets_and_coordinates(tmp_path, capsys):
    path = tmp_path / "report.txt"
    text = "Shelling hit Kherson and the town of Kozacha Lopan."
    path.write_text(text)
    assert main(["places", str(path)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["text"] for r in rows] == ["Kherson", "Kozacha Lopan"]
    assert all(text[r["start"]:r["end"]] == r["text"] and r["lat"] is not None for r in rows)
    assert rows[1]["admin1"] == "Kharkiv Oblast" and rows[1]["source"] == "gazetteer"


def test_a_users_places_file_adds_a_village_with_its_point(tmp_path, capsys):
    extra = tmp_path / "frontline.csv"
    extra.write_text("name,aliases,country,admin1,kind,lat,lon\n"
                     "Zarichkovo-Dalne,Zarichkove Dalne,UA,Donetsk Oblast,city,48.1,37.9\n")
    report = tmp_path / "report.txt"
    report.write_text("Shelling hit Zarichkove Dalne overnight, the governor said.")
    assert main(["places", str(report), "--places", str(extra)]) == 0
    (row,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (row["text"], row["admin1"], row["lat"], row["lon"]) == ("Zarichkove Dalne", "Donetsk Oblast", 48.1, 37.9)


def test_a_malformed_places_file_is_one_clear_error(tmp_path, capsys):
    extra = tmp_path / "bad.csv"
    extra.write_text("name,aliases,country,admin1,kind,lat,lon\nX,,UA,,city,north,37\n")
    assert main(["places", str(extra), "--places", str(extra)]) == 1
    assert "bad.csv: row 2: lat and lon must be numbers" in capsys.readouterr().err


def test_a_governor_speaks_for_the_region_and_a_mayor_for_the_city():
    governor = sitrep.extract("Belgorod governor Vyacheslav Gladkov said Ukrainian drones hit a house.",
                              published="2024-11-11").events[0]
    assert (governor.location.admin1, governor.location.precision) == ("Belgorod Oblast", "admin1")
    mayor = sitrep.extract("Kharkiv's mayor said Russian drones hit the city overnight.",
                           published="2024-11-11").events[0]
    assert (mayor.location.name, mayor.location.precision) == ("Kharkiv", "city")


def test_adjectives_name_their_country():
    toponyms = {t.text: t for t in sitrep.places("Ukrainian drones hit a Russian refinery.")}
    assert (toponyms["Ukrainian"].place.country, toponyms["Ukrainian"].place.precision) == ("UA", "country")
    assert toponyms["Russian"].source == "demonym" and toponyms["Russian"].place.lat is not None


def test_belgorods_governor_is_belgorod_oblast():
    (event,) = sitrep.extract("Belgorod's governor said a Ukrainian drone hit a house.", published="2024-11-11").events
    assert (event.location.admin1, event.location.precision) == ("Belgorod Oblast", "admin1")


def test_lake_chad_is_a_region_of_four_states_not_the_state_of_chad():
    place = place_of("Air strikes hit an insurgent camp near Lake Chad on Monday.", "Lake Chad")
    assert (place.country, place.precision) == (None, "region")


@pytest.mark.parametrize("text,country", [
    ("A rocket hit an Egyptian town on the border with Israel on Thursday.", "EG"),
    ("Stray shells wounded five people in a Chinese town near Myanmar.", "CN"),
])
def test_one_of_a_states_towns_is_in_that_state(text, country):
    lexicon = load_lexicon()
    assert [p.entry.country for p in find_places(text, lexicon)][0] == country


@pytest.mark.parametrize("name", ["Beirut's southern suburbs", "Dahiyeh"])
def test_beiruts_southern_suburbs_lie_in_mount_lebanon(name):
    place = place_of(f"An Israeli strike hit {name} on Friday.", name)
    assert (place.country, place.admin1) == ("LB", "Mount Lebanon")


def test_a_states_base_or_warship_names_its_owner_not_the_place():
    from sitrep.resolve.places import names_party
    text = "Drones targeted a US base and a Qatari warship near Erbil on Monday."
    found = find_places(text, load_lexicon())
    assert [p.text for p in found if p.entry.kind == "country" and not names_party(text, p)] == []


def test_troops_deployed_to_a_town_are_there_and_people_who_fled_to_one_are_not(extract):
    deployment = only(extract("Congo deployed 1,000 more soldiers to Uvira on Monday, the army said.",
                              published="2024-11-12"), "deployment")
    assert deployment.location.name == "Uvira"
    evacuation = only(extract("On Monday, 5,000 residents fled to Saint-Marc after the gang attack on their town.",
                              published="2024-11-12"), "disruption")
    assert evacuation.location is None or evacuation.location.name != "Saint-Marc"


def test_a_big_city_of_a_unique_name_is_itself_but_not_a_namesake_by_alias(extract):
    kenyan = only(extract("A contingent of 300 Kenyan police officers arrived in Port-au-Prince on Saturday.",
                          published="2024-11-12"), "deployment")
    assert (kenyan.location.name, kenyan.location.country) == ("Port-au-Prince", "HT")
    lexicon = load_lexicon()
    assert not [p for p in find_places("Fighters took part in Hamas’ attack on Israel.", lexicon) if p.entry.country == "DE"]


def test_a_town_a_side_captured_is_a_place_even_where_no_gazetteer_lists_it(extract):
    text = ("Russian forces pressed their offensive in the Kharkiv region on Monday. "
            "The enemy claims that it has captured Tabaivka, a Ukrainian army spokesman said.")
    territory = only(extract(text, published="2024-01-30"), "territory")
    assert (territory.location.name, territory.location.country) == ("Tabaivka", "UA")
    assert territory.location.admin1 == "Kharkiv Oblast"
    lexicon = load_lexicon()
    assert not [p for p in find_places("Russian forces captured Ukrainian soldiers near Bakhmut.", lexicon)
                if p.text == "Ukrainian"]


def test_a_district_of_a_division_named_with_and_lies_in_that_division():
    found = find_places("Shelling in Jammu and Kashmir's Poonch district killed two people on Friday.", load_lexicon())
    assert [(m.text, m.entry.country, m.entry.admin1) for m in found if m.text == "Poonch"] == [
        ("Poonch", "IN", "Jammu and Kashmir")]


@pytest.mark.parametrize("text", [
    "A Russian missile hit a cargo ship in the port of Odesa on Thursday, injuring three crew members, all "
    "citizens of the Philippines, Ukraine's navy said.",
    "A Russian missile hit a cargo ship in the port of Odesa on Thursday, Ukraine's navy said. The blast injured "
    "three crew members, all citizens of the Philippines.",
])
def test_crew_who_are_citizens_of_a_country_do_not_place_or_aim_an_attack_there(text):
    events = sitrep.extract(text, published="2023-11-10").events
    assert [(e.location.country, e.target.country) for e in events] == [("UA", "UA")]


@pytest.mark.parametrize("text,country,admin1", [
    ("Al-Shabaab fighters attacked a base in Lower Shabelle on Monday.", "SO", "Lower Shabeelle"),
    ("Fighting in the Middle Shabelle region killed 12 soldiers.", "SO", "Middle Shabeelle"),
    ("Clashes in Upper Nile state killed 20 people on Sunday.", "SS", "Upper Nile"),
])
def test_a_division_spelt_otherwise_or_from_geonames_names_is_found(text, country, admin1):
    from collections import Counter
    from sitrep.resolve.places import PlaceContext
    found = find_places(text, load_lexicon(), PlaceContext(Counter({country: 2})))
    assert [(m.entry.country, m.entry.admin1) for m in found if m.entry.kind != "country"] == [(country, admin1)]


@pytest.mark.parametrize("text,name", [
    ("Russian strikes on a kindergarten are war crimes and a violation of the Rome Statute, the envoy said.", "Rome"),
    ("Kyiv said Moscow had broken the Minsk agreements again.", "Minsk"),
    ("Delegates met again for the Astana talks on Syria.", "Astana"),
])
def test_a_treaty_or_talks_named_after_a_place_is_not_that_place(text, name):
    assert name not in [m.text for m in find_places(text, load_lexicon())]


def test_the_names_listed_after_a_place_are_places_too():
    lexicon = load_lexicon()
    text = "Three provincial capitals, the cities of Jalalabad, Gardiz and Ghazni, fell to the Taliban on Sunday."
    assert [(p.text, p.entry.country) for p in find_places(text, lexicon)] == [
        ("Jalalabad", "AF"), ("Gardiz", "AF"), ("Ghazni", "AF")]
    taken = find_places("The rebels said they took the towns of Rutshuru and Rubare on Tuesday.", lexicon)
    assert [(p.text, p.entry.country, p.source) for p in taken] == [
        ("Rutshuru", "CD", "gazetteer"), ("Rubare", "CD", "unlisted")]
    assert [p.text for p in find_places("Drones hit Kyiv and Zelensky said it was terror.", lexicon)] == ["Kyiv"]


def test_towns_named_by_their_airports_are_places():
    text = "Poland temporarily closed Rzeszow and Lublin airports in the southeast of the country on Sunday."
    assert [(p.text, p.entry.country) for p in find_places(text, load_lexicon())] == [
        ("Poland", "PL"), ("Rzeszow", "PL"), ("Lublin", "PL")]


@pytest.mark.parametrize("text,name,admin1", [
    # the division told after the village, past a comma, a township or a capitalised "Region"
    ("Gunmen ambushed a patrol near the town of Koyla Banda, in the western Tillaberi region of Niger.",
     "Koyla Banda", "Tillaberi"),
    ("Jets bombed Htee Lar village in Kani township in Sagaing Region of Myanmar on Monday.", "Htee Lar", "Sagaing"),
    ("Troops shelled Wa Bo village, in Mindat township, Chin State, in Myanmar.", "Wa Bo", "Chin"),
    ("Two civilians died when Myanmar's junta bombed Daw Se village in Karenni State.", "Daw Se", "Kayah"),
])
def test_an_unlisted_village_lies_in_the_division_told_after_it(text, name, admin1):
    place = next(m for m in find_places(text, load_lexicon(), _about(text)) if m.text == name)
    assert (place.entry.admin1, place.source) == (admin1, "unlisted")


def _about(text):
    from collections import Counter
    from sitrep.resolve.places import PlaceContext
    countries = Counter(m.entry.country for m in find_places(text, load_lexicon(), gazetteer=False) if m.entry.country)
    return PlaceContext(countries)


def test_a_name_before_village_is_a_place_but_an_adjective_or_a_division_is_not():
    lexicon = load_lexicon()
    text = "In Myanmar, jets struck Moe Kaung village and a Sagaing Township village; the Kachin village of Nam Sai burned."
    names = {m.text for m in find_places(text, lexicon, _about(text))}
    assert "Moe Kaung" in names
    assert not {"Sagaing Township", "Kachin"} & names
    assert not any(m.text == "Palestinian" for m in find_places("Settlers raided a Palestinian village.", lexicon,
                                                                 _about("Settlers raided a Palestinian village.")))


def test_a_village_with_no_division_told_lies_in_the_division_the_article_names():
    from collections import Counter
    from sitrep.resolve.places import PlaceContext
    context = PlaceContext(Counter({"MM": 3}), Counter({"Sagaing": 2, "Yangon": 1}), named_divisions=Counter({"Sagaing": 2}))
    place = next(m for m in find_places("Soldiers torched Zee Pin village on Friday.", load_lexicon(), context)
                 if m.text == "Zee Pin")
    assert (place.entry.country, place.entry.admin1) == ("MM", "Sagaing")
    # a division known only through its capital city is no clue to where a village lies
    context = PlaceContext(Counter({"ML": 3}), Counter({"Bamako": 3}))
    place = next(m for m in find_places("Drones struck Tin Aouker village.", load_lexicon(), context)
                 if m.text == "Tin Aouker")
    assert (place.entry.country, place.entry.admin1) == ("ML", None)


def test_a_place_named_with_a_possessive_is_that_place():
    text = "In Haiti, 400 Kenyan police officers landed at Port-au-Prince's Toussaint Louverture airport on Tuesday."
    assert any(m.text == "Port-au-Prince" and m.entry.country == "HT"
               for m in find_places(text, load_lexicon(), _about(text)))


def test_a_division_of_a_country_the_article_is_about_is_kept_beside_another_states_name():
    from collections import Counter
    from sitrep.resolve.places import PlaceContext
    text = "Rwanda deployed 1,000 soldiers and police officers to Cabo Delgado province."
    found = find_places(text, load_lexicon(), PlaceContext(Counter({"MZ": 3, "RW": 1})))
    assert any(m.entry.country == "MZ" and m.entry.kind == "admin1" for m in found)
    # a town of another country stays out: the state named anchors the sentence
    elsewhere = "Drones hit the Bryansk region as officials met in Paris."
    found = find_places(elsewhere, load_lexicon(), PlaceContext(Counter({"RU": 3, "FR": 1})))
    assert not any(m.text == "Paris" for m in found)


def test_a_clock_named_after_a_city_is_no_place():
    text = "At 05:00 Moscow time, Sochi airport halted all flights."
    names = {m.text for m in find_places(text, load_lexicon())}
    assert "Moscow" not in names and "Sochi" in names
