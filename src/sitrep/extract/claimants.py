"""Claimants: whom a sentence attributes its claim to.

"X said", "X told reporters", "according to X", "X wrote on Telegram", a quote closed
by "…," the ministry said", "was confirmed by X"; else the paragraph's attribution, a
bulleted list's heading, the speaker after a quote. A pronoun subject ("It said") is
resolved by the caller against the claimants named before. Returns the claimant's
span and the role that says who they are; their country is resolved with the
article's context in `engine`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional

from spacy.tokens import Doc, Token

from ..language import Sentence, lemma
from ..lexicon import Lexicon

PRONOUNS = {"it", "he", "she", "they", "we", "i", "this", "that", "him", "her", "them"}  # "according to him"
QUOTE_ATTRIBUTION = re.compile(
    r"[”\"’],?\s+(?P<who>(?:the\s+)?[^,.;“”\"]{2,80}?)\s+(?:said|says|added|wrote|told|stated|claimed|reported|announced)\b")
# "…, Alfred Alabo, a spokesman for the state police, said.": the parser often hangs the
# name on the clause before it, leaving the verb without a subject
TRAILING_ATTRIBUTION = re.compile(
    r",\s+(?:the\s+)?(?P<who>[A-Z][^,;“”\"]{1,60}?)(?:,\s+(?P<role>[^;“”\"]{2,100}?))?,?\s+"
    r"(?:said|says|added|told|reported|wrote|stated)\b[^,;]{0,40}[.\s]*$")
# "Russia has lost 2,800 troops: Deputy Defence Minister Hanna Malyar." (a live blog's entry)
COLON_ATTRIBUTION = re.compile(r":\s+(?P<who>(?:[A-Z][\w.'’-]*\s+){1,7}[A-Z][\w'’-]+)\.?\s*$")
LEADING_DET = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
NON_CLAIMANT_HEAD = re.compile(r"\b(?:imagery|fighting|data|figures|footage|video|videos|images|report|reports|"
                               r"statement|update|analysis|assessment|estimates?|offensive|attack|strikes?)"
                               r"(?:\s+(?:for|of|on|from|in|by)\b.*)?$", re.I)
TITLE_BEFORE = re.compile(r"(?:^|[,;:]\s*)(?P<title>(?:[A-Z][\w.'’-]*|of|the|and|for)(?:\s+(?:[A-Z][\w.'’-]*|of|the|and|for)){1,9})\s+$")
BULLET = re.compile(r"^\s*(?:[▪•●◦‣∙·*–-]|▪️)\s*")
LIST_SOURCE = re.compile(
    r"\b(?:from|by|of|according to)\s+(?:the\s+)?(?P<who>(?:[A-Z][\w'’.-]*\s+){0,4}?(?:[A-Z][\w'’.-]*\s+)?"
    r"(?:Ministry|Ministry of Defen[cs]e|General Staff|Command|Armed Forces|Forces|Army|Office|Service|Agency|"
    r"Air Force|Military|Government))\b")


@dataclass
class ClaimSpan:
    text: str
    start: int  # offsets within the sentence
    end: int
    pronoun: bool = False
    role: str = ""  # the appositive that says who the claimant is: "…, a spokesman for the state police"
    role_start: int = -1
    role_end: int = -1

    def covers(self, position: int) -> bool:
        """Whether a sentence offset lies in the claimant's name or its role: a place or
        party named there is the claimant's, not the event's."""
        return self.start <= position < self.end or self.role_start <= position < self.role_end


def _span(doc: Doc, token: Token) -> ClaimSpan:
    left, right = token.left_edge.i, token.right_edge.i
    # a relative or appositive tail ("…, which reported") is not part of the name
    for child in token.rights:
        if child.dep_ in ("relcl", "acl") or (child.dep_ == "punct" and child.text == ","):
            right = min(right, child.left_edge.i - 1)  # "Sagaing True News that monitors …": not "that"
            break
    appositives = [doc[c.left_edge.i:c.right_edge.i + 1] for c in token.rights if c.dep_ == "appos" and c.i > right]
    span = doc[left:right + 1]
    text = LEADING_DET.sub("", span.text.strip(" ,"))
    offset = span.start_char + (len(span.text) - len(span.text.lstrip(" ,")))
    offset += len(span.text.strip(" ,")) - len(text)
    claim = ClaimSpan(text=text, start=offset, end=offset + len(text),
                      pronoun=token.lower_ in PRONOUNS and left == right)
    if appositives:
        first = appositives[0]
        if token.pos_ == "NOUN" and first.root.pos_ == "PROPN":
            # "A survivor, Amina Bello, said": the person is named, the noun says who they are
            return ClaimSpan(text=first.text, start=first.start_char, end=first.end_char,
                             role=claim.text, role_start=claim.start, role_end=claim.end)
        claim.role, claim.role_start, claim.role_end = first.text, first.start_char, first.end_char
    return claim


def _antecedent(subject: Optional[Token], verb: Token) -> Optional[Token]:
    """"Defence Minister John Healey, who told The Telegraph …": the relative pronoun's noun."""
    if subject is not None and subject.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
        return verb.head
    return subject


