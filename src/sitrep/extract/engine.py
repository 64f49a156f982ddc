"""The extraction engine: an article's text in, its events out.

Per article: split into sentences (cheap), keep those a trigger word makes
candidates, parse only those, then for each candidate sentence build one event per
type it reports (with quantities, claimant, actor, target, place, date, evidence),
and hand them to `merge`, which makes one event of what one claimant tells of one
happening across sentences (ANNOTATION rule 3).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Callable, Iterable, Iterator, Optional

from ..language import Sentence, parse, split_sentences
from ..lexicon import Lexicon, canonical, load_lexicon
from ..models import (HAPPENING_PREFIX, REGION_OF_THE_ARTICLE, Article, ArticleResult, DateSpan, Event, Evidence,
                      Party, Place, Quantity)
from ..resolve.dates import OVERNIGHT, find_date, parse_published
from ..resolve.gazetteer import Gazetteer
from ..resolve.places import (HYPHEN_JOINED, LOWER, PlaceContext, PlaceMention, as_division, best_place, country_place,
                              division_mention, find_places, names_party)
from .actors import (NON_STATE_GENERIC, PartyMention, Sides, find_parties, is_defender, is_origin, is_target,
                     is_victim, names_groups_home, names_home, names_border, names_maker, resolve_party,
                     unnamed_attacker)
from .claimants import LEADING_DET, PRONOUNS, ClaimSpan, claim_for, sentence_claim
from .merge import Mention, is_barrage, merge, party_key
from .quantities import WITHOUT_SUPPLY, find_quantities
from .reader import DEFAULT_SUBTYPE, Reading, SentenceReader, reader_input
from .triggers import (COUNTED_DEATHS, LOOSE_PERIOD, TALLY_OVER_A_PERIOD, WAR_BEGAN, Trigger, article_at_war,
                       blast_of_the_strike, find_triggers, speaks_of_conflict, status_of, strike_subtype,
                       tells_of_armed_conflict, weapon_names)

CHUNK_CHARS = 200_000  # a longer text is extracted in pieces of about this size
ARTICLES_PER_BATCH = 32
CASUALTY_CUE = re.compile(r"\b(?:killed|killing|dead|died|toll|injur\w+|wounded|wounding|bodies|corpses)\b", re.IGNORECASE)
QUANTITY_HOME = {  # which event type a quantity kind belongs to, by preference
    "flights": ("disruption",), "evacuated": ("disruption",), "troops": ("deployment", "clash", "losses"),
    "casualties": ("losses", "strike", "clash", "violence"),
    "prisoners": ("losses", "violence", "clash", "territory"),
}
CASUALTY_HOMES = ("strike", "violence", "clash", "losses", "territory", "disruption", "deployment")
DATELINE = re.compile(r"^(?:date \d{4}-\d{2}-\d{2}\s+|.{0,60}?\((?:AP|UPI|Reuters|AFP|dpa)\)\s*[-—–]+\s*)")
ITS_FORCES = re.compile(r"\b(?:its|their) (?:forces|troops|units|army|military|air force)\b|"
                        r"\bit (?:has|had) (?:taken|captured|hit|struck|carried|launched|seized|destroyed)\b", re.I)
# "Hezbollah said it targeted Israeli positions": the speaker did it
SAID_IT_DID = re.compile(r"\b(?:said|says|claimed|claims|announced|announces|confirmed|stated)\s+"
                         r"(?:in\s+an?\s+(?:\w+\s+)?statement,?\s+)?(?:that\s+)?"
                         r"(?:on\s+\w+\s+|\w+day\s+)?it\s+(?:has\s+|had\s+)?[\"“']?(?:taken|captured|hit|struck|launched|seized|"
                         r"destroyed|targeted|attacked|shelled|bombed|fired|sent|deployed|dispatched|moved|liberated|"
                         r"retook|retaken|recaptured|regained|took|occupied)\b|"
                         # "JNIM claims to have killed 50 Russians"
                         r"\bclaim(?:s|ed)?\s+to\s+have\s+(?:killed|attacked|captured|seized|ambushed)\b", re.I)
# "killed in an attack by the paramilitary Rapid Support Forces": the doer told after the deed
ATTACK_BY = re.compile(r"\b(?:attacks?|raids?|assaults?|ambush(?:es)?|offensive|killed|carried out|committed)\s+"
                       r"by\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
# the state's own forces, named by what they are: "regime forces", "government troops"
HOME_FORCES = re.compile(r"(?<!anti-)\b(?:regime|government|pro-government|loyalist|junta|state|national)\s+"
                         r"(?:forces|troops|soldiers|army)\b(?!\s+(?:of|from)\b)", re.IGNORECASE)
# "eight soldiers killed in clashes with Hezbollah fighters": whom the dead fought
FOUGHT_WITH = re.compile(r"\b(?:clash(?:es)?|fighting|battles?|gunfights?|firefights?|encounters?|skirmish(?:es)?)\s+"
                         r"with\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
# "Russian drones", "US-UK airstrikes", "Saudi-led raids": the side whose weapons they are
OWNS_WEAPON = re.compile(rf"(?:'s|’s|{HYPHEN_JOINED})?\s+(?:\w+\s+)?(?:drones?|missiles?|rockets?|shells?|jets|warplanes|"
                         r"aircraft|(?:glide |guided )?bombs?|(?:air ?)?strikes?|airstrikes?|raids?|shelling|"
                         r"bombardment|offensive)\b", re.I)
# "at the American ship", "a US-owned and operated vessel": a side named as a ship's flag or owner
VESSEL_AFTER = re.compile(r"(?:-(?:flagged|owned|operated)(?:\s+and\s+operated)?)?\s+"
                          r"(?:(?:navy|naval|merchant|commercial|cargo|oil|container|bulk|guided-missile|missile|war)\s+){0,2}"
                          r"(?:ships?|vessels?|tankers?|freighters?|carriers?|destroyers?|warships?|frigates?)\b", re.I)
ITS_ATTACKS = re.compile(r"(?:'s|’s)?\s+(?:\w+\s+)?attacks\b", re.I)  # "Russian attacks killed seven": a toll's cause
POSSESSIVE = re.compile(r"(?:'s|’s)\s+")
CLAIMANT_DEFENDED = re.compile(r"\b(?:it|they) (?:had )?(?:intercepted|shot down|downed|repelled|destroyed)\b", re.I)
WEAPON_AFTER = re.compile(rf"^(?:'s|’s|{HYPHEN_JOINED})?\s+(?:\w+\s+){{0,2}}(?:drones?|missiles?|rockets?|forces|troops|army|military|"
                          r"units|soldiers|strikes?|attacks?|jets|warplanes|shells?|artillery|aircraft)\b", re.I)
# "a contingent of 210 Kenyan police officers arrived": whose forces were sent, not a target
FORCES_AFTER = re.compile(r"(?:'s|’s)?\s+(?:[\w-]+\s+){0,2}(?:troops|soldiers|forces|police|officers|peacekeepers|"
                          r"marines|units|contingent|army|military|personnel|special forces)\b", re.I)
# "Mr Hagari" is the Daniel Hagari named before; "the Kurdish-led SDF forces" are the SDF
SURNAME = re.compile(rf"[A-Z][{LOWER}'’-]{{2,}}")
NOT_GIVEN_NAMES = frozenset("the a an on in at and but as said says mr mrs ms dr general president governor mayor "
                            "monday tuesday wednesday thursday friday saturday sunday january february march april "
                            "may june july august september october november december".split())
HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Gen|Col|Maj|Lt|Capt|Brig)\.?\s+")
# what may follow a group's name in a claimant that is the group itself: "RSF forces",
# "the Rapid Support Forces (RSF)"
GROUP_TAIL = re.compile(r"(?:\s+(?:forces|fighters|group|militia|movement|rebels))?(?:\s*\([A-Z][\w-]{1,9}\))?\s*",
                        re.I)
SIDES_CARRY_OVER = {"strike", "clash", "violence"}
ACCOUNT_WINDOW = 3  # sentences after a happening in which a denial or a claim is still of it
TOLL_WINDOW = 6  # sentences after a happening in which "the death toll rose to 30" is still its toll
TOLL_OF_THE_LAST = re.compile(r"\b(?:death toll|toll)\b", re.IGNORECASE)
NO_ONE = re.compile(r"(?:no|none|nobody|no one)\b", re.IGNORECASE)
OWNED = re.compile(r"\b(?:responsib|credit)", re.IGNORECASE)  # "claimed responsibility for": who did it
TOWN_HARM = re.compile(r"\b(?:killed|injured|wounded|died)\b", re.I)
TOLL_ELSEWHERE_TYPES = {"strike", "violence"}  # happenings whose toll in another region is a happening there
SIDES_WINDOW = 2  # sentences
# "the Israeli military ordered residents to leave", "the junta cut mobile connections"
ORDERED_AFTER = re.compile(r"(?:['’]s)?\s+(?:[\w-]+\s+){0,3}?(?:ordered|orders|issued|issues|told|tells|called on|calls on|"
                           r"urged|urges|cut|cuts|shut|shuts|blocked|blocks|imposed|imposes)\b", re.I)
CONTEXT_DAY_WINDOW = 5  # sentences a named day carries over (ANNOTATION rule 21)
LEAD_SENTENCES = 3  # the lead, whose day an event the text gives no day for takes
STRIKE_ECHO_WINDOW = 5  # sentences after a strike in which a bare blast is still its blast
UNVERIFIED_NOTE = re.compile(r"\b(?:could|can|was|were) not (?:be )?(?:independently )?(?:verif|confirm)", re.I)
DEFENCE_SPELLING = re.compile(r"defen[cs]e", re.IGNORECASE)
DEFENDERS_VOICE = re.compile(r"^(?:the\s+)?(?:defen[cs]e ministry|ministry of defen[cs]e|military|army|air force|"
                             r"air defen[cs]e(?:s| forces)?|armed forces|general staff)$", re.IGNORECASE)
DEFENCE_WORDS = re.compile(r"\b(?:intercept\w*|shot down|shoots down|downed|downs|destroyed|destroys|repelled|"
                           r"air[- ]defen[cs]es?|neutrali[sz]ed|suppressed)\b", re.IGNORECASE)
# an outlet named by its title and what it is: "the Baza news outlet", "the Oryx blog"
OUTLET_BY_ITS_TITLE = re.compile(r"(?P<title>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})\s+(?:(?:news|media|online)\s+)?"
                                 r"(?:outlet|newspaper|website|site|blog|portal|daily|weekly|broadcaster|channel)")
MEDIA_TAIL = re.compile(r"(?:\s+(?:TV|television|satellite|news|network|channel|agency|newspaper|website|outlet|"
                        r"broadcaster|radio))*\s*", re.IGNORECASE)
MAKER_AFTER = re.compile(r"-(?:built|made|supplied|designed|manufactured|produced|backed|led|run|funded|trained|"
                         r"armed|controlled|held|appointed|installed)\b", re.IGNORECASE)
# "… since Hamas attacked Israel on October 7": a day where a long stretch began (`_day_of_the_past`)
SINCE_BEFORE = re.compile(r"\bsince\b[^.;,]*$", re.IGNORECASE)
# "the group said", "the militant organisation claimed": an organisation told before
THE_GROUP = re.compile(r"(?:(?:the|this)\s+)?(?:(?:militant|armed|jihadist|rebel|insurgent|terrorist|extremist|"
                       r"Islamist|Shiite|Sunni|pro-[\w-]+|[\w]+-(?:backed|linked|allied|aligned))\s+)?"
                       r"(?:group|organi[sz]ation|outfit|movement|militia)", re.IGNORECASE)
# "the group seized Wad Madani", "the group said it liberated …": the group spoken of, as subject
THE_GROUP_BEFORE = re.compile(r"\b(?:the|this)\s+(?:group|militia|paramilitar(?:y|ies)|movement|rebels|militants|"
                              r"insurgents|jihadists)\s+(?:(?:had|has|have|also|then|later|reportedly|\w+ly)\s+)*$",
                              re.IGNORECASE)
# An event placed only in a country takes the article's region where this share of the
# article's events placed in a division of that country lie in one
REGION_SHARE = 0.6
NATIONWIDE = re.compile(r"\b(?:across|throughout|all over)\s+(?:the\s+)?(?:country|nation|[A-Z][\w-]+)\b|"
                        r"\b(?:nationwide|country-?wide|regions|provinces|oblasts|governorates|states)\b")
# "under full Russian control", "under the control of the Malian army": who holds the place
UNDER_CONTROL = re.compile(r"under\s+(?:the\s+)?(?:full\s+|complete\s+|total\s+)?(?:[\w-]+\s+){0,2}?control"
                           r"(?:\s+of\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}?(?:army|military|forces|troops|government|"
                           r"junta|rebels|fighters|militants|[A-Z][\w’'-]+))?", re.IGNORECASE)
FELL_TO = re.compile(r"(?:fell|falls|fall|fallen)\s+to\s+", re.IGNORECASE)  # "fell to the Taliban": who took it
# "the Britain-based Observatory", "the Paris-based group", "the NGO": a body named before, now by
# what it is; the word that says so finds its name
DESCRIPTION_ONLY = re.compile(r"(?:(?:[A-Z][\w.]*-based|UN|U\.N\.|international|humanitarian|independent|aid|"
                              r"rights|human rights|monitoring|medical|war)\s+)*"
                              r"(?P<head>observatory|watchdog|monitor|NGO|charity|organi[sz]ation|group)", re.IGNORECASE)
# "the US-based Sudan Conflict Observatory", "UN agency International Organisation for Migration",
# "flag carrier El Al Israel Airlines": the name after its description
DESCRIBED_NAME = re.compile(r"(?:[A-Z][\w.]*-based|(?:UN|U\.N\.)\s+(?i:agency|body),?|(?i:(?:flag|national)\s+carrier|"
                            r"(?:local\s+)?news\s+website|(?:human\s+)?rights\s+group|monitoring\s+group|aid\s+group|"
                            r"charity|watchdog))\s+(?:the\s+)?(?P<name>[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|of|for|on|and|the|de|du))*)"
                            r"(?:\s+\([A-Z]{2,8}\))?")
ORGANISATION = re.compile(r"\b(?:group|organi[sz]ation|watch|movement|front|committee|council|network|observatory|"
                          r"union|association|coalition|forces|army|brigades?)\b", re.IGNORECASE)
THE_STATEMENT = re.compile(r"(?:(?:the|this|that|a|its|their)\s+)?(?:(?:daily|latest|weekly|press)\s+)?"
                           r"(?:statement|communiqu[eé]|report|release|bulletin|briefing|readout|"
                           r"announcement|post|update|message)", re.IGNORECASE)
# "the Moscow-installed mayor", "the Kyiv-based outlet": a seat of power or of a newsroom, not a scene
SEAT_OF_POWER_AFTER = re.compile(r"-(?:installed|appointed|based|aligned|allied|imposed|controlled|run|led)\b",
                                 re.IGNORECASE)
# "sought to buy and develop new drones": what a side can do, not what it did
CAPABILITY = re.compile(r"\b(?:buy|bought|develop\w*|acquir\w+|produc\w+|manufactur\w+|procur\w+)\s+"
                        r"(?:[\w“”\"-]+\s+){0,4}?[“\"]?(?:drones|missiles|weapons|systems|umbrellas|defen[cs]es)\b",
                        re.IGNORECASE)
NEWS_AGENCY = re.compile(r"\b(?:news agency|state (?:news|TV|television|broadcaster))\b", re.IGNORECASE)
# a person who speaks for a group is named as the person ("Houthi military spokesman Yahya Sarea")
PERSON_ROLE = re.compile(r"\b(?:spokes\w+|leader|commander|chief|head|official|founder|member)\b", re.IGNORECASE)
NAMED_AFTER_STATE = re.compile(r"-based\b|\b(?:media|outlets?|channels?|bloggers?|newspapers?|investigation|"
                               r"hospital|airlines?|carrier|company|charity|rights group)\b", re.IGNORECASE)
GOVERNING_BODY = re.compile(r"\b(?:ministry|government|authorities|administration)\b", re.IGNORECASE)
MANY_REGIONS = re.compile(r"\b(?:over|across|in|on|at)\s+(?:the\s+)?(?:several|multiple|various|many|numerous|\d+|two|three|"
                          r"four|five|six|seven|eight|nine|ten|\w+teen|a number of|a dozen)\s+(?:[\w-]+\s+)?"
                          r"(?:regions|provinces|oblasts|cities|areas|districts|governorates|states|towns)\b|"
                          r"\bacross\s+(?:the\s+)?(?:country|nation)\b", re.IGNORECASE)
PLACE_OF_NUMBER = re.compile(r"(?:\s+[\w-]+){0,4}?\s+(?:over|above|in)\s+(?:the\s+)?(?:territory\s+of\s+(?:the\s+)?)?", re.IGNORECASE)
CLAIMED_RESPONSIBILITY = re.compile(r"\bclaim(?:ed|s)?\s+(?:full\s+)?responsibility\b", re.IGNORECASE)
# where a trigger's own clause ends, or turns to where its weapons came from ("launched by the Houthis in Yemen")
CLAUSE_AFTER_TRIGGER = re.compile(r"[,;:()]|\s(?:and|but|while|as|after|before|when|which|who|that|from|by|"
                                  r"launched|fired)\s", re.IGNORECASE)
# "in the besieged port city", "near the town": a town told of by its kind alone, not followed
# by its name ("the town of Bakhmut" names it)
THE_TOWN = re.compile(r"\b(?:in|into|near|around|outside|on|inside|across|of|for|at)\s+(?:the|this|that)\s+"
                      r"(?:(?:besieged|embattled|frontline|front-line|strategic|eastern|western|northern|southern|"
                      r"central|key|devastated|ruined|occupied|encircled|port|industrial|mining|border|coastal|"
                      r"small|town's|city's)\s+){0,3}(?:city|town|village|settlement)\b(?!\s+of\b|['’]s)",
                      re.IGNORECASE)
THE_REGION = re.compile(r"\b(?:in|into|across|of|over|throughout)\s+the\s+(?:(?:border|frontline|front-line|"
                        r"eastern|western|northern|southern|occupied|embattled)\s+)?(?:region|province|oblast|governorate|"
                        r"state)\b(?!\s+of\b|['’]s)", re.IGNORECASE)
# people told killed, wounded, raped or taken: a happening, not a habit (ANNOTATION rule 1)
PEOPLE_HARMED = re.compile(r"\b(?:were|was|been|had|have|has)\s+(?:\w+\s+)?(?:killed|shot|shot dead|wounded|injured|"
                           r"raped|abducted|kidnapped|executed|beheaded|murdered|taken hostage)\b|"
                           r"\b(?:killed|shot dead|wounded|raped|abducted|kidnapped|executed|beheaded|murdered)\s+"
                           r"(?:them|him|her|(?:the\s+)?(?:women|men|children|civilians|villagers|residents|people))\b",
                           re.IGNORECASE)
HABITUAL = re.compile(r"\b(?:repeated(?:ly)?|regularly|routinely|frequently|often|continually|constantly|"
                      r"for (?:many )?(?:months|years|weeks)(?: now)?|(?:has|have) continued|continues? to|"
                      # "Our units are fighting in Bakhmut" is a fight at a place, not a habit
                      r"(?:is|are|has been|have been) fighting(?! (?:in|on|near|around|inside|outside) )|"
                      r"throughout the war|time and again)\b", re.IGNORECASE)


LOCAL_OFFICIAL = re.compile(
    r"\b(?:mayor|governor|Gov(?=\.)|regional (?:head|chief|administration|authorities|officials?)|"
    r"(?:city|regional|military) administration|head of the (?:city|region)|local (?:authorities|officials?|government)|"
    r"district (?:head|chief|commissioner|administrator)|"
    # "one resident of Djibo told AFP": a witness speaks from where it happened
    r"residents? (?:of|in)|witness(?:es)? in|survivors? (?:of|in)|people in)\b",
    re.IGNORECASE)


POSSESSIVE_END = re.compile(r"\s*['’]s?$")
# "Kyiv launched", "Israel later responded": a capital or a country as the subject of what a state does
COORDINATED_NAME = re.compile(r"\s+and\s+(?:the\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?")
METONYMY_AFTER = re.compile(
    r"^\s+(?:(?:later|then|also|again|now|reportedly|allegedly|itself|\w+ly)\s+)?"
    r"(?:has|have|had|is|was|were|will|would|launched|said|says|claimed|carried|fired|sent|deployed|denied|"
    r"announced|accused|struck|strikes|hit|attacked|attacks|regime|responded|retaliated|targeted|targets|bombed|"
    r"shelled|shot|downed|intercepted|used|uses|conducted|began|started|continued|launches|fires|reported|"
    r"reports|warned|confirmed|estimated|estimates|insisted|insists|stated|added|blamed|blames|hoped|hopes|"
    r"wants?|wanted|sought|seeks|plans?|planned|agreed|agrees|refused|refuses|rejected|rejects|demanded|demands|"
    r"believes?|believed|decided|ordered|tried|tries|aims?|aimed|expects?|expected|vowed|vows|threatened|"
    r"threatens|urged|urges|pledged|promised|signed|sees|saw|suffered|suffers|lost|loses|faces|faced|"
    # the acts of a state as a whole: "Jordan evacuated 343 people", "Rwanda deployed 1,000 troops"
    r"evacuated|evacuates|released|releases|closed|closes|captured|captures|seized|seizes|took|takes|"
    r"destroyed|destroys|repelled|repels|called|calls|mobili[sz]ed|mobili[sz]es|withdrew|withdraws|pulled|"
    r"massed|amassed|stationed|dispatched|sends|deploys|recalled|condemned|condemns|admitted|admits|"
    r"acknowledged|acknowledges|dismissed|dismisses|retook|recaptured|invaded|invades|joined|joins|"
    # a state speaking or acting in a clause of its own: "with Moscow saying it withdrew"
    r"saying|claiming|insisting|denying|accusing|announcing|warning|adding)\b")
# "in Moscow's favour", "Kyiv's counteroffensive": what a state has or does, not a place
METONYMY_POSSESSIVE = re.compile(
    r"^(?:'s|’s)\s+(?:\w+\s+)?(?:favou?r|forces|troops|army|military|regime|war|invasion|(?:counter)?offensive|"
    r"advance|gains|losses|campaign|claims?|strategy|plans?|bid|push|leadership|government|allies|side|control|"
    r"attacks?|strikes?|drones?|missiles?|assault|operation|victory|defeat|retreat|withdrawal|positions|lines|"
    r"estimates?|figures?|data|assessment|count|tally)\b",
    re.IGNORECASE)
# "drone attacks by Kyiv", "accused Moscow": the state, not the place
METONYMY_BEFORE = re.compile(r"\b(?:by|accused|accusing|accuse|accuses|blamed|blaming|blame|blames)\s+$",
                             re.IGNORECASE)
LAST_WORD = re.compile(r"([\w'’-]+)\s*$")
# "a military base in central Somalia has been overrun": named after a preposition of place, where
LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|inside|outside|across|throughout)\s+(?:the\s+)?"
                             r"(?:(?:north|south|east|west|central)\w*\s+)?$", re.IGNORECASE)
# "eliminated 5,390 servicemen", not "41,980 killed and wounded" (a toll) nor "were killed"
INFLICTED = re.compile(r"(?<!been )(?<!were )(?<!was )(?<!are )(?<!is )(?<![\d,] )"
                       r"\b(?:eliminated|killed|destroyed|inflicted|neutrali[sz]ed|wiped out|took out)\b"
                       r"(?!\s+(?:and|or)\s+(?:wounded|injured))", re.I)
CIVILIAN_DEAD = re.compile(r"\b(?:civilians|people|Palestinians|Lebanese|children|women|residents|villagers|"
                           r"worshippers|patients|journalists|aid workers)\b", re.IGNORECASE)
RETAKEN = re.compile(r"\b(?:liberat(?:ed|es|ing|ion)|regain(?:ed|s)?|recaptur(?:ed|es|ing)|retook|retaken|"
                     r"reclaim(?:ed|s)?)\b", re.I)
# The whole dateline a sentence opens with, mixed case too ("Moscow, Sept 27, (dpa) –", "KYIV:"):
# no place in it is where the event was. DATELINE_CITY below reads the city of an all-caps one.
FILED_FROM = re.compile(r"^(?:date \d{4}-\d{2}-\d{2}\s+)?[A-Z][A-Za-z.'’-]+(?:\s[A-Z][A-Za-z.'’-]+){0,2}"
                        r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|[A-Z][A-Za-z]+))?,?\s*(?:\([^)]{1,30}\))?\s*[–—]\s|"
                        r"^[A-Z][A-Z.'’-]+(?:\s[A-Z][A-Z.'’-]+){0,2}:\s")
DATELINE_CITY = re.compile(r"^\s*(?P<city>[A-Z][A-Z .'-]{2,30}?)(?:,\s*[^–—-]{0,40})?\s*(?:\([^)]*\))?\s*[–—-]\s")
AIR_CONTEXT_MENTIONS = 2  # one passing mention of airstrikes does not make a report about them
AIR_CONTEXT = re.compile(r"\b(?:air ?strikes?|airstrikes?|air raids?(?!\s+(?:alerts?|alarms?|sirens?|warnings?|shelters?))|"
                         r"warplanes?|fighter jets?|bombers?|air force jets|carrier jets)\b", re.IGNORECASE)
BORDER_AFTER = re.compile(r"(?:'s|’s)\s+(?:\w+\s+)?borders?\b", re.IGNORECASE)
UNLISTED_SCENE = re.compile(r"\b(?:at|in|near|on|outside)\s+(?:the\s+)?(?:(?:village|town|camp|base|front)\s+of\s+)?"
                            rf"(?P<name>(?:(?:al|el|ad|ar|as|ash|at|az|an)-)?[A-Z][{LOWER}'’]+(?:[\s-][A-Z][{LOWER}'’]+)?)|"
                            # "torched Inn Sa village", "raided Taung Kyar village"
                            rf"\b(?P<named>[A-Z][{LOWER}'’]+(?:[\s-][A-Z][{LOWER}'’]+)?)\s+(?:village|hamlet|township|camp)\b")
NOT_SCENES = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april may june "
                       "july august september october november december jan feb mar apr jun jul aug sep sept oct nov "
                       "dec mon tue tues wed thu thurs fri sat sun the this that facebook telegram twitter x "
                       "a an his her their its".split())
OWN_GROUND = re.compile(r"\b(?:on|along|to|at|near|towards?)\s+(?:its|their)\s+(?:own\s+)?(?:[\w-]+\s+){0,2}"
                        r"(?:coast|coastline|borders?|frontier|territory|soil|side)\b", re.IGNORECASE)
NAMED_BORDER_AFTER = re.compile(r"\s+(?:border|frontier)\b(?!\s+(?:guards?|force|forces|police|troops|service)\b)")
ADJECTIVE_BORDER_BEFORE = re.compile(r"\b(?P<side>[A-Z][a-z]+)\s+(?:border|frontier)\s+(?:near|at|close to|around|by)\s+"
                                     r"(?:the\s+)?(?:[\w-]+\s+){0,4}$")
BORDER_BEFORE = re.compile(r"\b(?:around|along the border of|(?:opposite|other) side of|borders? with|frontier with|"
                           r"bordering|bordered by|adjacent to)\s+"
                           r"(?:the\s+)?$", re.IGNORECASE)
# "Tinzaouatene, near Algeria", "a town bordering Algeria": a neighbouring country as a bearing
AT_A_BORDER = re.compile(r"\b(?:borders?|frontier)\s+with\b", re.IGNORECASE)
TRUCE_BEFORE = re.compile(r"\b(?:cease-?fire|truce|peace (?:deal|talks|agreement|process)|armistice)\s+"
                          r"(?:\w+\s+){0,2}?(?:in|for|on)\s+(?:the\s+)?$", re.IGNORECASE)
NEAR_COUNTRY = re.compile(r"\b(?:near|close to|adjacent to|not far from|bordering|(?:border|frontier) with)\s+"
                          r"(?:the\s+)?$", re.IGNORECASE)
DISTANCE_FROM = re.compile(r"\b\d[\d,.]*\s*(?:km|kilometres?|kilometers?|miles?)\s+(?:\(\d[\d,.]* miles?\)\s+)?"
                           r"(?:\w+[- ])?(?:\w+\s+)?(?:of|from)\s+(?:the\s+)?(?:\w+\s+)?$", re.IGNORECASE)
DATE_MARKER = re.compile(r"^(?:date|updated|published)\b", re.IGNORECASE)
# Time words a claimant span can drag along: a live blog's "05-03 " stamp before it,
# "on Wednesday" after it ("05-03 Russian authorities on Wednesday").
CLAIMANT_TIME = re.compile(
    r"^\d{1,2}[-/.:]\d{1,2}\s+|\s+(?:on|late|early|last)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday)(?:\s+(?:night|morning|afternoon|evening))?$")
# Claimants that speak for no state: international bodies, aid groups, monitors, researchers.
STATELESS_CLAIMANT = re.compile(
    r"(?:\bU\.N\.(?!\w)|\b(?:UN|UNICEF|UNHCR|OCHA|WHO|ICRC|MSF|NGO|ISW|ACLED)\b|"
    r"\b(?i:United Nations|Unicef|Red Cross|Red Crescent|M[ée]decins|charity|(?:International|Rescue|Protect\w*) Committee|Committee (?:of|for|to)|network|"
    r"lab(?:oratory)?|observatory|monitor(?:s|ing group)?|researchers?|analysts?|experts?|activists?|witnesses|"
    r"residents|doctors'? (?:group|network|union)|Amnesty|Human Rights Watch|think tank|"
    r"Institute for the Study of War|Airwars|news (?:site|website|portal|agency|agencies)s?|media outlets?|"
    r"Telegram channels?|(?:military )?bloggers?|newspapers?|broadcasters?|"
    r"(?:Resistance|Struggle|Emergency) Committees?)\b)")
REGIONAL_OFFICIAL = re.compile(r"governor|regional", re.IGNORECASE)


@dataclass
class ArticleContext:
    article: Article
    published: Optional[date]
    sides: Sides
    places: list[PlaceMention]  # from the seed list only
    # the same, less countries named for whose troops they are ("four US special troops")
    places_not_owning_forces: list[PlaceMention] = field(default_factory=list)
    about: PlaceContext = field(default_factory=PlaceContext)  # its countries and divisions, by mentions
    at_war: bool = True  # the article speaks of armed conflict somewhere
    dateline_place: Optional[Place] = None  # "MADRID – …": where the report was filed, a last resort
    claimant_memory: dict[str, Party] = field(default_factory=dict)
    officials_places: dict[str, PlaceMention] = field(default_factory=dict)  # "governor" → Belgorod Oblast
    last_strike_sentence: int = -100
    responsible: Optional[Party] = None  # the one party the article says claimed its attacks
    last_claimant: Optional[Party] = None
    # the claimants named in full so far, by their last word: "Terekhov" and "the source"
    # named again are "Ihor Terekhov" and "a senior army source"
    claimants_by_last_word: dict[str, Party] = field(default_factory=dict)
    last_place: Optional[Place] = None
    # the sides of the last strike, clash or act of violence told: "the strike on a shelter killed
    # 12" a line after "RSF drones struck El Fasher" was the RSF's
    last_sides: dict[str, tuple[int, Optional[Party], Optional[Party]]] = field(default_factory=dict)
    last_day: Optional[DateSpan] = None
    last_day_sentence: int = -1
    rule_triggers: list[list[Trigger]] = field(default_factory=list)  # by sentence index
    vetoes: list[list[str]] = field(default_factory=list)  # the exceptions that set a trigger aside, by sentence
    set_aside: list[list[str]] = field(default_factory=list)  # triggers whose event nothing pinned down, by sentence
    readings: list[Optional[Reading]] = field(default_factory=list)  # the sentence reader's, by sentence index
    parties_by_sentence: list[list[PartyMention]] = field(default_factory=list)
    borders_by_sentence: list[list[PartyMention]] = field(default_factory=list)  # states named for a border


class Extractor:
    """Extracts events from articles. Create once; reuse for many articles."""

    def __init__(self, lexicon_dirs: Iterable[str] = (), place_files: Iterable[str] = (),
                 reader: Optional[SentenceReader] = None, explain: bool = False):
        self.lexicon: Lexicon = load_lexicon(tuple(lexicon_dirs), tuple(place_files))
        self.explain = explain  # keep each result's trace of rules fired and vetoed
        # The trained sentence reader (`load_reader()`), off by default: on the set-aside
        # slices it adds less than it costs the devset (README, "The sentence reader").
        self.reader = reader

    def extract(self, article: Article) -> ArticleResult:
        return next(iter(self.extract_many([article])))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        """Results in input order; candidate sentences of a batch of articles are
        parsed together, so the parser runs in large batches."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= ARTICLES_PER_BATCH:
                yield from self._extract_batch(batch)
                batch = []
        if batch:
            yield from self._extract_batch(batch)

    def _extract_batch(self, articles: list[Article]) -> Iterator[ArticleResult]:
        for article in articles:
            events: list[Event] = []
            trace: list[dict] = []
            for offset, chunk in _chunks(article.text or ""):
                events.extend(self._extract_text(article, chunk, offset, trace))
            for n, event in enumerate(events, 1):
                event.id = f"{article.id or 'article'}-{n}"
            yield ArticleResult(article=article, events=events, trace=trace)

    # -- one text ---------------------------------------------------------------

    def _extract_text(self, article: Article, text: str, offset: int, trace: list[dict]) -> list[Event]:
        sentences = split_sentences(text)
        at_war = article_at_war(text, self.lexicon)
        vetoes: list[list[str]] = []
        # whether each sentence holds a trigger word, searched once: the costliest scan
        worded = [not s.noise and self.lexicon.any_trigger(s.text) for s in sentences]
        rule_triggers = rule_triggers_by_sentence(sentences, self.lexicon, at_war, vetoes, worded,
                                                  armed=tells_of_armed_conflict(text, self.lexicon))
        # each sentence's parties, found once: for the reader, the article's sides and each event
        # ("Iranian-made drones" name who built the weapon, not a side)
        found_by_sentence = [[] if s.noise else find_parties(s.text, self.lexicon) for s in sentences]
        parties_by_sentence = [[p for p in found if not names_maker(s.text, p) and not names_border(s.text, p)]
                               for s, found in zip(sentences, found_by_sentence)]
        # "troops on the Kosovo border": a state named for its border, where forces stand beside it
        borders_by_sentence = [[p for p in found if names_border(s.text, p)]
                               for s, found in zip(sentences, found_by_sentence)]
        readings = self._read(sentences, rule_triggers, parties_by_sentence)
        candidates = [s for s in sentences if not s.noise and (
            self._is_candidate(s.text, worded[s.index]) or rule_triggers[s.index]
            or self.lexicon.status_cues["denies_the_last"].search(s.text)
            or self.lexicon.status_cues["owns_the_last"].search(s.text)
            or (at_war and self._learned_types(s, rule_triggers, vetoes, readings)))]
        for sentence, doc in zip(candidates, parse(s.text for s in candidates)):
            sentence.doc = doc
        parties = [m for found in parties_by_sentence for m in found]
        seed_places = find_places(text, self.lexicon, gazetteer=False)
        context = ArticleContext(
            article=article, published=parse_published(article.published),
            sides=Sides(parties, self.lexicon), places=seed_places,
            places_not_owning_forces=[p for p in seed_places if not FORCES_AFTER.match(text, p.end)],
            about=PlaceContext(Counter([p.entry.country for p in seed_places if p.entry.country]
                                       + [m.entry.country for m in parties if m.entry.country]
                                       + self._grounds_of_groups(parties)),
                               Counter(p.entry.admin1 for p in seed_places if p.entry.admin1),
                               Counter(p.entry.admin1 for p in seed_places if p.entry.kind == "admin1" and p.entry.admin1)),
            at_war=at_war,
            responsible=_claimed_responsibility(text, self.lexicon),
            dateline_place=dateline_place(text, self.lexicon),
            rule_triggers=rule_triggers, vetoes=vetoes, set_aside=[[] for _ in sentences], readings=readings,
            parties_by_sentence=parties_by_sentence, borders_by_sentence=borders_by_sentence)
        mentions: list[Mention] = []
        for sentence in sentences:
            if sentence.doc is None:
                self._note_context(sentence, context)
                if mentions and not sentence.noise and re.search(r"\d", sentence.text):
                    # "The force was estimated at 750 fighters and 150 vehicles": no trigger, no parse
                    self._attach_orphan_quantities(sentence, mentions[-1], context)
                continue
            found = self._sentence_mentions(sentence, sentences, context)
            if mentions:
                found = [self._toll_of_the_last(m, mentions) for m in found]
            if not found and mentions:
                found = (self._account_of_the_last(sentence, mentions[-1], context)
                         or self._toll_elsewhere(sentence, sentences, mentions[-1], context)
                         or self._attach_orphan_quantities(sentence, mentions[-1], context))
            mentions.extend(found)
        if self.explain:  # after the events are built: a trigger may yet be set aside as not pinned down
            trace.extend(_trace(sentences, rule_triggers, [v + a for v, a in zip(vetoes, context.set_aside)], readings,
                                offset))
        events = merge(mentions)
        _air_strikes_by_context(events, text)
        _region_of_the_article(events, self.lexicon)
        _apply_verification_notes(events, sentences)
        _date_by_report(events, context.published, _lead_day(sentences, context.published))
        for event in events:
            for ev in event.evidence:
                ev.start += offset
                ev.end += offset
        return events

    def _read(self, sentences: list[Sentence], rule_triggers: list[list[Trigger]],
              parties_by_sentence: list[list[PartyMention]]) -> list[Optional[Reading]]:
        """The reader's scores for each sentence (None for page furniture, or with no reader)."""
        if self.reader is None:
            return [None] * len(sentences)
        read = [s for s in sentences if not s.noise]
        inputs = [reader_input(s.text, {t.type for t in rule_triggers[s.index]}, parties_by_sentence[s.index])
                  for s in read]
        readings: list[Optional[Reading]] = [None] * len(sentences)
        for sentence, reading in zip(read, self.reader.read(inputs)):
            readings[sentence.index] = reading
        return readings

    def _learned_types(self, sentence: Sentence, rule_triggers: list[list[Trigger]], vetoes: list[list[str]],
                       readings: list[Optional[Reading]]) -> list[str]:
        """The types the reader alone finds, in a sentence that itself speaks of conflict
        ("Nine of them were destroyed" leans on the sentence before, which the rules read)
        and where no named exception set a trigger aside ("seized bags of heroin in raids")."""
        reading = readings[sentence.index]
        if (reading is None or self.reader is None or vetoes[sentence.index]
                or not speaks_of_conflict(sentence.text, self.lexicon)):
            return []
        return reading.adds(self.reader.thresholds, {t.type for t in rule_triggers[sentence.index]})

    def _triggers(self, sentence: Sentence, context: ArticleContext) -> list[Trigger]:
        """The rules' triggers, plus those the reader alone finds (in an article at war)."""
        triggers = context.rule_triggers[sentence.index]
        if not context.at_war:
            return triggers
        return triggers + [self._learned_trigger(sentence, etype)
                           for etype in self._learned_types(sentence, context.rule_triggers, context.vetoes,
                                                            context.readings)]

    def _learned_trigger(self, sentence: Sentence, etype: str) -> Trigger:
        """A trigger for a type only the reader found: placed on the sentence's main verb."""
        root = next((t for t in sentence.doc if t.dep_ == "ROOT"), None) if sentence.doc is not None else None
        start, end = (root.idx, root.idx + len(root)) if root is not None else (0, 0)
        subtype = strike_subtype(sentence.text, self.lexicon) if etype == "strike" else DEFAULT_SUBTYPE[etype]
        return Trigger(etype, subtype, start, end, sentence.text[start:end], f"reader.{etype}")

    def _is_candidate(self, text: str, worded: bool) -> bool:
        return bool(worded or
                    (CASUALTY_CUE.search(text) and re.search(r"\d|\b(?:one|two|three|four|five|six|seven|eight|"
                                                             r"nine|ten)\b", text, re.I)))

    def _note_context(self, sentence: Sentence, context: ArticleContext) -> None:
        when = find_date(DATELINE.sub("", sentence.text), context.published)
        if when and when.precision == "day" and not sentence.noise and not _day_of_the_past(sentence.text, when):
            context.last_day, context.last_day_sentence = when, sentence.index
        places = [p for p in find_places(sentence.text, self.lexicon, context.about)
                  if not names_party(sentence.text, p) and self._is_scene(sentence.text, p)]
        best = best_place(places)
        if best and not sentence.noise and not best.is_supranational:
            context.last_place = best.to_place()

    # -- one sentence -----------------------------------------------------------

    def _sentence_mentions(self, sentence: Sentence, sentences: list[Sentence], context: ArticleContext,
                           triggers: Optional[list[Trigger]] = None) -> list[Mention]:
        text, lex = sentence.text, self.lexicon
        triggers = triggers or self._triggers(sentence, context)
        if not triggers:
            self._note_context(sentence, context)
            return []
        counted = self._counted_types(triggers)
        quantities = find_quantities(text, lex, counted[0], base=sentence.start)
        told_types = {t.type for t in triggers}
        claim = claim_for(sentence, sentences, triggers[0].start, self.lexicon,
                          retold=lambda other: any(t.type in told_types for t in context.rule_triggers[other.index]))
        claimant = self._claimant_party(claim, context) if claim else None
        named = context.parties_by_sentence[sentence.index]
        parties = [p for p in named if not (claim and claim.covers(p.start)) and not _is_heading(text, p)
                   and not TRUCE_BEFORE.search(text, max(0, p.start - 40), p.start)]  # "a ceasefire in Lebanon"
        party_starts = {m.start for m in named}
        # "Yemen's Houthis", "Russia's defence ministry": the place names a party, not where
        filed = FILED_FROM.match(text)
        all_places = [p for p in find_places(text, lex, context.about)
                      if not names_party(text, p) and not _possessor_of(text, p, party_starts)
                      and not any(m.start < p.start and p.end <= m.end for m in named)  # "Islamic Resistance in Lebanon"
                      and not (filed and p.start < filed.end())]  # "Moscow, Sept 27 (dpa) –": where it was filed
        places = [p for p in all_places if not (claim and claim.covers(p.start)) and self._is_scene(text, p)]
        local = LOCAL_OFFICIAL.search(f"{claim.text}, {claim.role}") if claim else None
        if (claim and (local or self.lexicon.official_pattern.search(claim.role))
                and all(p.entry.kind == "country" for p in places)):
            # "Kharkiv's mayor said drones hit the city", "Daput, head of the Mangu local government
            # area, said": the official's place is where it happened; a governor's is the region
            seats = [p for p in all_places if not SEAT_OF_POWER_AFTER.match(text, p.end)]  # not "Moscow-installed"
            places = self._officials_places(claim, local, seats, context) or places
        when = find_date(DATELINE.sub("", text), context.published)
        if when and when.text and OVERNIGHT.fullmatch(when.text) and self._context_date(sentence, context).start:
            when = None  # "overnight" in a passage about Sunday is Sunday's night (ANNOTATION rule 21)
        if when and when.precision == "day" and not _day_of_the_past(text, when):
            context.last_day, context.last_day_sentence = when, sentence.index
        mentions = []
        assigned = _distribute(quantities, counted, text, sentence.start)
        sentence_claimant = claimant
        if any(t.type == "strike" for t in triggers):
            context.last_strike_sentence = sentence.index
        elif sentence.index - context.last_strike_sentence <= STRIKE_ECHO_WINDOW:
            # "Five explosions were recorded near the refinery", a few lines after the drone attack
            triggers = [blast_of_the_strike(t, text) for t in triggers]
        if self.lexicon.exception_pattern("only_heard").search(text):
            # "explosions were heard in Kharkiv", told far from any strike: sounds, no act of violence
            context.set_aside[sentence.index].extend(f"{t.rule} vetoed by violence.only_heard"
                                                     for t in triggers if t.type == "violence")
            triggers = [t for t in triggers if t.type != "violence"]
        for trigger in triggers:
            event = Event(type=trigger.type, subtype=trigger.subtype, status=status_of(text, trigger, lex),
                          rules=[trigger.rule])
            event.quantities = assigned.get(trigger.type, [])
            event.weapons = weapon_names(text, lex) if trigger.type == "strike" else []
            event.claimant = claimant = self._own_claimant(sentence, trigger, triggers, context) or sentence_claimant
            place = _place_for(trigger, triggers, places, text)
            if place is not None and len(places) > 1 and len(triggers) == 1:
                # "One person was killed and eight injured in the Kherson region, while a woman
                # was injured in Zaporizhzhia": the place the event's own numbers are told at
                place = _place_of_numbers(event.quantities, places, sentence) or place
            self._assign_parties(event, trigger, text, parties, place, claimant, context)
            named_before = None if place else self._place_named_before(text, context)
            if (named_before is None and place is None and event.type == "deployment" and event.actor
                    and event.actor.country and _names_anothers_border(
                        context.borders_by_sentence[sentence.index], event.actor.country)):
                # "its troops on the Kosovo border": a border named is a place (it pins the event
                # down, as the fallback place would not), on the forces' own side of it
                named_before = country_place(event.actor.country, self.lexicon)
            event.location = (place.to_place() if place else named_before
                              or self._fallback_place(event, claimant, context, sentence))
            told_in = place is not None and LOCATIVE_BEFORE.search(text, max(0, place.start - 25), place.start)
            event.location = self._on_the_receiving_side(event, bool(told_in)) or event.location
            if (event.subtype == "mobilisation" and event.actor and event.actor.country and event.location
                    and event.location.country != event.actor.country):
                # "Israel called up 300,000 reservists for an offensive on Gaza": called up at home
                event.location = country_place(event.actor.country, self.lexicon) or event.location
            if (place and place.source == "unlisted" and not place.entry.admin1 and event.type == "strike"
                    and event.target and event.target.country and event.location
                    and event.location.country != event.target.country):
                # "targeted Israeli positions in the settlement of al-Manara": a village no gazetteer
                # lists lies in the country of the side struck, not the article's main one
                event.location = replace(event.location, country=event.target.country)
            across = event.location.country if event.location else None
            if event.type == "deployment" and across and (OWN_GROUND.search(text) or place and (
                    _across_border(text, place, lex) or (place.entry.kind == "country" and AT_A_BORDER.search(text)))):
                # "100,000 troops massed on Ukraine's border", "fighters mobilising in areas bordering
                # the Central African Republic", "soldiers sent to its eastern coast": they stand on
                # their own side of it
                if event.actor and event.actor.country and event.actor.country != across:
                    event.location = country_place(event.actor.country, self.lexicon) or event.location
                elif (event.actor is None or event.actor.country is None) and context.last_place and (
                        context.last_place.country != across):
                    event.location = context.last_place
            self._foreign_troops(event, text, place)
            event.date = when or self._context_date(sentence, context)
            if claimant:
                event.claimant = claimant = self._placed(claimant, event.location, claim.role if claim else "")
            if (claimant and event.type == "strike" and event.target and event.target.country
                    and DEFENDERS_VOICE.match(claimant.name) and claim and claim.text == claimant.name
                    and not resolve_party(claimant.name, lex)
                    and (DEFENCE_WORDS.search(text) or not (event.actor and event.actor.country))):
                # "…destroyed 77 Ukrainian drones, the defence ministry said", "Hezbollah fired 100
                # rockets, the military said": an unnamed military that reports a defence, or an
                # attack by a group with no military of its own, speaks for the side struck
                event.claimant = claimant = Party(name=claimant.name, country=event.target.country)
            if (claimant and event.type == "losses" and event.actor and event.actor.country
                    and claimant.country != event.actor.country and INFLICTED.search(text)
                    and not CIVILIAN_DEAD.search(text)  # a ministry counting civilians killed counts its own
                    and self._speaks_for_place(claimant.name) and not resolve_party(claimant.name, lex)):
                # "Russian forces eliminated 400 Ukrainian soldiers, the ministry said": the
                # side that counts the enemy's dead is the side that inflicted them
                event.claimant = claimant = Party(name=claimant.name, country=event.actor.country)
            self._as_known(event, trigger)
            if self._is_war_start(trigger):
                event.claimant = claimant = None  # a war's start told as background: the outlet's own voice
            event.evidence = [Evidence(sentence.start, sentence.end, text)]
            if not self._is_specific(event, place is not None or named_before is not None, when, sentence):
                context.set_aside[sentence.index].append(f"{trigger.rule} set aside by {event.type}.not_pinned_down")
                continue
            known = trigger.rule in lex.known_happenings
            told_actor = event.actor is not None
            self._sides_told_before(event, sentence, context)
            splits = _split_by_place(event, places, sentence, lambda code: country_place(code, lex))
            splits = [part for split in splits for part in _split_personnel_and_equipment(split)]
            splits = [part for split in splits for part in _split_repeated_tolls(split)]
            if len(splits) == 1:
                splits = _split_by_listed_countries(event, places, all_places, text, lex)
            if len(splits) == 1:
                splits = _split_by_listed_places(event, places, text)
            evacuator = _evacuating_state(event, trigger, text, parties)
            for part in splits:
                part.confidence = _confidence(part, claimant)
                mentions.append(Mention(part, sentence, party_key(claimant), place is not None or known,
                                        told_actor, sentence.headline, known, evacuator))
        if claimant:
            context.last_claimant = claimant
            words = claimant.name.split()
            if len(words) > 1:
                context.claimants_by_last_word[words[-1].lower()] = claimant
        best = best_place(places)
        if best and not best.is_supranational:  # "the war in the Middle East" is no passage's place
            context.last_place = best.to_place()
        return mentions

    def _sides_told_before(self, event: Event, sentence: Sentence, context: ArticleContext) -> None:
        """An attack told with no attacker takes the sides of the attack of its type told
        just before; one told with its attacker is remembered for the next."""
        if event.type not in SIDES_CARRY_OVER:
            return
        if event.actor is not None:
            context.last_sides[event.type] = (sentence.index, event.actor, event.target)
            return
        told = context.last_sides.get(event.type)
        if told and sentence.index - told[0] <= SIDES_WINDOW:
            event.actor, event.target = told[1], event.target or told[2]

    def _is_war_start(self, trigger: Trigger) -> bool:
        """Whether a trigger names a war's start told as background: a known happening, or a
        war launched on its day (ANNOTATION rule 2)."""
        return trigger.rule in self.lexicon.known_happenings or trigger.rule.endswith(".war_launched")

    def _counted_types(self, triggers: list[Trigger]) -> list[str]:
        """The types a sentence's numbers may count: a war's start told beside a toll since
        it ("killed since Russia launched its war on Feb. 24") counts none of the toll."""
        types = [t.type for t in triggers]
        if "losses" not in types:
            return types
        return [t.type for t in triggers if not self._is_war_start(t)] or types

    def _own_claimant(self, sentence: Sentence, trigger: Trigger, triggers: list[Trigger],
                      context: ArticleContext) -> Optional[Party]:
        """"Fighting raged in Donetsk, where the Russian military says it took Soledar": in a
        sentence that tells several events, a claim hanging from one trigger is that event's."""
        if len(triggers) < 2 or trigger is triggers[0] or sentence.doc is None:
            return None
        own = sentence_claim(sentence, trigger.start, self.lexicon, governing_only=True)
        return self._claimant_party(own, context) if own else None

    def _officials_places(self, claim: ClaimSpan, local: Optional[re.Match[str]], places: list[PlaceMention],
                          context: ArticleContext) -> list[PlaceMention]:
        """The places an official's name or role holds; "the governor" named again later
        speaks for the region named with them the first time."""
        own = [p for p in places if (local and claim.start <= p.start < claim.end)
               or claim.role_start <= p.start < claim.role_end]
        if local and REGIONAL_OFFICIAL.search(local.group()):
            own = [as_division(p) for p in own]
        office = ("governor" if local.group() == "Gov" else local.group().lower()) if local else None
        if office and own:
            context.officials_places[office] = replace(own[0], start=-1, end=-1)
        elif office and office in context.officials_places:
            own = [context.officials_places[office]]
        elif office and REGIONAL_OFFICIAL.search(office):
            own = self._main_division(context)  # "regional Gov. Gladkov" in a report on Belgorod
        return own

    def _main_division(self, context: ArticleContext) -> list[PlaceMention]:
        """The division the article names most, as a place."""
        if not context.about.divisions:
            return []
        division = division_mention(context.about.divisions.most_common(1)[0][0], self.lexicon)
        return [division] if division else []

    def _attach_orphan_quantities(self, sentence: Sentence, last: Mention, context: ArticleContext) -> list[Mention]:
        """Numbers in the sentence right after an event, with no trigger of their own
        ("Nine of them were destroyed", "Five people were injured"), belong to that
        event (ANNOTATION rules 3 and 5) unless they contradict its numbers; a toll
        that someone else gives ("a survivor said up to 19 were killed") is that
        claimant's account of the same happening, an event of its own."""
        if sentence.index - last.sentence.index > 3:
            return []
        event = last.event
        quantities = find_quantities(sentence.text, self.lexicon, event.type, base=sentence.start)
        toll = bool(quantities) and all(q.kind in ("killed", "injured", "casualties") for q in quantities)
        account = self._another_account(sentence, last, quantities, context) if toll else None
        if account is not None:
            return [account]
        if sentence.index - last.sentence.index > 2:
            return []
        if sentence.line != last.sentence.line and not toll:
            return []  # only a toll reaches across a paragraph: "More than 580 people have since been killed"
        kinds = {q.kind for q in event.quantities}
        fresh = [q for q in quantities if q.kind not in kinds]
        if fresh:
            event.quantities.extend(fresh)
            event.evidence.append(Evidence(sentence.start, sentence.end, sentence.text))
        return []

    def _account_of_the_last(self, sentence: Sentence, last: Mention, context: ArticleContext) -> list[Mention]:
        """"Kiev denied any role in the raid", "Daesh later claimed responsibility for the
        attack": a sentence with no happening of its own that denies or owns the one told
        just before is the speaker's own account of it (ANNOTATION rules 3 and 25), with its
        type, place and day and no numbers; who owns an attack did it."""
        if sentence.doc is None or sentence.index - last.sentence.index > ACCOUNT_WINDOW:
            return []
        status, cue = "denied", self.lexicon.status_cues["denies_the_last"].search(sentence.text)
        if cue is None and last.event.type in SIDES_CARRY_OVER:  # an attack is owned, not a capture or a toll
            status, cue = "asserted", self.lexicon.status_cues["owns_the_last"].search(sentence.text)
        if cue is None or last.event.type == "losses":
            return []  # a toll is disputed by a toll of one's own
        # "the UK Ministry of Defence denied any involvement, according to an official": the denier
        claim = _subject_of(sentence, cue.start()) or sentence_claim(sentence, cue.start(), self.lexicon)
        speaker = self._claimant_party(claim, context) if claim and not claim.pronoun else None
        event = last.event
        if speaker is None or party_key(speaker) == party_key(event.claimant) or NO_ONE.match(claim.text):
            return []  # no one named ("No group claimed responsibility"), or the side that told it
        account = Event(type=event.type, subtype=event.subtype, status=status, actor=event.actor,
                        target=event.target, location=event.location, date=event.date,
                        claimant=self._placed(speaker, event.location, claim.role),
                        evidence=[Evidence(sentence.start, sentence.end, sentence.text)],
                        rules=[f"{event.type}.{'denial' if status == 'denied' else 'claim'}_of_the_last"])
        if status == "asserted" and OWNED.search(cue.group()):
            account.actor = Party(name=speaker.name, country=speaker.country)
        account.confidence = _confidence(account, account.claimant)
        return [Mention(account, sentence, party_key(account.claimant), last.explicit_place, last.explicit_actor)]

    def _toll_of_the_last(self, mention: Mention, before: list[Mention]) -> Mention:
        """"The death toll has risen to 30, the emergencies service said", a few lines after
        a missile hit Dnipro: a toll with no period is that happening's, as this speaker
        counts it (ANNOTATION rules 3 and 5), of its type, place and day."""
        event = mention.event
        if event.type != "losses" or not TOLL_OF_THE_LAST.search(mention.sentence.text) or (
                TALLY_OVER_A_PERIOD.search(mention.sentence.text) or LOOSE_PERIOD.search(mention.sentence.text)):
            return mention
        last = next((m for m in reversed(before) if m.event.type in SIDES_CARRY_OVER and m.event.status != "expected"),
                    None)
        if last is None or mention.sentence.index - last.sentence.index > TOLL_WINDOW or (
                mention.explicit_place and event.location and last.event.location
                and event.location.country != last.event.location.country):
            return mention
        happening = last.event
        told = replace(event, type=happening.type, subtype=happening.subtype, actor=happening.actor or event.actor,
                       target=happening.target or event.target, date=happening.date,
                       location=event.location if mention.explicit_place else happening.location,
                       rules=[*event.rules, f"{happening.type}.toll_of_the_last"])
        return replace(mention, event=told)

    def _toll_elsewhere(self, sentence: Sentence, sentences: list[Sentence], last: Mention,
                        context: ArticleContext) -> list[Mention]:
        """"Three people were killed in Donetsk", a line after a strike on Dnipro: a toll
        with no trigger of its own, in another region, is that region's happening of the
        last event's type, not more of the last event's numbers."""
        event = last.event
        if (event.type not in TOLL_ELSEWHERE_TYPES or event.location is None or sentence.doc is None
                or sentence.index - last.sentence.index > 3):
            return []
        text = sentence.text
        quantities = find_quantities(text, self.lexicon, event.type, base=sentence.start)
        if (any(q.kind not in ("killed", "injured", "casualties") for q in quantities)
                or TALLY_OVER_A_PERIOD.search(text) or LOOSE_PERIOD.search(text)):
            return []  # ANNOTATION rule 28: a toll over a period is no one happening
        places = [p for p in find_places(text, self.lexicon, context.about)
                  if not names_party(text, p) and self._is_scene(text, p)]
        towns_of_the_region = event.location.precision in ("admin1", "country") and len(places) > 1 and all(
            p.rank >= 4 and p.entry.country == event.location.country for p in places)
        if not places or (any(_same_ground(p, event.location) for p in places) and not towns_of_the_region):
            return []
        harm = TOWN_HARM.search(text)
        if towns_of_the_region and harm:
            return self._towns_of_the_toll(sentence, sentences, context, last, places, quantities, harm)
        if not quantities:
            return []
        when = find_date(DATELINE.sub("", text), context.published)
        if when and when.start and event.date and when.start != event.date.start:
            return []  # "the January 15th attack in Nairobi, where 21 were killed": another day's happening
        first = quantities[0]
        trigger = Trigger(event.type, event.subtype, first.start - sentence.start, first.end - sentence.start,
                          first.text, f"{event.type}.toll_elsewhere")
        return self._sentence_mentions(sentence, sentences, context, [trigger])

    def _towns_of_the_toll(self, sentence: Sentence, sentences: list[Sentence], context: ArticleContext,
                           last: Mention, towns: list[PlaceMention], quantities: list[Quantity],
                           harm: re.Match[str]) -> list[Mention]:
        """"In the village of Pisochyn three women were injured; in Kupiansk a man was killed": a
        region's toll told town by town is one strike per town, a part of the region's (ANNOTATION
        rule 17), each with the numbers told after its name."""
        event = last.event
        trigger = Trigger(event.type, event.subtype, harm.start(), harm.end(), harm.group(),
                          f"{event.type}.towns_of_the_toll")
        told = self._sentence_mentions(sentence, sentences, context, [trigger])
        if not told:
            return []
        mention, parts = told[0], []
        for n, town in enumerate(towns):
            start = sentence.start + town.start
            end = sentence.start + towns[n + 1].start if n + 1 < len(towns) else sentence.end
            own = [q for q in quantities if start <= q.start < end]
            parts.append(replace(mention, event=replace(mention.event, location=town.to_place(), quantities=own,
                                                        evidence=list(mention.event.evidence))))
        return parts

    def _another_account(self, sentence: Sentence, last: Mention, quantities: list[Quantity],
                         context: ArticleContext) -> Optional[Mention]:
        """The last event as told by the sentence's own claimant, with its own numbers."""
        event = last.event
        given = {(q.kind, q.value) for q in event.quantities}
        conflicting = [q for q in quantities if q.kind in {k for k, _ in given} and (q.kind, q.value) not in given]
        if not conflicting or event.type not in ("strike", "violence", "clash") or sentence.doc is None:
            return None
        claim = sentence_claim(sentence, 0, self.lexicon)
        claimant = self._claimant_party(claim, context) if claim and not claim.pronoun else None
        if claimant is None or party_key(claimant) == party_key(event.claimant):
            return None
        claimant = self._placed(claimant, event.location)
        account = Event(type=event.type, subtype=event.subtype, status=event.status, actor=event.actor,
                        target=event.target, location=event.location, date=event.date, claimant=claimant,
                        weapons=list(event.weapons), quantities=quantities,
                        evidence=[Evidence(sentence.start, sentence.end, sentence.text)],
                        rules=[f"{event.type}.another_account"])
        account.confidence = _confidence(account, claimant)
        return Mention(account, sentence, party_key(claimant), last.explicit_place, last.explicit_actor)

    def _as_known(self, event: Event, trigger: Trigger) -> None:
        """A trigger that names one known happening ("the October 7 attack") gives it its
        known sides, country and day, whatever else the sentence names."""
        known = self.lexicon.known_happenings.get(trigger.rule)
        if known is None:
            return
        event.rules.append(HAPPENING_PREFIX + trigger.rule.rsplit(".", 1)[-1])
        for role in ("actor", "target"):
            entry = resolve_party(getattr(known, role), self.lexicon) if getattr(known, role) else None
            if entry is not None:
                setattr(event, role, Party(name=entry.name, country=entry.country))
        if known.country:
            event.location = country_place(known.country, self.lexicon) or event.location
        if known.day:
            event.date = DateSpan(known.day, known.day, "day", event.date.text)
        elif known.year:
            event.date = DateSpan(f"{known.year}-01-01", f"{known.year}-12-31", "year", event.date.text)

    def _claimant_party(self, claim: ClaimSpan, context: ArticleContext) -> Optional[Party]:
        lex = self.lexicon
        if claim.pronoun or claim.text.lower() in PRONOUNS:
            return context.last_claimant
        described = DESCRIBED_NAME.fullmatch(LEADING_DET.sub("", claim.text.strip()))
        if described:
            claim = ClaimSpan(text=described.group("name"), start=-1, end=-1, role=claim.role)
        description = DESCRIPTION_ONLY.fullmatch(LEADING_DET.sub("", claim.text.strip()))
        if description and (named := self._named_by_description(description, context)):
            return named
        if THE_GROUP.fullmatch(claim.text):
            return self._the_group(context)
        if THE_STATEMENT.fullmatch(claim.text.strip()):
            return context.last_claimant  # "according to the statement": whoever issued it, named before
        name = LEADING_DET.sub("", CLAIMANT_TIME.sub("", DATELINE.sub("", claim.text).strip()))
        name = POSSESSIVE_END.sub("", name)  # "Moscow's claim that …" is Moscow's
        if len(name) > 120 or not re.search(r"[A-Za-z]", name) or DATE_MARKER.match(name):
            return None
        surname = HONORIFIC.sub("", name)
        if " " not in surname and surname.lower() in context.claimants_by_last_word:
            return context.claimants_by_last_word[surname.lower()]  # named in full before: "Mr Hagari"
        if SURNAME.fullmatch(surname) and (official := self._official_named_before(surname, context)):
            return official
        key = name.lower()
        if key in lex.outlets or (lex.outlet_pattern.fullmatch(name) is not None):
            return Party(name=name, country=None)
        outlet = lex.outlet_pattern.search(name)
        if (outlet and (not lex.official_pattern.search(name) or NEWS_AGENCY.search(name))
                and outlet.group().lower() != "state media" and MEDIA_TAIL.fullmatch(name, outlet.end())):
            # "the Houthi-run Al Masirah TV network", "Russian state news agency RIA" (ANNOTATION rule 29)
            return Party(name=outlet.group(), country=None)
        if (titled := OUTLET_BY_ITS_TITLE.fullmatch(name)) and not resolve_party(titled.group("title"), lex):
            return Party(name=titled.group("title"), country=None)  # "the Baza news outlet": Baza
        if STATELESS_CLAIMANT.search(name):
            return Party(name=name, country=None)  # ANNOTATION rule 10: no state for NGOs and the UN
        entry = resolve_party(name, lex)
        if entry is not None and entry.country and NAMED_AFTER_STATE.search(name) and not lex.official_pattern.search(name):
            entry = None  # "Kabul's Emergency Hospital", "Russian Telegram channels": named after a state, not for it
        if (entry is not None and entry.country is None and canonical(name).startswith(canonical(entry.name))
                and not GOVERNING_BODY.search(name)):  # but "the Hamas-run health ministry" is the ministry's
            return Party(name=entry.name, country=None)  # "the Baloch Liberation Army (BLA)"
        group = lex.armed_group_pattern.search(name)
        if group and not GOVERNING_BODY.search(name) and not PERSON_ROLE.search(name):
            own = lex.actor_by_alias.get(canonical(group.group()))
            if own and len(name[:group.start()].split()) <= 2 and GROUP_TAIL.fullmatch(name, group.end()):
                return Party(name=own.name, country=None)  # "the RSF", "Kurdish-led SDF forces": the group itself
            return Party(name=name, country=None)  # "Yemen's Houthi group": no state (ANNOTATION rule 29)
        if entry is not None and entry.country is None and GOVERNING_BODY.search(name):
            party = Party(name=name, country=lex.home_of(entry.name))  # "the health ministry in Hamas-run Gaza"
        elif entry is not None:
            party = Party(name=name, country=entry.country)
        else:
            places = find_places(name, lex, gazetteer=False)
            if places and places[0].entry.country and lex.official_pattern.search(name):
                party = Party(name=name, country=places[0].entry.country)
            else:
                party = self._remembered(name, context)
        if party.country is None and claim.role:
            party = Party(name=name, country=self._role_country(claim.role))
        if NON_STATE_GENERIC.fullmatch(name) and context.sides.armed_group():
            return context.sides.armed_group()  # "the rebels said" in an article about M23
        self._remember(party, context)
        return party

    def _named_by_description(self, description: re.Match[str], context: ArticleContext) -> Optional[Party]:
        """"The Britain-based Observatory said": the Syrian Observatory for Human Rights the
        article named in full; "the Paris-based group", "the NGO": the body that spoke last,
        where it is no state's and no armed group."""
        head = description.group("head")
        if head.lower() in ("observatory", "watchdog", "monitor"):
            title = head[0].upper() + head[1:].lower()
            full = re.search(rf"\b(?:[A-Z][\w’'-]+\s+){{1,4}}{title}\b(?:\s+(?:for|of|on)\s+(?:the\s+)?"
                             rf"[A-Z][\w’'-]+(?:\s+(?:and\s+)?[A-Z][\w’'-]+)*)?|\b{title}\s+(?:for|of|on)\s+"
                             rf"(?:the\s+)?[A-Z][\w’'-]+(?:\s+(?:and\s+)?[A-Z][\w’'-]+)*", context.article.text)
            if full and full.group() != description.group():
                return Party(name=LEADING_DET.sub("", full.group()), country=None)
        last = context.last_claimant
        civil = description.group() != head or head.lower() in ("ngo", "charity")
        if (civil and last is not None and last.country is None and len(last.name.split()) > 1
                and not self.lexicon.armed_group_pattern.search(last.name)):
            return last  # "the Paris-based group said": Action Against Hunger, named before
        return None

    def _the_group(self, context: ArticleContext) -> Optional[Party]:
        """"The group said it killed 20 soldiers": the organisation that spoke last, else
        the one armed group the article names."""
        last = context.last_claimant
        if last is not None and last.country is None and (
                ORGANISATION.search(last.name) or self.lexicon.armed_group_pattern.fullmatch(last.name)):
            return last
        return context.sides.armed_group() or last

    def _official_named_before(self, surname: str, context: ArticleContext) -> Optional[Party]:
        """"Terekhov said", where the article first named "Kharkiv Mayor Ihor Terekhov": an
        official, who speaks for the state of the office (ANNOTATION rule 10)."""
        text = context.article.text
        first = re.search(rf"\b(?P<given>[A-Z][{LOWER}'’-]+)\s+{re.escape(surname)}\b", text)
        if first is None or first.group("given").lower() in NOT_GIVEN_NAMES:
            return None
        introduced = text[max(0, first.start() - 60):first.start()]
        introduced = introduced[max(introduced.rfind(". "), introduced.rfind("\n")) + 1:]  # its own sentence
        if not self.lexicon.official_pattern.search(introduced):
            return None
        country = self._role_country(introduced)  # "Kharkiv Mayor", not a group's "military spokesman"
        return Party(name=f"{first.group('given')} {surname}", country=country) if country else None

    def _role_country(self, role: str) -> Optional[str]:
        """The state an official speaks for, from what the article says they are:
        "chairman of the Joint Chiefs of Staff", "Khost's director of information"."""
        if STATELESS_CLAIMANT.search(role) or not self.lexicon.official_pattern.search(role):
            return None
        entry = resolve_party(role, self.lexicon)
        if entry is not None:
            return entry.country
        places = find_places(role, self.lexicon, gazetteer=True)
        return places[0].entry.country if places else None

    def _remembered(self, name: str, context: ArticleContext) -> Party:
        """A claimant named without its country ("the defence ministry", "Gladkov"):
        the country of the same body or person named earlier in the article."""
        words = [w for w in re.findall(r"[A-Za-z][\w'-]+", name.lower()) if w not in ("the", "of", "said")]
        for word in reversed(words):
            if word in context.claimant_memory:
                return Party(name=name, country=context.claimant_memory[word].country)
        if DEFENDERS_VOICE.match(name) and (state := self._state_named_with(name, context.article.text)):
            return Party(name=name, country=state)  # "the Russian Defense Ministry said", then "the Defense Ministry"
        if DEFENDERS_VOICE.match(name) and context.last_place and context.last_place.country:
            return Party(name=name, country=context.last_place.country)  # the military of the passage's country
        return Party(name=name, country=None)  # officials speak for where it happened (_speaks_for_place)

    def _state_named_with(self, body: str, text: str) -> Optional[str]:
        """The one state whose name the article puts before this body where it names it in
        full ("the Russian Defense Ministry", "Ukraine's air force"), so that the body named
        bare later speaks for it, wherever the passage then is."""
        words = LEADING_DET.sub("", body.strip()).split()
        pattern = r"\s+".join(DEFENCE_SPELLING.sub("defen[cs]e", re.escape(word)) for word in words)
        states = set()
        for told in re.finditer(rf"\b((?:[\w’'-]+\s+){{1,2}}){pattern}\b", text, re.IGNORECASE):
            entry = resolve_party(told.group(1), self.lexicon)
            if entry is not None and entry.country:
                states.add(entry.country)
        return states.pop() if len(states) == 1 else None

    def _remember(self, party: Party, context: ArticleContext) -> None:
        if party.country is None:
            return
        for word in re.findall(r"[A-Za-z][\w'-]+", party.name.lower()):
            if len(word) > 3 and word not in ("russia's", "ukraine's", "said"):
                context.claimant_memory[word] = party

    def _names_where(self, text: str, place: PlaceMention) -> bool:
        """Whether a place is named as where something is, not as a state that acts
        ("Kyiv hoped") nor as a landmark ("south of Moscow")."""
        return not (self._is_metonymy(text, place) or _is_landmark(text, place) or _in_the_war_begun(text, place))

    def _is_scene(self, text: str, place: PlaceMention) -> bool:
        """A place named as where something happened, not where a weapon, a force or a
        person came from."""
        return (self._names_where(text, place) and not is_origin(text, place) and not names_maker(text, place)
                and not names_home(text, place) and not SEAT_OF_POWER_AFTER.match(text, place.end))

    def _is_metonymy(self, text: str, place: PlaceMention) -> bool:
        """"Kyiv launched", "Moscow said", "attacks by Kyiv": a capital or a country named as
        the one who acts stands for its state, not for where it happened."""
        if place.entry.kind not in ("city", "country"):
            return False
        if place.entry.kind == "city" and resolve_party(place.text, self.lexicon) is None:
            return False  # a town that stands for no state: "Soledar has been long fought over"
        after = text[place.end:place.end + 70]
        after = after[len(co.group()):] if (co := COORDINATED_NAME.match(after)) else after  # "the UK and the US took part"
        where = LOCATIVE_BEFORE.search(text, max(0, place.start - 25), place.start)
        if where and not POSSESSIVE.match(text, place.end) and not self._party_just_before(text, where.start()):
            return False  # not "in Moscow's favour", nor "the Houthis in Yemen launched"
        return bool(METONYMY_AFTER.match(after[:40])
                    or METONYMY_BEFORE.search(text[max(0, place.start - 12):place.start])
                    or _names_the_source(text, place)
                    or (resolve_party(place.text, self.lexicon) is not None
                        and METONYMY_POSSESSIVE.match(text[place.end:place.end + 40])))

    def _party_just_before(self, text: str, position: int) -> bool:
        """Whether the word just before `position` names a party ("the Houthis in Yemen")."""
        word = LAST_WORD.search(text, max(0, position - 40), position)
        return bool(word and canonical(word.group(1)) in self.lexicon.actor_by_alias)

    def _assign_parties(self, event: Event, trigger: Trigger, text: str, parties: list[PartyMention],
                        place: Optional[PlaceMention], claimant: Optional[Party], context: ArticleContext) -> None:
        if event.type == "disruption":
            # "the Israeli military ordered residents to leave", "the junta cut mobile connections":
            # a side that ordered or cut is the actor; an airport's closure or an outage has none
            orderer = next((p for p in parties if p.end <= trigger.start and ORDERED_AFTER.match(text, p.end)), None)
            if orderer and event.subtype in ("evacuation", "other"):
                event.actor = orderer.party
            elif (claimant and trigger.rule.endswith(".ordered_to_leave")
                  and (entry := resolve_party(claimant.name, self.lexicon))):
                # "the Israeli military warned residents to leave": the side that warned, told as the speaker
                event.actor = Party(name=entry.name, country=entry.country)
            return
        if event.type == "strike":  # "the Houthis in Yemen launched 83 missiles at Israel"
            parties = [p for p in parties if not names_groups_home(text, p)]
        place_country = place.entry.country if place else None
        actor: Optional[Party] = None
        target: Optional[Party] = None
        defenders = [p for p in parties if is_defender(text, p)]
        victims = [p for p in parties if is_victim(text, p)]
        targets = [p for p in parties if is_target(text, p) and p not in defenders
                   and not OWNS_WEAPON.match(text, p.end)  # "48 of 70 Russian drones": Russia attacked
                   and not names_home(text, p)  # "peacekeepers from Chad" were not hit in Chad
                   and not (event.type == "deployment" and FORCES_AFTER.match(text, p.end))]
        origins = [p for p in parties if is_origin(text, p)]
        agents = [p for p in parties if p not in defenders and p not in targets and p not in victims]
        if event.type == "losses":
            inflicted = INFLICTED.search(text)
            if inflicted:
                # "Battlegroup Yug eliminated 5,390 Ukrainian servicemen", "inflicted 85 casualties on the
                # Ukrainian army": who suffered stands after the verb, who inflicted before it
                after = [p for p in parties if p.start > inflicted.start()]
                before = [p for p in parties if p.end <= inflicted.start()]
                victims, agents = after or victims, before
            causes = [p for p in parties if OWNS_WEAPON.match(text, p.end) or ITS_ATTACKS.match(text, p.end)]
            if inflicted and agents and not victims and agents[0] in causes:
                # "the Israeli offensive has killed 37,600 people": the side whose attack it was
                actor = agents[0].party
                target = context.sides.opponent_of(party_key(actor))
            elif not inflicted and causes:
                # "the death toll in Lebanon from Israeli strikes": whose strikes took the lives
                actor = causes[0].party
                sufferers = [p for p in victims + agents if party_key(p.party) != party_key(actor)]
                target = sufferers[0].party if sufferers else context.sides.opponent_of(party_key(actor))
            elif victims or agents:
                target = (victims or agents)[0].party
                actor = (agents[0].party if inflicted and agents and party_key(agents[0].party) != party_key(target)
                         else context.sides.opponent_of(party_key(target)))
        else:
            agents = [a for a in agents if a.start <= trigger.start or WEAPON_AFTER.match(text[a.end:a.end + 40])
                      or (a.start - trigger.end <= 40 and ATTACK_BY.search(text[max(0, a.start - 50):a.start]))
                      or (victims and FOUGHT_WITH.search(text[max(0, a.start - 50):a.start]))
                      or (event.type == "deployment" and FORCES_AFTER.match(text, a.end))]
            if claimant and (ITS_FORCES.search(text) or _says_it_did(text, claimant, self.lexicon)) and resolve_party(
                    claimant.name, self.lexicon):
                entry = resolve_party(claimant.name, self.lexicon)
                actor = Party(name=entry.name, country=entry.country)
            elif origins:
                actor = context.sides.group_at_home(origins[0].entry.country) or origins[0].party
            elif agents:
                downed = _downed_weapons_owner(text, agents)
                if downed:
                    # "Ukraine destroys 26 Russian drones": whose drones they were attacked,
                    # the side that downed them defended
                    actor = downed.party
                    defenders = defenders or [a for a in agents if a.end <= downed.start and a.key != downed.key]
                else:
                    actor = _nearest(agents, trigger.start).party
            elif defenders:
                actor = context.sides.opponent_of(defenders[0].key)
            if targets:
                target = targets[0].party
            elif defenders:
                target = defenders[0].party
            elif victims and event.type in ("clash", "violence") and actor and victims[0].key != party_key(actor):
                target = victims[0].party  # "eight Israeli soldiers killed in clashes with Hezbollah"
            elif claimant and CLAIMANT_DEFENDED.search(text) and resolve_party(claimant.name, self.lexicon):
                entry = resolve_party(claimant.name, self.lexicon)  # "the army said it intercepted …"
                target = Party(name=entry.name, country=entry.country)
                actor = actor if actor and actor.country != target.country else None
        named_agent = any(a.start <= trigger.start for a in agents) or bool(origins)
        if (event.type == "territory" and place_country and RETAKEN.search(text) and not named_agent
                and not ITS_FORCES.search(text) and not (claimant and _says_it_did(text, claimant, self.lexicon))):
            # (not "the Russian army said it had 'liberated' Tabaivka": Moscow's word for its own capture)
            # "liberated Sudzha", "regained control of the village": the side the place belongs to
            entry = self.lexicon.state(place_country)
            if entry and (actor is None or actor.country != place_country):
                target = actor or context.sides.opponent_of(place_country)
                actor = Party(name=entry.name, country=entry.country)
        home_forces = HOME_FORCES.search(text, 0, trigger.end) if place_country else None
        if actor is None and home_forces and not named_agent and (entry := self.lexicon.state(place_country)):
            # "Regime forces captured two villages in northwest Syria": the state whose ground it is
            actor = Party(name=entry.name, country=entry.country)
        if (not named_agent and event.type in ("clash", "territory", "strike")
                and THE_GROUP_BEFORE.search(text, max(0, trigger.start - 40), trigger.start)
                and (group := context.sides.armed_group() or context.sides.most_named_group())):
            # "days after the group seized Wad Madani, following fighting with Sudan's army": the
            # article's armed group, not the side it fought
            actor, target = group, (target if target and party_key(target) != party_key(group) else None)
        unnamed = unnamed_attacker(text, trigger.start) if event.type != "losses" else None
        if actor is None and unnamed:
            actor = context.sides.armed_group() or Party(name=unnamed.group().lower(), country=None)
        if actor is None and event.type == "violence" and context.responsible:
            # "a car bomb rocked Mogadishu" … "al-Shabaab claimed responsibility"; but the group an
            # article names most as the attackers stays the actor ("ADF rebels massacred 20 …
            # Daesh later claimed responsibility")
            actor = context.sides.most_named_group() or context.responsible
        if actor is None and event.type in ("strike", "clash", "territory") and not NON_STATE_GENERIC.search(text):
            side = place_country or (target.country if target else None) or (claimant.country if claimant else None)
            actor = context.sides.opponent_of(side)
        fights_itself = target is not None and actor is not None and party_key(target) == party_key(actor)
        if fights_itself:
            target = None  # "militants linked to al-Qaeda killed ten soldiers": the other side is not named
        if target is None and actor is not None and place_country and place_country != actor.country:
            entry = self.lexicon.state(place_country)
            if entry:
                target = Party(name=entry.name, country=entry.country)
        if target is None and actor is not None and not fights_itself and event.type in (
                "strike", "clash", "territory", "losses"):
            target = context.sides.opponent_of(party_key(actor))
        taker = _taker(trigger, text, parties) if event.type == "territory" else None
        if taker is not None and (actor is None or party_key(actor) != party_key(taker)):
            target = actor or context.sides.opponent_of(party_key(taker))
            actor = taker
        if trigger.rule.endswith(".attack_repelled"):
            actor, target = self._attack_repelled(trigger, text, parties, claimant, context) or (actor, target)
        event.actor, event.target = actor, target

    def _attack_repelled(self, trigger: Trigger, text: str, parties: list[PartyMention], claimant: Optional[Party],
                         context: ArticleContext) -> Optional[tuple[Party, Optional[Party]]]:
        """"Russian forces fought off three Ukrainian assaults", "the ministry said its forces
        foiled Ukraine's attacks": the side whose assault was beaten back acted, the side that
        beat it back was acted against."""
        inside = [p for p in parties if trigger.start <= p.start < trigger.end]
        before = [p for p in parties if p.end <= trigger.start and p not in inside]
        repeller: Optional[Party] = before[-1].party if before else None
        if repeller is None and claimant and ITS_FORCES.search(text):
            entry = resolve_party(claimant.name, self.lexicon)  # "its forces fought off …": the speaker's
            repeller = Party(name=entry.name, country=entry.country) if entry else None
        attacker = inside[0].party if inside else None
        if attacker is not None and repeller is not None and party_key(attacker) == party_key(repeller):
            return None
        if attacker is None and repeller is not None:
            attacker = context.sides.opponent_of(party_key(repeller))
        if attacker is None:
            return None
        return attacker, repeller or context.sides.opponent_of(party_key(attacker))

    def _foreign_troops(self, event: Event, text: str, place: Optional[PlaceMention]) -> None:
        """North Korean troops in Russia's Kursk region, US troops sent to Nigeria: a
        state's forces on another's ground, not on a border, are foreign troops; a
        belligerent's forces on its enemy's ground (Russian troops in Crimea) are not."""
        actor, where = event.actor, event.location.country if event.location else None
        if (event.type == "deployment" and event.subtype == "other" and actor and actor.country and where
                and actor.country != where and not (place and _across_border(text, place, self.lexicon))
                and not self._at_war_with(actor.country, where)):
            event.subtype = "foreign_troops"

    def _at_war_with(self, country: str, other: str) -> bool:
        """Whether actors.yaml names one state the other's rival."""
        mine, theirs = self.lexicon.state(country), self.lexicon.state(other)
        return bool(mine and theirs and (theirs.name in mine.rivals or mine.name in theirs.rivals))

    def _fallback_place(self, event: Event, claimant: Optional[Party], context: ArticleContext,
                        sentence: Sentence) -> Optional[Place]:
        """Where the sentence names no place: the side acted against, else the
        place the passage is about."""
        text = sentence.text
        if event.subtype == "mobilisation" and event.actor and event.actor.country:
            return country_place(event.actor.country, self.lexicon)  # a state calls up its own reservists
        if event.type == "deployment" and AT_A_BORDER.search(text):
            # "deployed 100,000 troops near the border with Ukraine": on their own side of it
            side = (event.actor and event.actor.country) or (claimant and claimant.country)
            if side:
                return country_place(side, self.lexicon)
        if event.type == "strike" and event.target and event.target.country and (
                MANY_REGIONS.search(text) or is_barrage(event)):
            # "34 drones over several Russian provinces", "Russia used 120 missiles and 90 drones":
            # the country, not the town the passage is about
            return country_place(event.target.country, self.lexicon)
        if event.type in ("territory", "clash") and context.last_place:
            return context.last_place  # ground is fought over where the passage is, by either side
        if (event.type in ("strike", "territory") and event.target and event.target.country
                and not _flag_of_a_ship(event.target, text, context.parties_by_sentence[sentence.index])):
            # not a clash: "fighters killed four US troops" fought them wherever they were posted
            if context.last_place and context.last_place.country == event.target.country:
                return context.last_place  # the passage is about a town of the side struck
            return country_place(event.target.country, self.lexicon)
        if event.type == "losses":
            return (self._war_theatre(event) or self._struck_land(event) or self._theatre(context)
                    or context.last_place)
        if event.type == "clash" and not context.last_place:
            # "al-Shabaab fighters killed 12 soldiers and briefly took a base": where the article's war is
            return self._war_theatre(event) or self._theatre(context, owners_of_forces=False)
        if context.last_place:
            return context.last_place
        if claimant and claimant.country:
            return country_place(claimant.country, self.lexicon)
        return context.dateline_place

    def _on_the_receiving_side(self, event: Event, told_in: bool = False) -> Optional[Place]:
        """A strike, an assault or a capture placed only at the attacker's own country
        ("Russia says it fired at airfields") happened on the side attacked; a toll
        placed only at a country is counted in the war's theatre, unless the text says
        it was counted there (`told_in`: "1,400 people in Israel have been killed")."""
        location = event.location
        if location is None and event.type == "strike" and event.actor and event.target and (
                event.target.country is None):
            # "the UK and the US took part in joint airstrikes against Houthi sites"
            return self._ground_of(event.target)
        if location is None or location.precision != "country":
            return None
        if (event.type in ("strike", "clash", "territory") and event.actor and event.target
                and event.actor.country == location.country and event.target.country
                and event.target.country != location.country):
            return country_place(event.target.country, self.lexicon)
        if (event.type == "strike" and event.actor and event.target and event.target.country is None
                and location.country in (event.actor.country, event.claimant and event.claimant.country)):
            # "the US carried out airstrikes against 13 Houthi targets", "the US, alongside the UK,
            # carried out airstrikes", CENTCOM said: where the group struck fights
            return self._ground_of(event.target)
        if event.type == "losses" and not told_in:
            theatre = self._war_theatre(event)
            return theatre if theatre and theatre.country != location.country else None
        return None

    def _ground_of(self, group: Party) -> Optional[Place]:
        """The one country a stateless party fights in (actors.yaml `theatres`), if it has one."""
        grounds = self.lexicon.grounds_of(group.name)
        return country_place(grounds.pop(), self.lexicon) if len(grounds) == 1 else None

    def _struck_land(self, event: Event) -> Optional[Place]:
        """"Israeli strikes had killed 224 people", Iran said: the dead of one state's attacks
        on another, in a war with no theatre of its own, are counted in the land struck."""
        actor, target = event.actor, event.target
        if actor and target and actor.country and target.country and actor.country != target.country:
            return country_place(target.country, self.lexicon)
        return None

    def _war_theatre(self, event: Event) -> Optional[Place]:
        """The country the war between the event's two sides is fought in (actors.yaml `theatres`)."""
        sides = {p.name for p in (event.actor, event.target) if p}
        for parties, country in self.lexicon.theatres:
            if len(sides) == 2 and sides <= parties:
                return country_place(country, self.lexicon)
        return None

    def _grounds_of_groups(self, parties: list[PartyMention]) -> list[str]:
        """The countries where the article's stateless parties fight, once each: context
        that settles a small town's namesakes when no country is named."""
        groups = sorted({m.entry.name for m in parties if m.entry.country is None})
        return sorted({country for group in groups for country in self.lexicon.grounds_of(group)})

    def _theatre(self, context: ArticleContext, owners_of_forces: bool = True) -> Optional[Place]:
        """The country the article's war is fought in: the one whose towns and regions
        it names most (a country's own name counts only where no town is named). Without
        `owners_of_forces`, a country named for whose troops they are ("four US special
        troops") does not count."""
        places = context.places if owners_of_forces else context.places_not_owning_forces
        local = Counter(p.entry.country for p in places if p.entry.country and p.entry.kind != "country")
        counts = local or Counter(p.entry.country for p in places if p.entry.country)
        if not counts:
            return None
        return country_place(counts.most_common(1)[0][0], self.lexicon)

    def _context_date(self, sentence: Sentence, context: ArticleContext) -> DateSpan:
        """An event with no time of its own, told in a passage about a named day,
        takes that day (ANNOTATION rule 21)."""
        if context.last_day and 0 <= sentence.index - context.last_day_sentence <= CONTEXT_DAY_WINDOW:
            return DateSpan(start=context.last_day.start, end=context.last_day.end, precision="day")
        return DateSpan()

    def _placed(self, claimant: Party, location: Optional[Place], role: str = "") -> Party:
        """An official with no state named speaks for the country where it happened."""
        if claimant.country is None and location and (self._speaks_for_place(claimant.name)
                                                      or self._speaks_for_place(role)):
            return Party(name=claimant.name, country=location.country)
        return claimant

    def _speaks_for_place(self, name: str) -> bool:
        """Officials with no state named ("local officials", "the governor") speak for
        the place where it happened; outlets and witnesses speak for no state."""
        return (bool(self.lexicon.official_pattern.search(name)) and not self.lexicon.outlet_pattern.search(name)
                and not STATELESS_CLAIMANT.search(name) and resolve_party(name, self.lexicon) is None)

    @staticmethod
    def _place_named_before(text: str, context: ArticleContext) -> Optional[Place]:
        """"Fierce battles were going on in the besieged port city", "in the border region":
        the town or region the passage has just named, where a sentence speaks of it by its
        kind without naming it."""
        last = context.last_place
        if last is None:
            return None
        if last.precision == "city" and THE_TOWN.search(text):
            return last
        if last.precision == "admin1" and THE_REGION.search(text):
            return last
        return None

    def _is_specific(self, event: Event, placed: bool, when: Optional[DateSpan],
                     sentence: Sentence) -> bool:
        """ANNOTATION rule 1: an event is pinned down by a place, a time or a count;
        what a side does again and again ("have repeatedly targeted railways", "for
        months now") is background unless a day or a count pins it."""
        if event.type == "losses":
            return bool(event.quantities)
        fight_for_a_town = (event.type == "clash" and placed and event.location is not None
                            and event.location.precision == "city")
        if ((HABITUAL.search(sentence.text) or CAPABILITY.search(sentence.text)) and not event.quantities
                and not (when and when.precision == "day") and not fight_for_a_town):
            return False  # but "Russia has been trying to capture Avdiivka for months" is the fight for a town
        if event.quantities or when or placed:
            return True
        if (event.type in ("clash", "violence") and not sentence.headline and not _in_title_case(sentence.text)
                and _names_an_unlisted_scene(sentence.text, self.lexicon)):
            return True  # "came across armed men at Baley Beri": a place no gazetteer lists still pins it
        if event.type == "disruption":
            return event.location is not None  # a closure or an outage told of the place the article is about
        if event.type == "violence" and event.location is not None and PEOPLE_HARMED.search(sentence.text):
            return True  # "some civilians were killed by a shot to the head": people harmed, in the article's place
        return event.type in ("territory", "strike") and event.actor is not None and event.location is not None


