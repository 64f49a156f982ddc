"""The language stage's speed-ups change nothing: the trigger prefilter finds what the
joined pattern finds, and the indexed attribute ruler sets what spaCy's does."""
import re

import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.language import MODEL, load_pipeline, parse
from sitrep.lexicon import compile_rules, load_lexicon
from sitrep.prefilter import may_match, required_pieces

SENTENCES = [
    "Russian forces shelled the village of Kozacha Lopan overnight, the governor said.",
    "Gunmen on motorbikes killed 12 people at a market near Djibo on Sunday.",
    "It's not clear whether the talks that were due to resume will go ahead, y'all.",
    "The army said it had shot down 14 drones; two fell on a warehouse in Kharkiv.",
    "\tIs there a ceasefire?  Nobody's gonna say.",
]


def test_a_pattern_is_searched_only_where_its_required_text_is():
    rules = compile_rules([("shelled", r"(?:russian|ukrainian) (?:troops|forces) shelled")])
    assert rules.search("Ukrainian troops shelled a bridge").group() == "Ukrainian troops shelled"
    assert rules.pieces and not may_match(rules.pieces, "Russian forces attacked a bridge")
    assert rules.search("Russian forces attacked a bridge") is None


def test_a_sentence_is_searched_only_with_the_rules_whose_text_it_holds():
    rules = compile_rules([("drone_hit", r"drones? (?:hit|struck)"), ("shelling", r"(?:troops|forces) shelled"),
                           ("blast", r"explosions?")])
    order = [rules.names[group] for group in sorted(rules.names, key=lambda g: int(g[1:]))]
    assert [order[i] for i in rules.filter.candidates("A drone struck a depot")] == ["drone_hit"]
    assert rules.filter.candidates("Nothing happened") == []
    text = "Forces shelled a bridge before drones struck a depot"
    found = rules.search(text)
    assert (found.group(), rules.rule_of(found)) == ("Forces shelled", "shelling")
    assert rules.rule_of(rules.search(text, found.end())) == "drone_hit"


def test_two_rules_matching_at_one_spot_give_the_joined_patterns_choice():
    # joined, the longer pattern comes first and wins where both match at one spot
    rules = compile_rules([("bare", r"shelled"), ("with_object", r"shell(?:ed)? (?:the|a) \w+")])
    found = rules.search("They shelled the town")
    reference = rules.pattern.search("They shelled the town")
    assert (found.span(), found.lastgroup) == (reference.span(), reference.lastgroup)
    assert rules.rule_of(found) == "with_object"


def test_a_pattern_that_need_hold_no_text_is_always_searched():
    assert required_pieces(re.compile(r"(?:\d+|some) shells", re.I)) == {" shells"}
    assert required_pieces(re.compile(r"\d+|shells", re.I)) is None
    assert required_pieces(re.compile(r"(?:attack)?s?", re.I)) is None


def test_a_letter_that_folds_unlike_its_lower_case_turns_the_filter_off():
    pattern = re.compile("strike", re.I)
    assert pattern.search("a ſtrike")  # the long s matches "s" case-insensitively
    assert may_match(required_pieces(pattern), "a ſtrike")


LEXICON = load_lexicon()
RULES = LEXICON.trigger_rules + [LEXICON.known_rules, LEXICON.strike_with_weapon]
WORDS = sorted({piece.strip() for rules in RULES for piece in rules.pieces or () if piece.strip()}
               | {"the", "Russian", "forces", "12", "drones", "said", "were", "İstanbul", "ſhelled", "."})


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12),
       st.lists(st.sampled_from(["", " ", ", ", "-"]), min_size=12, max_size=12),
       st.booleans())
def test_the_prefilter_finds_what_the_joined_pattern_finds(words, separators, upper):
    text = "".join(word + separator for word, separator in zip(words, separators))
    text = text.upper() if upper else text
    for rules in RULES:
        for pos in (0, len(text) // 2):
            ours, joined = rules.search(text, pos), rules.pattern.search(text, pos)
            assert (ours and (ours.span(), ours.lastgroup)) == (joined and (joined.span(), joined.lastgroup)), \
                (rules.names, text)


def test_the_indexed_attribute_ruler_sets_what_spacys_sets():
    reference = spacy.load(MODEL, exclude=["senter", "ner"], disable=["lemmatizer"])
    assert type(load_pipeline().get_pipe("attribute_ruler")).__name__ == "IndexedAttributeRuler"
    for ours, theirs in zip(parse(SENTENCES), reference.pipe(SENTENCES)):
        assert [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in ours] == \
               [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in theirs]