def _subject(verb: Token) -> Optional[Token]:
    """Who the verb says did it: "was confirmed by the governor" is the governor's."""
    agent = next((pobj for child in verb.children if child.dep_ == "agent"
                  for pobj in child.children if pobj.dep_ == "pobj"), None)
    if agent is not None:
        return agent
    # the subject of a passive is what was reported ("explosions were reported in Lviv"), not
    # who reported it, save for a speaker quoted ("he was quoted as saying")
    passive_speaker = lemma(verb).lower() in QUOTED
    # a number is no speaker: "59 were killed and 157 injured, Asim told CBS" misparsed
    subjects = [child for child in verb.children
                if (child.dep_ == "nsubj" or (child.dep_ == "nsubjpass" and passive_speaker)) and not child.like_num]
    if subjects:
        # a dateline the parser took for a subject ("MOSCOW, July 1 (AFP) - Officials … reported")
        # stands farther from the verb than the real one
        return min(subjects, key=lambda s: abs(verb.i - s.i))
    inverted = _inverted_speaker(verb)
    if inverted is not None:
        return inverted
    if verb.dep_ == "conj":
        return _subject(verb.head)
    if verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and any(c.dep_ == "ccomp" for c in verb.children):
        return verb.head  # a misparse of "Ukrainian military intelligence announced that …"
    return None


QUOTED = {"quote", "cite"}


def _inverted_speaker(verb: Token) -> Optional[Token]:
    """"“Clashes are raging in Hama,” reported the Observatory": after a quote the speaker
    may follow the verb, where the parser takes it for the verb's object."""
    quoted_before = (verb.i > 0 and verb.nbor(-1).is_punct
                     and any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children))
    if any(c.lower_ in ("citing", "quoting") for c in verb.children):
        return None  # "…, reported YTN, citing Seoul's intelligence agency": the source cited speaks
    speaker = next((c for c in verb.children if c.dep_ in ("dobj", "attr") and c.i == _first_after(verb)), None)
    return speaker if quoted_before and speaker is not None and speaker.pos_ in ("PROPN", "NOUN") else None


def _first_after(verb: Token) -> int:
    """The index of the head of the phrase that starts right after `verb`."""
    following = verb.nbor(1) if verb.i + 1 < len(verb.doc) else None
    while following is not None and following.dep_ in ("det", "compound", "amod", "poss") and following.head.i > following.i:
        following = following.head
    return following.i if following is not None else -1


def _claims_lives(verb: Token) -> bool:
    """"the attacks claimed dozens of lives": a toll, not an attribution."""
    return lemma(verb).lower() == "claim" and any(
        lemma(t).lower() in ("life", "lives", "toll") for c in verb.children if c.dep_ == "dobj" for t in c.subtree)


def _cited_by(source: Token) -> Token:
    """"according to the TASS news agency citing the Defence Ministry": the official the
    outlet relays (ANNOTATION rule 23)."""
    for child in source.children:
        if child.dep_ == "acl" and child.lower_ in ("citing", "quoting"):
            cited = next((c for c in child.children if c.dep_ == "dobj"), None)
            if cited is not None:
                return cited
    return source