def _taker(trigger: Trigger, text: str, parties: list[PartyMention]) -> Optional[Party]:
    """The side a place went to, named in the trigger's own words: "came under full Russian
    control", "came under the control of the Malian army", "fell to the Taliban"."""
    held = UNDER_CONTROL.search(text, trigger.start)
    if held and held.start() == trigger.start:
        named = [p for p in parties if held.start() <= p.start < held.end()]
        return named[0].party if named else None
    fell = FELL_TO.match(text, trigger.start)
    if fell:
        return next((p.party for p in parties
                     if p.start >= fell.end() and text[fell.end():p.start] in ("", "the ")), None)
    return None


def _names_anothers_border(borders: list[PartyMention], country: str) -> bool:
    """"the Ukrainian border", "the Kosovo border" (the sentence's states named for a
    border), said of another state than `country`."""
    return any(p.entry.country and p.entry.country != country for p in borders)


def _flag_of_a_ship(side: Party, text: str, parties: list[PartyMention]) -> bool:
    """"Missiles fired at the American ship": the side named (among the sentence's
    `parties`) is the ship's flag or owner, which sails far from its country."""
    return any(p.entry.country == side.country and VESSEL_AFTER.match(text, p.end) for p in parties)


def _day_of_the_past(text: str, when: DateSpan) -> bool:
    """"… trading fire since Hamas attacked Israel on October 7": a day told as where a
    long stretch began is no passage's day (ANNOTATION rule 21)."""
    at = text.find(when.text) if when.text else -1
    return at > 0 and bool(SINCE_BEFORE.search(text, max(0, at - 60), at))


