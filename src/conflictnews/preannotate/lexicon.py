"""Lexicons of the rule pre-annotator: event triggers, entity heads, attribute and stance cues.

Stage: pre-annotation (resources). Input: ``schema.EVENT_TYPES`` (each type's typical trigger
words) plus the verbs and nouns PLOVER / CAMEO list under the category each type maps to
(declared below, keyed by our event type names and checked against the schema at import).
Output: :func:`trigger_lexicon` (lemma sequence → event type, longest match first) and the cue
sets the rules in :mod:`conflictnews.preannotate.rules` use. No label list is repeated here:
every type name is looked up in :mod:`conflictnews.schema`.

Lemma-aware: a trigger phrase is matched on spaCy lemmas (lower-cased), so "vetoed", "vetoes"
and "veto" all match the schema's trigger words. The schema's trigger words are lemmatised with
the same pipeline that tags the article (:func:`trigger_lexicon` takes the lemmatiser), so the
lexicon can never drift from the tagger.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from conflictnews import schema
from conflictnews.io import sha256_text

#: Extra trigger lemmas per event type, from the PLOVER category and CAMEO codes the schema maps
#: each type to (schema.EventType.plover / .cameo). Single words are lemmas; phrases are lemma
#: sequences separated by spaces.
EXTRA_TRIGGERS: Mapping[str, tuple[str, ...]] = {
    "ATTACK": (
        "attack",
        "shell",
        "bomb",
        "strike",
        "shoot",
        "ambush",
        "assault",
        "clash",
        "storm",
        "pound",
        "explosion",
        "blast",
        "bombardment",
        "air strike",
        "drone strike",
        "missile strike",
        "fire on",
        "exchange of fire",
    ),
    "DIE": ("kill", "die", "death", "killing"),
    "INJURE": ("wound", "injure", "injury"),
    "DAMAGE": ("destroy", "damage", "raze", "demolish", "destruction"),
    "SEIZE": ("seize", "retake", "take control", "take over"),
    "BLOCKADE": ("besiege", "encircle", "cut off"),
    "MOBILIZE": ("deploy", "deployment", "mobilise", "mobilize", "reinforce", "mass", "exercise"),
    "DETAIN": ("arrest", "detain", "abduct", "kidnap", "imprison", "jail"),
    "RELEASE": ("free", "swap", "prisoner exchange"),
    "WITHDRAW": ("withdraw", "pull out", "disarm", "surrender"),
    "CEASEFIRE": ("cease-fire", "armistice"),
    "EVACUATE": ("evacuate",),
    "AID": ("deliver", "assistance", "donate", "humanitarian aid"),
    "COOPERATE": ("cooperate", "cooperation", "coordinate", "tip off"),
    "CONSULT": ("meet", "talk", "negotiate", "mediate", "summit", "consult", "phone call"),
    "PROPOSE": ("propose", "draft", "table", "submit", "put forward"),
    "REQUEST": ("call for", "call on", "urge", "request", "demand", "appeal"),
    "AGREE": ("agree", "accept", "commit", "pledge", "ratify", "sign"),
    "SUPPORT": ("welcome", "praise", "support", "endorse", "applaud", "hail"),
    "REJECT": ("reject", "refuse", "turn down", "block", "rejection"),
    "VOTE": ("vote", "veto", "abstain"),
    "ACCUSE": (
        "accuse",
        "blame",
        "condemn",
        "criticise",
        "criticize",
        "denounce",
        "allege",
        "investigate",
        "accusation",
        "condemnation",
    ),
    "THREATEN": ("threaten", "warn", "ultimatum", "threat"),
    "SANCTION": ("sanction", "embargo", "expel", "suspend", "cut tie"),
    "PROTEST": ("protest", "demonstrate", "demonstration", "rally", "riot", "sit-in", "hunger strike"),
}

#: Lemmas that are triggers only as the part of speech named (a noun "sign", an adverb "back",
#: a noun "call" is a phone call, a verb "call" is not an event by itself).
POS_GUARD: Mapping[str, frozenset[str]] = {
    "back": frozenset({"VERB"}),
    "sign": frozenset({"VERB"}),
    "call": frozenset({"NOUN"}),
    "block": frozenset({"VERB"}),
    "table": frozenset({"VERB"}),
    "draft": frozenset({"VERB"}),
    "close": frozenset({"VERB"}),
    "free": frozenset({"VERB"}),
    "access": frozenset({"NOUN"}),
    "fire": frozenset({"VERB"}),
    "mass": frozenset({"VERB"}),
    "alert": frozenset({"NOUN", "VERB"}),
    "offer": frozenset({"NOUN", "VERB"}),
    "supply": frozenset({"NOUN"}),
    "exercise": frozenset({"NOUN"}),
    "meet": frozenset({"VERB"}),
    "exchange": frozenset({"NOUN", "VERB"}),
    "commit": frozenset({"VERB"}),
    "release": frozenset({"NOUN", "VERB"}),
    "defend": frozenset({"VERB"}),
    "ask": frozenset({"VERB"}),
    "visit": frozenset({"NOUN", "VERB"}),
    "strike": frozenset({"NOUN", "VERB"}),
    "dead": frozenset({"ADJ", "NOUN"}),
}

#: When a lemma triggers several types, the first type listed here wins unless a context rule
#: in :mod:`conflictnews.preannotate.rules` says otherwise (e.g. "capture" of a person → DETAIN).
PREFERRED_TYPE: Mapping[str, str] = {"capture": "SEIZE", "strike": "ATTACK", "exchange": "RELEASE"}

# ---------------------------------------------------------------------------------------------
# Nominal mentions: head-noun lemma → entity type (named mentions come from spaCy + gazetteers)
# ---------------------------------------------------------------------------------------------

NOMINAL_HEADS: Mapping[str, str] = {
    **{
        w: "PER"
        for w in (
            "civilian",
            "people",
            "child",
            "woman",
            "man",
            "resident",
            "soldier",
            "official",
            "medic",
            "doctor",
            "nurse",
            "journalist",
            "refugee",
            "protester",
            "minister",
            "president",
            "spokesman",
            "spokeswoman",
            "diplomat",
            "envoy",
            "ambassador",
            "activist",
            "worker",
            "victim",
            "prisoner",
            "hostage",
            "detainee",
            "fighter",
            "commander",
            "general",
            "leader",
            "villager",
            "student",
            "patient",
            "witness",
            "monitor",
        )
    },
    **{
        w: "ORG"
        for w in (
            "rebel",
            "militant",
            "insurgent",
            "jihadist",
            "force",
            "troop",
            "army",
            "military",
            "militia",
            "government",
            "regime",
            "police",
            "coalition",
            "opposition",
            "ministry",
            "council",
            "parliament",
            "agency",
            "group",
        )
    },
    **{
        w: "FAC"
        for w in (
            "hospital",
            "school",
            "airport",
            "base",
            "bridge",
            "road",
            "crossing",
            "camp",
            "checkpoint",
            "building",
            "mosque",
            "church",
            "market",
            "clinic",
            "prison",
            "port",
            "embassy",
            "airbase",
            "highway",
            "border crossing",
        )
    },
    **{
        w: "VEH"
        for w in (
            "tank",
            "convoy",
            "truck",
            "vehicle",
            "helicopter",
            "jet",
            "warplane",
            "aircraft",
            "warship",
            "ship",
            "boat",
            "bus",
            "ambulance",
            "plane",
        )
    },
    **{
        w: "AGREEMENT"
        for w in (
            "resolution",
            "agreement",
            "deal",
            "treaty",
            "accord",
            "plan",
            "proposal",
            "draft",
            "memorandum",
            "protocol",
            "roadmap",
            "initiative",
        )
    },
}
#: Vehicle heads that are military by default (VEH needs the required ``military`` attribute).
MILITARY_VEHICLES = frozenset({"tank", "helicopter", "jet", "warplane", "warship", "aircraft"})
MILITARY_MODIFIERS = frozenset({"military", "armoured", "armored", "army", "navy", "naval", "war"})

# ---------------------------------------------------------------------------------------------
# Attribute cues
# ---------------------------------------------------------------------------------------------

NEGATION_CUES = frozenset({"not", "n't", "never", "no", "without"})
FUTURE_CUES = frozenset({"will", "shall", "'ll"})
POSSIBLE_CUES = frozenset({"may", "might", "could", "can"})
HYPOTHETICAL_CUES = frozenset({"would", "if", "unless"})
#: Heads whose complement event is a directive (requested, proposed, refused, threatened content).
DIRECTIVE_HEADS = frozenset(
    {
        "call",
        "urge",
        "demand",
        "ask",
        "request",
        "propose",
        "offer",
        "threaten",
        "refuse",
        "reject",
        "appeal",
        "want",
        "seek",
        "plan",
        "intend",
        "vow",
        "pledge",
        "promise",
    }
)
#: Adverbs that hedge a claim: attribution ALLEGED.
ALLEGATION_CUES = frozenset({"allegedly", "reportedly", "purportedly", "supposedly"})
ALLEGATION_HEADS = frozenset({"accuse", "allege", "claim", "blame"})
#: Reporting predicates (PolNeAR cues).
REPORTING_VERBS = frozenset(
    {
        "say",
        "tell",
        "add",
        "state",
        "declare",
        "announce",
        "report",
        "claim",
        "insist",
        "write",
        "tweet",
        "confirm",
        "note",
        "stress",
        "warn",
        "explain",
        "argue",
        "deny",
        "acknowledge",
        "reiterate",
        "quote",
    }
)

# ---------------------------------------------------------------------------------------------
# Stance cues (in quoted or reported content): lemma → label
# ---------------------------------------------------------------------------------------------

STANCE_CUES: Mapping[str, str] = {
    **{
        w: "OPPOSE"
        for w in (
            "reject",
            "oppose",
            "condemn",
            "denounce",
            "criticise",
            "criticize",
            "refuse",
            "veto",
            "block",
            "violate",
            "unacceptable",
            "illegal",
            "aggression",
            "crime",
            "blame",
            "accuse",
            "against",
            "fail",
            "never",
        )
    },
    **{
        w: "SUPPORT"
        for w in (
            "welcome",
            "support",
            "back",
            "endorse",
            "praise",
            "hail",
            "applaud",
            "commit",
            "agree",
            "accept",
            "favour",
            "favor",
            "respect",
            "defend",
        )
    },
    **{w: "NEUTRAL" for w in ("abstain", "neutral", "restraint", "impartial")},
}

#: Per event type: the stance its Agent takes towards its Target/Theme/Content (speech acts and
#: votes; guidelines §5.4), with the basis. VOTE is refined by ``vote_value``.
EVENT_STANCES: Mapping[str, tuple[str, str]] = {
    "ACCUSE": ("OPPOSE", "REPORTED"),
    "REJECT": ("OPPOSE", "REPORTED"),
    "THREATEN": ("OPPOSE", "REPORTED"),
    "SUPPORT": ("SUPPORT", "REPORTED"),
    "SANCTION": ("OPPOSE", "ACTION"),
    "VOTE": ("NEUTRAL", "ACTION"),
}
VOTE_STANCES: Mapping[str, str] = {"veto": "OPPOSE", "against": "OPPOSE", "for": "SUPPORT", "abstain": "NEUTRAL"}


def _check() -> None:
    """Fail at import when a table names an event type or label the schema does not declare."""
    for table in (EXTRA_TRIGGERS, EVENT_STANCES):
        for name in table:
            schema.event_type(name)
    for label in (*STANCE_CUES.values(), *VOTE_STANCES.values(), *(v[0] for v in EVENT_STANCES.values())):
        if label not in schema.STANCE_LABELS:
            raise ValueError(f"lexicon: unknown stance label {label!r}")
    for label in set(NOMINAL_HEADS.values()):
        schema.entity_type(label)
    for name in PREFERRED_TYPE.values():
        schema.event_type(name)


_check()


@dataclass(frozen=True)
class TriggerLexicon:
    """Lemma sequences → event types, with the longest phrase length for the matcher.

    Attributes:
        entries: Lemma tuple → event type names in preference order.
        max_len: The longest entry in tokens.

    """

    entries: Mapping[tuple[str, ...], tuple[str, ...]]
    max_len: int

    def digest(self) -> str:
        """Return a sha256 of the lexicon (recorded in provenance; changes the model fingerprint)."""
        data = sorted((" ".join(k), list(v)) for k, v in self.entries.items())
        return sha256_text(json.dumps(data, ensure_ascii=False))


def trigger_lexicon(lemmatise: Callable[[str], tuple[str, ...]]) -> TriggerLexicon:
    """Build the trigger lexicon from the schema's trigger words and :data:`EXTRA_TRIGGERS`.

    Args:
        lemmatise: Turns a phrase into its lower-cased lemma sequence (the tagging pipeline's).

    Returns:
        The lexicon. A phrase listed under several types keeps them in schema order, except that
        :data:`PREFERRED_TYPE` puts its choice first.

    """
    found: dict[tuple[str, ...], list[str]] = {}
    for event in schema.EVENT_TYPES:
        phrases = (*event.triggers, *EXTRA_TRIGGERS.get(event.name, ()))
        for phrase in phrases:
            for key in {tuple(phrase.lower().split()), lemmatise(phrase)}:
                types = found.setdefault(key, [])
                if event.name not in types:
                    types.append(event.name)
    entries: dict[tuple[str, ...], tuple[str, ...]] = {}
    for key, types in sorted(found.items()):
        preferred = PREFERRED_TYPE.get(" ".join(key))
        if preferred in types:
            types = [preferred, *(t for t in types if t != preferred)]
        entries[key] = tuple(types)
    return TriggerLexicon(entries, max(len(k) for k in entries))