def _according_to(doc: Doc) -> Optional[Token]:
    for token in doc:
        if token.lower_ == "according":
            for to in token.children:
                if to.lower_ == "to":
                    for pobj in to.children:
                        if pobj.dep_ == "pobj":
                            return _cited_by(_source_of(pobj))
        if token.lower_ == "citing" and token.i + 1 < len(doc):
            for child in token.children:
                if child.dep_ == "dobj":
                    return child
        if token.pos_ == "NOUN" and lemma(token).lower() in POSSESSED_CLAIMS:
            # "rejected Moscow's claim that it had captured the village": Moscow claims the capture
            owner = next((child for child in token.children if child.dep_ == "poss"), None)
            if owner is not None and owner.pos_ in ("PROPN", "NOUN"):
                return owner
        if token.lower_ in ("from", "by") and lemma(token.head).lower() in SOURCE_HEADS:
            # "in an update from the General Staff", "imagery released by the Yale lab"
            for pobj in token.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def _source_of(said: Token) -> Token:
    """Who gave what is cited: "according to a statement from the Sudanese army" is the
    army's, "according to the army's figures" the army's."""
    if lemma(said).lower() not in SOURCE_HEADS:
        return said
    for child in said.children:
        if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
            return child
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            source = next((c for c in child.children if c.dep_ == "pobj"), None)
            if source is not None and source.pos_ in ("PROPN", "NOUN"):
                return source
    return said


POSSESSED_CLAIMS = {"claim", "statement", "announcement", "assertion"}
SOURCE_HEADS = {"update", "statement", "report", "briefing", "bulletin", "data", "figure", "estimate",
                "assessment", "release", "publish", "review", "issue", "post", "share", "provide", "compile",
                "confirm", "announce", "state", "say"}  # "… was confirmed by the governor"


def find_claimant(doc: Doc, anchor_char: int, lexicon: Lexicon, governing_only: bool = False) -> Optional[ClaimSpan]:
    """The claimant governing the token at `anchor_char` (a trigger), if any; with
    `governing_only`, only one whose reporting verb the trigger hangs from."""
    anchor = next((t for t in doc if t.idx <= anchor_char < t.idx + len(t.text) + 1), None)
    reporting = _reporting_verbs(doc, lexicon)
    if anchor is not None:
        for ancestor in [anchor, *anchor.ancestors]:
            if ancestor in reporting and ancestor is not anchor:
                subject = _antecedent(_subject(ancestor), ancestor)
                if subject is not None and not (subject.lower_ == "it" and subject.dep_ in ("nsubjpass", "expl")):
                    return _span(doc, subject)  # "it was reported that …" names nobody: look further
    if governing_only:
        return None
    according = _according_to(doc)
    if according is not None:
        return _span(doc, according)
    governing = {anchor, *anchor.ancestors} if anchor is not None else set()
    for verb in reporting:
        if verb.dep_ == "conj" and verb.head in governing and _joined_by_a_conjunction(verb):
            continue  # "deployed troops … but denies planning an invasion": a claim about something else
        subject = _antecedent(_subject(verb), verb)
        if subject is not None and (verb.dep_ == "ROOT" or verb.head.dep_ == "ROOT" or _tells_a_clause(verb)):
            return _span(doc, subject)
    if reporting:
        # "…, Mohammed Asim, a hospital spokesman, told CBS News": the parser may give the verb
        # no subject, or a number of the toll before it as one
        return _trailing_attribution(doc.text)
    return _colon_attribution(doc.text)


def _tells_a_clause(verb: Token) -> bool:
    """"in an incident that the health ministry said killed 112 people": a reporting verb
    inside a relative clause on the happening, telling its toll, says who counted it (not
    "an explosion which the authorities said was caused by a car bomb": a cause told)."""
    return (verb.dep_ == "relcl" and lemma(verb.head).lower() in HAPPENING_NOUNS
            and any(c.dep_ == "ccomp" and lemma(c).lower() in TOLL_VERBS for c in verb.children))