def _says_it_did(text: str, claimant: Party, lexicon: Lexicon) -> bool:
    """"Hezbollah said it targeted …": the claimant, speaking just before, says it acted."""
    said = SAID_IT_DID.search(text)
    if said is None:
        return False
    speaker = text[max(0, said.start() - 60):said.start()]
    if claimant.country is None and THE_GROUP_BEFORE.search(speaker):
        return True  # "the group said it liberated …", the group having spoken before
    named = resolve_party(speaker, lexicon)
    return claimant.name.lower() in speaker.lower() or bool(
        named and party_key(Party(name=named.name, country=named.country)) == party_key(claimant))


def _downed_weapons_owner(text: str, agents: list[PartyMention]) -> Optional[PartyMention]:
    """The side whose weapons another side downed: "Ukraine destroys 26 Russian drones"."""
    for owner in agents:
        if not OWNS_WEAPON.match(text, owner.end):
            continue
        for subject in agents:
            if subject.end <= owner.start and subject.key != owner.key and DEFENCE_WORDS.search(
                    text, subject.end, owner.start):
                return owner
    return None


def rule_triggers_by_sentence(sentences: list[Sentence], lexicon: Lexicon, at_war: bool,
                              vetoes: Optional[list[list[str]]] = None,
                              worded: Optional[list[bool]] = None, armed: bool = True) -> list[list[Trigger]]:
    """The rules' triggers of each sentence (none for page furniture); a sentence's
    neighbours may supply the talk of war a short one lacks. `vetoes` gets, per
    sentence, the names of the exceptions that set a trigger aside; `worded`, if given,
    says per sentence whether it holds a trigger word (`Lexicon.any_trigger`); `armed`,
    whether the article tells of armed conflict (`find_triggers`)."""
    out: list[list[Trigger]] = []
    for sentence in sentences:
        vetoed: list[str] = []
        if vetoes is not None:
            vetoes.append(vetoed)
        has_word = worded[sentence.index] if worded is not None else lexicon.any_trigger(sentence.text)
        if sentence.noise or not (has_word or COUNTED_DEATHS.search(sentence.text)):
            out.append([])  # no trigger word nor a count of the dead: find_triggers would find nothing
            continue
        nearby = " ".join(s.text for s in sentences[max(0, sentence.index - 1):sentence.index + 2] if s is not sentence)
        out.append(find_triggers(sentence.text, lexicon, nearby, at_war, vetoed, armed))
    return out


