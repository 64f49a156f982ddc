"""Knowledge as data: named rules, lexicon files validated when loaded, a user's
armed groups, `--explain`, and the sentence reader. Cases in tests/data/rule_cases.yaml."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import of_type
from sitrep.errors import LexiconError
from sitrep.extract.engine import Extractor
from sitrep.extract.reader import SentenceReader, Thresholds, load_reader
from sitrep.lexicon import load_lexicon
from sitrep.models import EVENT_TYPES, Article

CASES = yaml.safe_load((Path(__file__).parent / "data" / "rule_cases.yaml").read_text(encoding="utf-8"))["cases"]


@pytest.fixture(scope="module")
def explaining():
    return Extractor(explain=True)


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_rule_cases(explaining, case):
    result = explaining.extract(Article(id="case", text=case["text"], published="2024-06-02"))
    if case["type"] is None:
        assert result.events == []
    else:
        events = of_type(result, case["type"])
        assert len(events) == 1, [e.to_dict() for e in result.events]
        assert any(rule.startswith(case["rule"]) for rule in events[0].rules), events[0].rules
        if "subtype" in case:
            assert events[0].subtype == case["subtype"]
    if "vetoed" in case:
        vetoed = [v for step in result.trace for v in step["vetoed"]]
        assert any(v.endswith(case["vetoed"]) for v in vetoed), vetoed


def _lexicon_dir(tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return str(tmp_path)


def test_an_armed_group_a_user_adds_is_a_sign_of_conflict(tmp_path):
    text = "The Azawad Unity Movement captured Tessit on Monday."
    plain = Extractor().extract(Article(id="a", text=text, published="2024-06-02"))
    assert plain.events == []
    extra = _lexicon_dir(tmp_path, "actors.yaml",
                         "actors:\n  - name: Azawad Unity Movement\n    country: null\n    aliases: [AUM]\n")
    result = Extractor([extra]).extract(Article(id="a", text=text, published="2024-06-02"))
    assert [(e.type, e.actor.name if e.actor else None) for e in result.events] == [("territory", "Azawad Unity Movement")]


def test_a_state_in_a_users_states_csv_is_a_party_and_a_place(tmp_path):
    extra = _lexicon_dir(tmp_path, "states.csv", "country,name,aliases,adjectives\nRT,Ruritania,,Ruritanian\n")
    lexicon = load_lexicon((extra,))
    assert lexicon.actor_by_alias["ruritanian"].country == "RT"
    assert lexicon.place_by_alias["ruritania"].kind == "country"


def test_a_state_a_user_adds_widens_every_trigger_that_names_the_class(tmp_path):
    text = "Ruritanian forces struck the village of Zenda on Monday, the governor said."
    assert Extractor().extract(Article(id="a", text=text, published="2024-06-02")).events == []
    extra = _lexicon_dir(tmp_path, "actors.yaml",
                         "actors:\n  - name: Ruritania\n    country: RT\n    aliases: [Ruritanian]\n")
    events = Extractor([extra]).extract(Article(id="a", text=text, published="2024-06-02")).events
    assert [(e.type, e.rules) for e in events] == [("strike", ["strike.alone.state_struck"])]


def test_a_users_own_word_class_is_expanded_and_an_unknown_one_is_refused(tmp_path):
    extra = _lexicon_dir(tmp_path, "events.yaml", "classes:\n  boats: ['skiffs?', 'dhows?']\n"
                         "violence:\n  other:\n    - name: boarded\n      pattern: \"{boats} (\\\\w+ ){0,2}boarded\"\n")
    text = "Al-Shabaab fighters in skiffs boarded a cargo ship off Eyl on Monday, the navy said."
    events = Extractor([extra]).extract(Article(id="a", text=text, published="2024-06-02")).events
    assert [e.rules for e in events if e.type == "violence"] == [["violence.other.boarded"]]
    (tmp_path / "events.yaml").write_text("clash:\n  assault:\n    - \"{raiders} overran\"\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"events.yaml: clash.assault\[1\]: unknown word class \{raiders\} in '\{raiders\} overran'"):
        load_lexicon((str(tmp_path),))
    (tmp_path / "events.yaml").write_text("classes:\n  state: [kingdom]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="events.yaml: classes.state: .* not one of the built-in classes"):
        load_lexicon((str(tmp_path),))


def test_a_users_armed_force_words_make_a_deployment_of_war(tmp_path):
    text = "The interior ministry deployed 300 rangers to the border town of Rafah on Monday as sirens sounded."
    explained = Extractor(explain=True).extract(Article(id="a", text=text, published="2024-06-02"))
    assert explained.events == []
    assert any("vetoed by deployment.no_forces_moved" in v for line in explained.trace for v in line["vetoed"])
    extra = _lexicon_dir(tmp_path, "events.yaml", "classes:\n  armed_force: [rangers]\n")
    assert load_lexicon((extra,)).armed_force_pattern.search("the 300 rangers")
    events = Extractor([extra]).extract(Article(id="a", text=text, published="2024-06-02")).events
    assert [(e.type, e.location.name if e.location else None) for e in events] == [("deployment", "Rafah")]


def test_a_users_war_talk_lets_a_sentence_without_war_words_report_a_capture(tmp_path):
    text = "The Ansar Dine column took control of Tessit on Monday."
    assert Extractor().extract(Article(id="a", text=text, published="2024-06-02")).events == []
    extra = _lexicon_dir(tmp_path, "events.yaml", "classes:\n  war_talk: [column]\n")
    events = Extractor([extra]).extract(Article(id="a", text=text, published="2024-06-02")).events
    assert [(e.type, e.subtype) for e in events] == [("territory", "captured")]


def test_a_users_armed_conflict_words_make_a_shooting_violence(tmp_path):
    text = "Police said a man was shot dead by members of the maras in a market in San Salvador on Sunday."
    explained = Extractor(explain=True).extract(Article(id="a", text=text, published="2024-06-02"))
    assert explained.events == []
    assert any("vetoed by violence.no_armed_conflict" in v for line in explained.trace for v in line["vetoed"])
    extra = _lexicon_dir(tmp_path, "events.yaml", "classes:\n  armed_conflict: [maras]\n")
    events = Extractor([extra]).extract(Article(id="a", text=text, published="2024-06-02")).events
    assert [e.type for e in events] == ["violence"]


def test_a_named_rule_of_a_users_lexicon_is_reported(tmp_path):
    extra = _lexicon_dir(tmp_path, "events.yaml",
                         "clash:\n  assault:\n    - name: overran_post\n      pattern: overran (the|a) post\n")
    text = "Insurgents overran the post at dawn on Sunday, the army said."
    result = Extractor([extra]).extract(Article(id="a", text=text, published="2024-06-02"))
    assert [e.rules for e in result.events if e.type == "clash"] == [["clash.assault.overran_post"]]


@pytest.mark.parametrize("name,text,says", [
    ("events.yaml", "clsh:\n  assault:\n    - overran\n", "events.yaml: clsh: unknown key"),
    ("events.yaml", "clash:\n  asault:\n    - overran\n", "events.yaml: clash.asault: unknown key"),
    ("events.yaml", "clash:\n  assault:\n    - \"overr(an\"\n", "events.yaml: clash.assault[1]: bad pattern 'overr(an'"),
    ("events.yaml", "clash:\n  assault:\n    - name: x y\n      pattern: overran\n", "clash.assault[1]: a named trigger"),
    ("events.yaml", "clash:\n  assault:\n    - \"(over)ran and \\\\1\"\n",
     "events.yaml: clash.assault[1]: bad pattern '(over)ran and \\\\1': named groups and backreferences"),
    ("events.yaml", "clash:\n  assault:\n    - \"(?P<verb>overran)\"\n",
     "events.yaml: clash.assault[1]: bad pattern '(?P<verb>overran)': named groups"),
    ("events.yaml", "clash:\n  assault:\n    - name: x\n      pattern: overran\n      known: {day: 2023-13-40}\n",
     "events.yaml: cannot read lexicon: month must be in 1..12"),
    ("events.yaml", "clash:\n  assault:\n    - name: x\n      pattern: overran\n      known: {day: Sunday}\n",
     "events.yaml: clash.assault[1].known.day: 'Sunday' is not a day"),
    ("events.yaml", "clash:\n  assault:\n    - name: x\n      pattern: overran\n      known: {where: Gaza}\n",
     "events.yaml: clash.assault[1].known.where: unknown key"),
    ("events.yaml", "exceptions:\n  - name: rehearsal\n    types: [clsh]\n    pattern: rehearsal\n",
     "events.yaml: exceptions.rehearsal.types: ['clsh'] is not a list of event types"),
    ("events.yaml", "exceptions:\n  - name: rehearsal\n    window: before\n    pattern: rehearsal\n",
     "events.yaml: exceptions.rehearsal.window: 'before' is not"),
    ("events.yaml", "exceptions:\n  - name: rehearsal\n    pattern: [rehearsal, \"drill(\"]\n",
     "events.yaml: exceptions.rehearsal.pattern[2]: bad pattern 'drill('"),
    ("events.yaml", "exceptions:\n  - name: rehearsal\n    pattern: \"{rehearsals}\"\n",
     "events.yaml: exceptions.rehearsal.pattern: unknown word class {rehearsals}"),
    ("events.yaml", "exceptions:\n  - pattern: rehearsal\n", "events.yaml: exceptions[1]: an exception needs a `name`"),
    ("actors.yaml", "actors:\n  - name: Front\n    country: Mali\n", "actors.yaml: actors[1].country: 'Mali'"),
    ("actors.yaml", "actors:\n  - aliases: [F]\n", "actors.yaml: actors[1]: needs `name`"),
    ("weapons.yaml", "weapons:\n  - name: W\n    subtype: laser\n    item: drone\n    aliases: [W]\n",
     "weapons.yaml: weapons[1].subtype: 'laser' is not a strike subtype"),
    ("quantities.yaml", "kinds:\n  killed:\n    - \"kill(ed\"\n", "quantities.yaml: kinds.killed[1]: bad pattern"),
    ("states.csv", "country,name,aliases,adjectives\nRuritania,Ruritania,,Ruritanian\n",
     "states.csv: row 2 needs a two-letter country code and a name"),
])
def test_a_malformed_lexicon_file_is_refused_naming_file_key_and_pattern(tmp_path, name, text, says):
    with pytest.raises(LexiconError) as caught:
        load_lexicon((_lexicon_dir(tmp_path, name, text),))
    assert says in str(caught.value)
    assert str(tmp_path) in str(caught.value)


def test_an_exception_a_user_adds_sets_a_trigger_aside_and_is_named(tmp_path):
    text = "Soldiers stormed the town hall of Kidal on Sunday in a rehearsal for the national day, officials said."
    assert of_type(Extractor(explain=True).extract(Article(id="a", text=text, published="2024-06-02")), "clash")
    extra = _lexicon_dir(tmp_path, "events.yaml", "exceptions:\n  - name: rehearsal\n    types: [clash]\n"
                         "    window: around 10 60\n    pattern: in a rehearsal\n")
    result = Extractor([extra], explain=True).extract(Article(id="a", text=text, published="2024-06-02"))
    assert not of_type(result, "clash")
    assert any(v.endswith("vetoed by clash.rehearsal") for step in result.trace for v in step["vetoed"])


def test_an_exception_looks_only_in_its_window():
    lexicon = load_lexicon()
    none_suffered = next(e for e in lexicon.exceptions if e.name == "none_suffered")
    near = "The blast caused damage but no casualties, the governor said."
    far = "There were no drones over the city, but shelling caused casualties, the governor said."
    assert none_suffered.sets_aside("losses", near, near.index("casualties"), near.index("casualties") + 10)
    assert not none_suffered.sets_aside("losses", far, far.index("casualties"), far.index("casualties") + 10)
    assert not none_suffered.sets_aside("clash", near, near.index("casualties"), near.index("casualties") + 10)


def test_a_known_happening_gets_its_sides_country_and_day_whatever_the_sentence_names():
    text = ("Shelling on the northern border has not stopped since Hamas gunmen attacked Israel on October 7, "
            "the army said.")
    events = Extractor().extract(Article(id="a", text=text, published="2024-11-20")).events
    clash = [e for e in events if e.type == "clash"]
    assert [(e.subtype, e.rules) for e in clash] == [
        ("assault", ["clash.assault.october_7_attack", "happening.october_7_attack"])]
    assert (clash[0].actor.name, clash[0].target.country, clash[0].location.name) == ("Hamas", "IL", "Israel")
    assert clash[0].date.start == "2023-10-07"  # not the October 7 before publication, 2024-10-07


def test_a_known_happening_told_without_its_day_still_gets_it():
    text = "Russia launched its full-scale invasion nearly three years ago, a Ukrainian general said on Friday."
    clash = [e for e in Extractor().extract(Article(id="a", text=text, published="2024-11-22")).events
             if e.type == "clash"]
    assert [(e.rules, e.location.name, e.date.start) for e in clash] == [
        (["clash.assault.full_scale_invasion", "happening.full_scale_invasion"], "Ukraine", "2022-02-24")]


def test_a_known_happening_joins_its_telling_far_down_the_article():
    text = ("Around 1,200 people were killed in the October 7 attack. "
            "Talks resumed in Cairo on Monday. The delegations met for three hours. Qatar sent its premier. "
            "Egypt hosted the meeting. The war began when Hamas-led militants stormed into southern Israel on "
            "Oct. 7, 2023, killing hundreds.")
    clash = [e for e in Extractor().extract(Article(id="a", text=text, published="2024-11-20")).events
             if e.type == "clash"]
    assert len(clash) == 1
    assert (clash[0].date.start, clash[0].location.name) == ("2023-10-07", "southern Israel")


def test_a_known_happenings_sides_must_be_parties(tmp_path):
    extra = _lexicon_dir(tmp_path, "events.yaml", "clash:\n  assault:\n    - name: raid_of_1914\n"
                         "      pattern: the raid of 1914\n      known: {actor: Ruritania}\n")
    with pytest.raises(LexiconError, match=r"clash.assault.raid_of_1914.known.actor: 'Ruritania' is no party"):
        load_lexicon((extra,))


def test_a_malformed_lexicon_is_one_line_from_the_cli(tmp_path):
    extra = _lexicon_dir(tmp_path, "events.yaml", "clash:\n  assault:\n    - \"overr(an\"\n")
    done = subprocess.run([sys.executable, "-m", "sitrep.cli", "extract", "-", "--lexicon", extra],
                          input="Gunmen overran the post.", capture_output=True, text=True)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "bad pattern 'overr(an'" in done.stderr


def test_explain_prints_rules_fired_and_vetoed():
    text = ("Militants attacked an army patrol near Menaka on Sunday, the army said.\n"
            "Later the militants overran the outpost and took control of the town.\n")
    done = subprocess.run([sys.executable, "-m", "sitrep.cli", "extract", "-", "--explain", "--published", "2024-06-02"],
                          input=text, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "fired   clash.assault." in done.stderr
    assert "vetoed  clash.assault." in done.stderr and "territory.swallows_clash" in done.stderr
    events = json.loads(done.stdout)["events"]
    assert all(event["rules"] for event in events)


def test_the_bundled_sentence_reader_loads_with_a_threshold_per_type():
    reader = load_reader()
    assert reader is not None  # the model `make train` writes, shipped in the package
    assert set(reader.thresholds.add) == set(EVENT_TYPES)
    scores = reader.read(["xgroup fighters attacked an army base near the town, killing 0 soldiers. xruleclash"])[0]
    assert scores.scores["clash"] > 0.5


def test_a_type_the_reader_adds_becomes_an_event_with_its_place_and_rule():
    bundled = load_reader()
    eager = SentenceReader(bundled.nlp, Thresholds(add={"clash": 0.0}), bundled.path)  # add clash wherever scored
    text = "Soldiers and insurgents were locked in a standoff for hours near Menaka in Mali on Sunday, the army said."
    article = Article(id="a", text=text, published="2024-06-02")
    assert Extractor().extract(article).events == []
    events = Extractor(reader=eager).extract(article).events
    assert [(e.type, e.subtype, e.rules, e.location.country, e.date.start) for e in events] == [
        ("clash", "assault", ["reader.clash"], "ML", "2024-06-02")]


def test_the_sentence_reader_adds_nothing_to_a_sentence_without_war_words():
    reader = load_reader()
    article = Article(id="a", text="Nine of them were destroyed over the city on Monday.", published="2024-06-02")
    assert Extractor(reader=reader).extract(article).events == []


def test_a_sentence_may_lean_on_its_neighbours_for_talk_of_war(explaining):
    """A sentence with no war word of its own reports a clash where its neighbour speaks
    of war; alone, in an article with no war in it, it does not."""
    clash = "Heavy clashes broke out in Goma on Sunday, residents said."
    alone = explaining.extract(Article(id="a", text=clash, published="2025-02-03"))
    assert alone.events == []
    beside = explaining.extract(Article(id="b", text="Government troops shelled the outskirts of the city on Saturday.\n"
                                        + clash, published="2025-02-03"))
    clashes = of_type(beside, "clash")
    assert [(e.location.name, e.date.start) for e in clashes] == [("Goma", "2025-02-02")]


def test_a_known_happening_of_which_only_the_year_is_known_is_dated_by_that_year():
    text = "Drones struck a fuel depot in Crimea, which Russia annexed in 2014, on Sunday."
    result = Extractor().extract(Article(id="a", text=text, published="2024-06-02"))
    annexed = of_type(result, "territory")
    assert [(e.actor.country, e.target.country, e.date.start, e.date.end, e.date.precision) for e in annexed] == [
        ("RU", "UA", "2014-01-01", "2014-12-31", "year")]


def test_a_known_year_that_is_no_year_is_refused(tmp_path):
    (tmp_path / "events.yaml").write_text(
        "territory:\n  captured:\n    - name: x\n      pattern: 'annexed'\n      known: {year: 'soon'}\n",
        encoding="utf-8")
    with pytest.raises(LexiconError, match="year"):
        load_lexicon((str(tmp_path),))