TOLL_VERBS = {"kill", "wound", "injure", "leave"}
HAPPENING_NOUNS = {"incident", "attack", "strike", "airstrike", "raid", "assault", "shelling", "bombing",
                   "explosion", "blast", "ambush", "massacre", "clash", "shooting"}


def _joined_by_a_conjunction(verb: Token) -> bool:
    """"… but denies …" is a second clause; "…, the ministry said" parsed as one is the
    attribution of the first."""
    return any(c.dep_ == "cc" and verb.head.i < c.i < verb.i for c in verb.head.children)


def _reporting_verbs(doc: Doc, lexicon: Lexicon) -> list[Token]:
    """The sentence's reporting verbs ("said", "claimed"), found once per parse."""
    if "reporting" not in doc.user_data:
        doc.user_data["reporting"] = [t for t in doc if t.pos_ in ("VERB", "AUX")
                                      and lemma(t).lower() in lexicon.reporting_verbs
                                      and (t.lower_ != "put" or _puts_a_count(t)) and not _claims_lives(t)]
    return doc.user_data["reporting"]


COUNT_NOUNS = {"toll", "figure", "number", "count", "tally"}


def _puts_a_count(verb: Token) -> bool:
    """"A hospital source put the toll at 20" tells a count; "put the city under curfew" does not."""
    return (any(c.dep_ == "dobj" and lemma(c).lower() in COUNT_NOUNS for c in verb.children)
            and any(c.dep_ == "prep" and c.lower_ == "at" for c in verb.children))


def _colon_attribution(text: str) -> Optional[ClaimSpan]:
    m = COLON_ATTRIBUTION.search(text)
    return ClaimSpan(text=m.group("who"), start=m.start("who"), end=m.end("who")) if m else None


def _trailing_attribution(text: str) -> Optional[ClaimSpan]:
    m = TRAILING_ATTRIBUTION.search(text)
    if m is None:
        return None
    claim = ClaimSpan(text=m.group("who"), start=m.start("who"), end=m.end("who"))
    if m.group("role"):
        claim.role, claim.role_start, claim.role_end = m.group("role"), m.start("role"), m.end("role")
    return claim


def quote_attribution(text: str) -> Optional[str]:
    """The speaker named after a closing quote: "…,” the ministry said."""
    m = QUOTE_ATTRIBUTION.search(text)
    return LEADING_DET.sub("", m.group("who").strip()) if m else None


REPORTED_THIS = re.compile(r"^(?:(?P<who>[A-Z][^.;:“”\"]{2,90}?)\s+"
                           r"(?:reported|said|announced|stated|confirmed|wrote)\s+(?:this|so)\b|"
                           r"^This was (?:reported|announced|confirmed|stated) by\s+(?:the\s+)?"
                           r"(?P<by>[^.;:“”\"]{3,90}?)(?:\s+on\s+\w+|\s+in\s+a\s+\w+)?[.,])")


# "General Staff: Russia lost 1,100 soldiers", "ISPR: two soldiers martyred": a headline led by its source
HEADLINE_SOURCE = re.compile(r"^\s*(?P<who>[A-Z][\w.'’&-]*(?:\s+[\w.'’&-]+){0,5}):\s+(?=\S)")


def claim_for(sentence: Sentence, sentences: list[Sentence], anchor: int, lexicon: Lexicon,
              retold: Callable[[Sentence], bool] = lambda other: True) -> Optional[ClaimSpan]:
    """Whom a sentence attributes what stands at `anchor` to: its own claimant, else a
    source leading it before a colon, its paragraph's, a bulleted list's heading, or the
    speaker named after a quote. `retold` says whether a later sentence tells the same
    kind of happening again (only then does its speaker speak for this one)."""
    claim = sentence_claim(sentence, anchor, lexicon) or _headline_source(sentence.text, lexicon)
    if claim is None:
        claim = _paragraph_claimant(sentence, sentences, lexicon, retold)
    if claim is None and BULLET.match(sentence.text):
        claim = _list_source(sentence, sentences)
    if claim is None and sentence.text.lstrip().startswith(("“", '"')):
        for later in sentences[sentence.index:sentence.index + 3]:
            who = quote_attribution(later.text)
            if who:
                return ClaimSpan(text=who, start=-1, end=-1)
    return claim