TRACE_SCORE = 0.2  # reader scores below this are left out of a trace


def _trace(sentences: list[Sentence], rule_triggers: list[list[Trigger]], vetoes: list[list[str]],
           readings: list[Optional[Reading]], offset: int) -> list[dict]:
    """What the rules and the reader said of each sentence where either said anything."""
    out = []
    for sentence in sentences:
        reading = readings[sentence.index]
        scores = {t: round(v, 2) for t, v in (reading.scores.items() if reading else ()) if v >= TRACE_SCORE}
        fired = [t.rule for t in rule_triggers[sentence.index]]
        if fired or vetoes[sentence.index] or scores:
            out.append({"start": sentence.start + offset, "end": sentence.end + offset, "text": sentence.text,
                        "fired": fired, "vetoed": list(vetoes[sentence.index]), "reader": scores})
    return out


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """Pieces of a long text, cut at line ends, with their offsets: memory stays bounded."""
    start = 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        yield start, text[start:end]
        start = end


def _nearest(mentions: list[PartyMention], position: int) -> PartyMention:
    before = [m for m in mentions if m.start <= position]
    return before[-1] if before else mentions[0]


def _distribute(quantities: list[Quantity], types: list[str], text: str, base: int) -> dict[str, list[Quantity]]:
    """Each quantity goes to one of the sentence's events, by what it counts; homes or
    people left without power belong to the outage."""
    out: dict[str, list[Quantity]] = {}
    for q in quantities:
        homes = QUANTITY_HOME.get(q.kind, CASUALTY_HOMES)
        if q.kind == "other" and WITHOUT_SUPPLY.match(text, q.end - base):
            homes = ("disruption", *homes)
        home = next((t for t in homes if t in types), None)
        if home is None:
            home = next((t for t in CASUALTY_HOMES if t in types and t != "disruption"), types[0])
        out.setdefault(home, []).append(q)
    return out