def _headline_source(text: str, lexicon: Lexicon) -> Optional[ClaimSpan]:
    m = HEADLINE_SOURCE.match(text)
    if m is None or not (lexicon.official_pattern.search(m.group("who")) or lexicon.outlet_pattern.search(m.group("who"))):
        return None
    return ClaimSpan(text=m.group("who"), start=m.start("who"), end=m.end("who"))


def _list_source(sentence: Sentence, sentences: list[Sentence]) -> Optional[ClaimSpan]:
    """A bulleted list speaks for the body its heading names: "Highlights from the
    Russian Defense Ministry briefing:" then "▪️Russian troops liberated …"."""
    for other in reversed(sentences[max(0, sentence.index - 30):sentence.index]):
        if BULLET.match(other.text):
            continue
        m = LIST_SOURCE.search(other.text)
        return ClaimSpan(text=m.group("who").strip(), start=-1, end=-1) if m else None
    return None


def _paragraph_claimant(sentence: Sentence, sentences: list[Sentence], lexicon: Lexicon,
                        retold: Callable[[Sentence], bool]) -> Optional[ClaimSpan]:
    """A paragraph's attribution covers its other sentences: "… The ministry said."; a
    later sentence's speaker only where it tells the same kind of happening again ("The
    drone attack was confirmed by the governor"), not another one."""
    for other in sentences[max(0, sentence.index - 2):sentence.index + 3]:
        if other is sentence or other.line != sentence.line:
            continue
        if other.doc is None:
            # an unparsed sentence that only says who told the one before: "The governor reported this"
            told = _told_the_one_before(other, sentence)
            if told:
                return told
            # "The toll has reached 2,574, the health ministry said. More than 12,000 were hurt."
            trailing = _trailing_attribution(other.text)
            if trailing:
                return ClaimSpan(text=trailing.text, start=-1, end=-1, role=trailing.role)
            continue
        if other.index > sentence.index and not retold(other):
            # a later sentence that tells another happening speaks for that one, unless it only
            # says who told this one: "This was stated by the head of Crimea, …"
            told = _told_the_one_before(other, sentence)
            if told:
                return told
            continue
        claim = sentence_claim(other, 0, lexicon)
        if claim is not None and not claim.pronoun:
            return ClaimSpan(text=claim.text, start=-1, end=-1, role=claim.role)
    return None


def _told_the_one_before(other: Sentence, sentence: Sentence) -> Optional[ClaimSpan]:
    """The speaker of a sentence right after `sentence` that only says who told it."""
    told = REPORTED_THIS.match(other.text) if other.index == sentence.index + 1 else None
    return ClaimSpan(text=(told.group("who") or told.group("by")).strip(), start=-1, end=-1) if told else None


def sentence_claim(sentence: Sentence, anchor: int, lexicon: Lexicon, governing_only: bool = False) -> Optional[ClaimSpan]:
    """The claimant a sentence names for what stands at `anchor`. "Health Ministry
    figures" are the Health Ministry's; "satellite imagery" is nobody's."""
    claim = (find_claimant(sentence.doc, anchor, lexicon, governing_only)
             if sentence.doc is not None else None)
    head = NON_CLAIMANT_HEAD.search(claim.text) if claim else None
    if claim is not None and head is None and not claim.role and claim.start > 0:
        # "Chairman of the Joint Chiefs of Staff Gen. Dan Caine said": a title before the name
        offset = max(0, claim.start - 80)
        title = TITLE_BEFORE.search(sentence.text[offset:claim.start])
        if title and lexicon.official_pattern.search(title.group("title")):
            claim.role = title.group("title")
            claim.role_start, claim.role_end = offset + title.start("title"), offset + title.end("title")
    if head is None:
        return claim
    owner = claim.text[:head.start()].strip()
    if re.search(r"\b[A-Z]", owner) and (lexicon.official_pattern.search(owner)
                                         or lexicon.outlet_pattern.search(owner)):
        claim.text, claim.end = owner, claim.start + len(owner)
        return claim
    return None