def _confidence(event: Event, claimant: Optional[Party]) -> float:
    filled = sum(x is not None for x in (event.location, event.actor, claimant, event.date.start))
    return min(0.9, 0.5 + 0.1 * filled + (0.1 if event.quantities else 0.0))


def dateline_place(text: str, lexicon: Lexicon) -> Optional[Place]:
    """The city of a dateline ("MADRID – ", "KYIV, Jan 15 (Reuters) -"), resolved."""
    for line in [ln for ln in text.splitlines() if ln.strip()][:5]:
        m = DATELINE_CITY.match(line)
        if m:
            name = m.group("city").strip().title()
            found = find_places(name, lexicon, gazetteer=False)
            if found and found[0].start == 0:
                return found[0].to_place()
            city = next((p for p in Gazetteer.default().lookup(name) if p.kind == "city"), None)
            if city and city.population >= 50_000:
                return Place(name=name, country=city.country, admin1=city.admin1, lat=city.lat, lon=city.lon,
                             precision="city")
    return None


def _region_of_the_article(events: list[Event], lexicon: Lexicon) -> None:
    """An event the text places only in a country lies in the first-order division where
    most of the article's other events in that country lie ("the attackers burned the
    market" in a report of an ambush in Tillaberi): the region the article is about, as its
    readers and annotators take it. Rule `place.region_of_the_article` says so."""
    divisions: dict[str, Counter[str]] = {}
    for event in events:
        if event.location and event.location.country and event.location.admin1:
            divisions.setdefault(event.location.country, Counter())[event.location.admin1] += 1
    for event in events:
        where = event.location
        if where is None or where.admin1 or where.precision != "country" or where.country not in divisions:
            continue
        admin1, n = divisions[where.country].most_common(1)[0]
        if n < REGION_SHARE * sum(divisions[where.country].values()):
            continue
        if _told_of_the_country(event, lexicon):
            continue
        division = Gazetteer.default().division(where.country, admin1)
        event.location = Place(name=admin1, country=where.country, admin1=admin1,
                               lat=division.lat if division else None, lon=division.lon if division else None,
                               precision="admin1")
        event.rules.append(REGION_OF_THE_ARTICLE)


def _told_of_the_country(event: Event, lexicon: Lexicon) -> bool:
    """Whether an event is one of a whole country: a toll, a known happening, a barrage of
    many weapons, or one its sentence places itself ("missiles fired into Ukraine", "the
    massacre in Kashmir", "strikes across the country")."""
    if event.type == "losses" or any(rule.startswith(HAPPENING_PREFIX) for rule in event.rules):
        return True
    if event.type == "strike" and any(q.kind in ("launched", "intercepted") for q in event.quantities):
        return True
    return any(NATIONWIDE.search(evidence.text) or find_places(evidence.text, lexicon) for evidence in event.evidence)


def _air_strikes_by_context(events: list[Event], text: str) -> None:
    """"Four strikes hit Sanaa" in a report about airstrikes and warplanes: air strikes
    (ANNOTATION rule 16: air where the text makes it so, more than once)."""
    if len(AIR_CONTEXT.findall(text)) < AIR_CONTEXT_MENTIONS:
        return
    for event in events:
        if event.type == "strike" and event.subtype is None:
            event.subtype = "air"


def _possessor_of(text: str, place: PlaceMention, party_starts: set[int]) -> bool:
    """"Yemen's Houthis": the place's name owns a party named right after it."""
    m = POSSESSIVE.match(text, place.end)
    return bool(m) and m.end() in party_starts


def _claimed_responsibility(text: str, lexicon: Lexicon) -> Optional[Party]:
    """The one party the article says claimed responsibility ("Al-Shabaab, linked to
    al-Qaeda, has claimed responsibility for this attack"), if only one did."""
    claimers = set()
    for m in CLAIMED_RESPONSIBILITY.finditer(text):
        clause = re.split(r"[.!?\n]", text[max(0, m.start() - 80):m.start()])[-1]
        named = find_parties(clause, lexicon)
        if named:
            claimers.add((named[0].entry.name, named[0].entry.country))  # the clause's subject leads it
    if len(claimers) != 1:
        return None
    name, country = claimers.pop()
    return Party(name=name, country=country)


LIST_AS_DESTINATION = re.compile(r"\b(?:to|into|in|across)\s+(?:the\s+)?(?:\w+\s+)?$", re.IGNORECASE)
LIST_AS_SUBJECT = re.compile(r"\s+(?:\w+\s+){0,2}(?:closed|shut|suspended|halted|cancel\w*|restricted|evacuated)\b",
                             re.IGNORECASE)
LIST_GLUE = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)\s*")


def _lists(mentions: list[PlaceMention], text: str) -> list[list[PlaceMention]]:
    """The runs of two or more places, in order, that a sentence lists ("Jordan, Syria and
    Lebanon", "Dnipro, Lutsk and Chernihiv"), each glued by commas, "and" or "or"."""
    runs: list[list[PlaceMention]] = []
    for p in mentions:
        if runs and LIST_GLUE.fullmatch(text[runs[-1][-1].end:p.start]):
            runs[-1].append(p)
        else:
            runs.append([p])
    return [run for run in runs if len(run) >= 2]


def _split_by_listed_countries(event: Event, places: list[PlaceMention], named: list[PlaceMention],
                               text: str, lexicon: Lexicon) -> list[Event]:
    """"Jordan, Syria and Lebanon closed their airspace", "troops sent to Poland, Estonia
    and Lithuania": one disruption or deployment per country listed. The last of a list
    that closes is read as a state acting and left out of `places`, so it is taken back
    from `named`, every place the sentence names."""
    if event.type not in ("disruption", "deployment") or event.location is None:
        return [event]
    countries = sorted((p for p in named if p.entry.kind == "country"
                        and (p in places or LIST_AS_SUBJECT.match(text, p.end))), key=lambda p: p.start)
    country = event.location.country
    run = next((r for r in _lists(countries, text) if any(m.entry.country == country for m in r)), [])
    if len(run) < 2 or len({p.entry.country for p in run}) < len(run) or not any(
            p.entry.country == event.location.country for p in run):
        return [event]
    destination = LIST_AS_DESTINATION.search(text[max(0, run[0].start - 30):run[0].start])
    closing = event.type == "disruption" and LIST_AS_SUBJECT.match(text, run[-1].end)
    if not (destination or closing):
        return [event]  # "the leaders of Armenia, Azerbaijan and Russia": not where it happened
    hosts = event.target is not None and event.target.country == event.location.country

    def host(p: PlaceMention) -> Optional[Party]:
        state = lexicon.state(p.entry.country) if hosts else None
        return Party(name=state.name, country=state.country) if state else event.target

    return [replace(event, location=p.to_place(), target=host(p), quantities=list(event.quantities) if n == 0 else [],
                    evidence=list(event.evidence)) for n, p in enumerate(run)]


REGIONS_AFTER = re.compile(r"\s+(?:regions|oblasts|provinces|governorates|states|districts)\b", re.IGNORECASE)
BLASTS_HEARD = re.compile(r"\b(?:explosions?|blasts?)\s+(?:\w+\s+){0,2}(?:heard|reported|rang out|rocked)\b",
                         re.IGNORECASE)
REGIONS_BEFORE = re.compile(r"\b(?:regions|oblasts|provinces|governorates|states|districts) of\s+(?:the\s+)?$",
                            re.IGNORECASE)
LISTED_KINDS = ("city", "settlement", "airport")  # a list of regions is a wave's reach, not its parts


EVACUATED_AFTER = re.compile(r"(?:['’]s)?\s+(?:[\w-]+\s+){0,3}?(?:evacuated|evacuates|has evacuated|flew out|"
                             r"has flown out|airlifted|took|extracted|has extracted|rescued|brought home)\b", re.I)


def _evacuating_state(event: Event, trigger: Trigger, text: str, parties: list[PartyMention]) -> Optional[str]:
    """The state that took its people out, named as the subject ("Egypt evacuated 436 of its
    nationals", "the German air force has flown out 311 people")."""
    if event.type != "disruption" or event.subtype != "evacuation":
        return None
    state = next((p for p in parties if p.end <= trigger.start + len(trigger.text) and p.entry.country
                  and EVACUATED_AFTER.match(text, p.end)), None)
    return state.entry.country if state else None


def _names_the_source(text: str, place: PlaceMention) -> bool:
    """"Nearly 500 of its troops have been killed in Ukraine: Moscow": the name that closes
    a headline after a colon is who says it."""
    return text[:place.start].rstrip().endswith(":") and not text[place.end:].strip(" .\"'”’")


def _split_by_listed_places(event: Event, places: list[PlaceMention], text: str) -> list[Event]:
    """"Dnipro, Lutsk and Chernihiv were struck by missiles", "seized Rutshuru and Rubare":
    one strike or capture per town of a list; its numbers, told of none of them, stay with
    the first. A list of regions is the reach of one wave, and blasts heard across cities
    are its echo, not its parts."""
    if event.type not in ("strike", "territory") or event.location is None or event.location.precision == "country":
        return [event]
    listed = sorted((p for p in places if p.entry.kind in LISTED_KINDS and p.entry.country == event.location.country),
                    key=lambda p: p.start)
    run = next(iter(_lists(listed, text)), [])
    if (len(run) < 2 or len({p.entry.name for p in run}) < len(run) or is_barrage(event)
            or event.location.name not in {p.to_place().name for p in run}
            or REGIONS_AFTER.match(text, run[-1].end) or REGIONS_BEFORE.search(text, 0, run[0].start)
            or BLASTS_HEARD.search(text)):
        return [event]
    return [replace(event, location=p.to_place(), quantities=list(event.quantities) if n == 0 else [],
                    evidence=list(event.evidence)) for n, p in enumerate(run)]


def _place_of_numbers(quantities: list[Quantity], places: list[PlaceMention], sentence: Sentence) -> Optional[PlaceMention]:
    """The one place the quantities are told at ("eight injured in the Kherson region"), if
    they name exactly one."""
    found = set()
    for q in quantities:
        at = PLACE_OF_NUMBER.match(sentence.text, q.end - sentence.start)
        place = next((p for p in places if at and p.start == at.end()), None)
        if place is not None:
            found.add(id(place))
    numbered = next((p for p in places if id(p) in found), None) if len(found) == 1 else None
    return numbered if numbered is not None and numbered.entry.kind != "country" else None  # not "… in Ukraine"


def _split_by_place(event: Event, places: list[PlaceMention], sentence: Sentence,
                    country_of: Callable[[str], Optional[Place]]) -> list[Event]:
    """"42 drones were destroyed over the Saratov region and 12 over the Rostov region":
    one event per place that has its own number; a total over several regions ("40 drones
    over five regions, including 18 over the Saratov region") is one more, over the
    country (ANNOTATION rule 17)."""
    if event.type != "strike" or len(event.quantities) < 2:
        return [event]
    pairs = []
    for q in event.quantities:
        at = PLACE_OF_NUMBER.match(sentence.text, q.end - sentence.start)
        place = next((p for p in places if at and p.start == at.end()), None)
        if place is not None:
            pairs.append((q, place))
    unplaced = [q for q in event.quantities if all(q is not other for other, _ in pairs)]
    totals = [q for q in unplaced if any(q.kind == part.kind and q.value > part.value for part, _ in pairs)]
    whole = country_of(pairs[0][1].entry.country) if totals and pairs[0][1].entry.country else None
    if len(pairs) + bool(whole) < 2 or len({p.entry.admin1 or p.entry.name for _, p in pairs}) < len(pairs):
        return [event]
    parts = [replace(event, quantities=[q], location=place.to_place(), evidence=list(event.evidence))
             for q, place in pairs]
    if whole:
        parts.insert(0, replace(event, quantities=totals, location=whole, evidence=list(event.evidence)))
    parts[0].quantities += [q for q in unplaced if all(q is not total for total in totals)]
    return parts


PEOPLE = ("soldier", "person", "civilian")
WEAPONRY = ("vehicle", "aircraft", "drone", "missile")
EQUIPMENT_COUNTED = re.compile(r"\b(?:ships?|boats?|vessels?|artillery|systems?|launchers?|radars?|equipment|"
                               r"weapons?|guns?|mortars?|howitzers?|batteries)\b", re.IGNORECASE)


def _split_personnel_and_equipment(event: Event) -> list[Event]:
    """"Russia has lost 520,000 personnel, 8,900 tanks and 369 aircraft": a tally of people
    and one of equipment, two events (the two subtypes of losses)."""
    if event.type != "losses":
        return [event]
    people = [q for q in event.quantities if q.item in PEOPLE or (q.item is None and q.kind != "other")]
    equipment = [q for q in event.quantities if q.item in WEAPONRY
                 or (q.item == "other" and EQUIPMENT_COUNTED.search(q.text or ""))]
    if not (people and equipment):
        return [event]
    people += [q for q in event.quantities if q not in people and q not in equipment]
    return [replace(event, subtype="personnel", quantities=people, evidence=list(event.evidence)),
            replace(event, subtype="equipment", quantities=equipment, evidence=list(event.evidence))]


# "casualties included six media workers, 26 medics", "between 100 and 200 troops": one toll
PARTS_OR_RANGE = re.compile(r"\b(?:includ\w*|among them|of whom|of them|between)\b", re.IGNORECASE)


def _same_item(a: Quantity, b: Quantity) -> bool:
    """Two counts of one kind of person, or of no kind said ("1,400 civilians … 200 soldiers"
    are two parts of one toll)."""
    return a.item is None or b.item is None or a.item == b.item


def _split_repeated_tolls(event: Event) -> list[Event]:
    """"Ukraine lost 230 soldiers facing Battlegroup Vostok, 220 facing Zapad …", "a daily
    average of 776, down to 568 in April": a count of the dead told again is another tally
    (another group of forces, place or period), one event each. A tally of equipment counts
    each kind of kit, which is one tally."""
    if event.type != "losses" or event.subtype != "personnel" or not event.evidence:
        return [event]
    told = event.evidence[0]
    groups: list[list[Quantity]] = [[]]
    for q in event.quantities:
        same = next((p for p in reversed(groups[-1]) if p.kind == q.kind and _same_item(p, q)), None)
        if same is not None and not PARTS_OR_RANGE.search(told.text, 0, max(0, q.start - told.start)):
            groups.append([])
        groups[-1].append(q)
    if len(groups) < 2:
        return [event]
    return [replace(event, quantities=group, evidence=list(event.evidence)) for group in groups]


def _place_for(trigger: Trigger, triggers: list[Trigger], places: list[PlaceMention],
               text: str) -> Optional[PlaceMention]:
    """"Troops capture a village in Ukraine as a drone strike kills one in Voronezh": each
    event of a sentence that tells several takes the places named in its own stretch."""
    starts = sorted(t.start for t in triggers)
    later = [s for s in starts if s > trigger.start]
    earlier = [t.end for t in triggers if t.end <= trigger.start]
    low, high = max(earlier, default=0), min(later, default=10 ** 9)
    stretch = [p for p in places if low <= p.start < high]
    best = best_place(stretch)
    # "Israel's campaign in Gaza began when militants stormed into southern Israel": the place
    # the verb takes, over one named before it ("Russia's Kursk region": the owner only qualifies)
    taken = [p for p in stretch if (trigger.start < p.start <= trigger.end + 25 or _left_from(trigger, p, text))
             and not POSSESSIVE.match(text, p.end)]
    if taken:
        # "the Black Sea peninsula of Crimea", "the Darfur city of El-Fasher": a wide name qualifies the next
        finer = [p for p in stretch if taken[0].start < p.start <= taken[0].end + 40 and p.rank > taken[0].rank]
        return finer[0] if taken[0].rank < 3 and finer else taken[0]
    if best is not None and best.end <= trigger.start:
        # "sirens sounded in northern Israel, and the IDF struck military structures in Lebanon":
        # the country of the trigger's own clause, over another one told before it
        own = [p for p in stretch if trigger.end < p.start <= trigger.end + 70 and p.entry.country != best.entry.country
               and not CLAUSE_AFTER_TRIGGER.search(text, trigger.end, p.start) and not POSSESSIVE.match(text, p.end)]
        if own:
            return own[0]
    return best or best_place(places)


def _left_from(trigger: Trigger, place: PlaceMention, text: str) -> bool:
    """"an evacuation of 6,000 people in the northeastern region of Sumy": the place people
    leave, named further on in the evacuation's own clause."""
    gap = text[trigger.end:place.start]
    return (trigger.type == "disruption" and trigger.subtype == "evacuation" and 0 <= len(gap) <= 70
            and re.search(r"\b(?:in|from)\s", gap) is not None
            and not re.search(r"[,;]\s|\b(?:that|which|where|borders?|bordering|near|across|to)\b", gap))


def _names_an_unlisted_scene(text: str, lexicon: Lexicon) -> bool:
    """Whether the text names a scene by a proper name that is no listed place, party or
    month: "at Baley Beri", "the assault on al-Tina"."""
    for m in UNLISTED_SCENE.finditer(text):
        name = m.group("name") or m.group("named")
        if (name.lower() not in NOT_SCENES and not lexicon.place_pattern.fullmatch(name)
                and not resolve_party(name, lexicon) and not lexicon.outlet_pattern.search(name)):
            return True
    return False


def _in_title_case(text: str) -> bool:
    """A headline set in title case ("Stunner Seals Win in Title Clash"), whose capitals name nothing."""
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    return len(words) >= 4 and sum(w[0].isupper() for w in words) / len(words) > 0.6


def _subject_of(sentence: Sentence, position: int) -> Optional[ClaimSpan]:
    """"The Ukrainian army dismissed the claims": the subject of the verb at `position`,
    as the one who speaks."""
    verb = next((t for t in sentence.doc if t.idx <= position < t.idx + len(t)), None)
    if verb is None or verb.pos_ != "VERB":
        return None  # "Israeli claims … were false": the claims deny nothing
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    words = list(subject.subtree)
    start, end = words[0].idx, words[-1].idx + len(words[-1])
    return ClaimSpan(sentence.text[start:end], start, end, pronoun=subject.pos_ == "PRON")


def _same_ground(place: PlaceMention, location: Place) -> bool:
    """Whether a place named is where an event already is: its region, or its country alone."""
    entry = place.entry
    if entry.country != location.country:
        return False
    return entry.kind == "country" or not entry.admin1 or not location.admin1 or entry.admin1 == location.admin1


def _in_the_war_begun(text: str, place: PlaceMention) -> bool:
    """"Since the war in Gaza began, the Houthis have fired 83 missiles at Israel": the war's
    place dates the sentence, it is not where its event happened."""
    return any(m.start() <= place.start and place.end <= m.end() for m in WAR_BEGAN.finditer(text))


def _is_landmark(text: str, place: PlaceMention) -> bool:
    """"1,000km south of Moscow", "Kiev: “Robotyne liberated”", "a U.S.-built Patriot", "a
    ceasefire in Lebanon": a place named to give a distance, as a heading, as a maker or as
    where a truce holds, not where it happened."""
    return bool(DISTANCE_FROM.search(text[max(0, place.start - 60):place.start]) or _is_heading(text, place)
                or TRUCE_BEFORE.search(text, max(0, place.start - 40), place.start)
                or MAKER_AFTER.match(text, place.end)
                or (place.entry.kind == "country" and _named_as_bearing(text, place)))


def _named_as_bearing(text: str, place: PlaceMention) -> bool:
    """"a town bordering Algeria", "near Algeria": a neighbouring country as a bearing, not
    the scene (but "massing near Ukraine's border": see _across_border; as a side, see
    actors.names_border)."""
    return bool(NEAR_COUNTRY.search(text[max(0, place.start - 30):place.start])
                and not BORDER_AFTER.match(text, place.end))


def _is_heading(text: str, mention: PlaceMention | PartyMention) -> bool:
    """"Moscow: two drones shot down": the dateline of a news brief."""
    return mention.start == 0 and text.startswith(":", mention.end)


def _across_border(text: str, place: PlaceMention, lexicon: Lexicon) -> bool:
    """The place is the neighbour across a border: "on Ukraine's border", "the border with
    Lebanon", "near the Gaza border", "toward the Eritrean border near Assab"."""
    if BORDER_AFTER.match(text, place.end) or BORDER_BEFORE.search(text[max(0, place.start - 40):place.start]):
        return True
    if NAMED_BORDER_AFTER.match(text, place.end):
        return True
    adjective = ADJECTIVE_BORDER_BEFORE.search(text[max(0, place.start - 80):place.start])
    side = resolve_party(adjective.group("side"), lexicon) if adjective else None
    return bool(side and side.country and side.country == place.entry.country)


def _lead_day(sentences: list[Sentence], published: Optional[date]) -> Optional[DateSpan]:
    """The day the article's lead gives ("… killed five civilians on Tuesday"): the day
    of what the report is about."""
    lead = [s for s in sentences if not s.headline and not s.noise][:LEAD_SENTENCES]
    for sentence in lead:
        when = find_date(DATELINE.sub("", sentence.text), published)
        if when and when.precision == "day":
            return when
    return None


def _date_by_report(events: list[Event], published: Optional[date], lead_day: Optional[DateSpan] = None) -> None:
    """An event the text gives no day for happened, as annotators read news, on the
    day the lead gives, else on the day of the report; not what is expected, nor a
    toll over a period."""
    if published is None:
        return
    for event in events:
        if event.date.start is None and event.status != "expected" and event.type != "losses":
            day = lead_day.start if lead_day else published.isoformat()
            event.date = DateSpan(start=day, end=day, precision="day")


def _apply_verification_notes(events: list[Event], sentences: list[Sentence]) -> None:
    """"Reuters could not independently verify the reports": the claims told just
    before it are unverified."""
    for sentence in sentences:
        if not UNVERIFIED_NOTE.search(sentence.text):
            continue
        for event in events:
            first = event.evidence[0]
            if sentence.start - 600 <= first.start < sentence.start and event.claimant is not None:
                event.status = "unverified" if event.status == "asserted" else event.status
