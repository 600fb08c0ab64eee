"""Conflict relevance: a transparent lexicon score behind a small, replaceable interface.

Stage: curation (relevance). Input: an article's curated text, title and genre. Output: a
:class:`Relevance` (score, rule, decision) used by the curation filter and recorded in the
manifest.

Rules (genre-aware):

* ``snippet`` items are conflict material **by construction**: the portal items come only from
  Wikipedia's "Armed conflicts and attacks" section and CENTCOM Operation Inherent Resolve
  releases report strikes. They get rule ``by-construction`` and score 1.0 (the lexicon score is
  not computed, so a terse item is never lost to a word count).
* Every document of a source in :data:`BY_CONSTRUCTION_SOURCES` (re3d, selected by Dstl as
  documents on the conflict in Syria and Iraq; FA-KES, collected as Syrian-war news) is relevant
  by construction too.
* An annotator's relevance review (:mod:`conflictnews.curation.relevance_review`) overrides any of these
  for the text it read (applied by the curation filter, not here).
* Other ``news`` and ``official-statement`` are scored with the lexicon, in two tiers: :data:`LEXICON`
  (armed conflict, weapons and violence, ending conflict, named armed actors) and :data:`HARM`
  (killed, wounded, civilians, refugees, ...), which also fill accident and disaster news. The
  score is the number of matches of either tier per 100 words of title + text. A document is
  relevant when the score is at least :data:`THRESHOLD` (1.0 match per 100 words) **and** at
  least :data:`MIN_DISTINCT` (3) distinct *core* entries match, so a plane crash ("killed",
  "injured") or one passing "war of words" does not make conflict news; or, for short dense
  reports ("Mortar fire in Damascus kills 12"), when the score is at least
  :data:`DENSE_THRESHOLD` (4.0) and at least one core entry matches. White House statements
  need the lexicon too: the mirror's selection by keyword was loose. Known false positives are
  obituaries of veterans and Second World War history; a trained classifier is the remedy.

A trained classifier can replace the lexicon by implementing :class:`RelevanceScorer` (one
method, ``score``) and passing it to the curation pipeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from conflictnews.sources.registry import conflict_sources

#: Conflict lexicon (regular expressions over lower-cased text, word-bounded). Grouped for
#: reading; every entry counts 1 per match. Named armed groups are included because an article
#: naming them is about them far more often than not in news of this period.
LEXICON: tuple[str, ...] = (
    # armed conflict and its actors
    r"wars?",
    r"warfare",
    r"wartime",
    r"civil war",
    r"armed conflict",
    r"armed forces",
    r"armed groups?",
    r"arm(?:y|ies)",
    r"military",
    r"militar(?:y|ies)",
    r"militias?",
    r"militants?",
    r"troops?",
    r"soldiers?",
    r"rebels?",
    r"insurgen(?:ts?|cy)",
    r"jihadists?",
    r"fighters?",
    r"gunm[ae]n",
    r"combatants?",
    r"terroris(?:ts?|m)",
    r"paramilitar(?:y|ies)",
    r"mercenar(?:y|ies)",
    r"battalions?",
    r"brigades?",
    # violence and weapons
    r"attack(?:s|ed|ing)?",
    r"air ?strikes?",
    r"strikes? on",
    r"strikes? kill(?:s|ed)?",
    r"air raids?",
    r"bomb(?:s|ed|ing|ings|ers?)?",
    r"shell(?:ing|ed)",
    r"missiles?",
    r"rockets?",
    r"mortars?",
    r"artillery",
    r"drones?",
    r"explosi(?:on|ons|ves?)",
    r"blasts?",
    r"grenades?",
    r"snipers?",
    r"ambush(?:ed)?",
    r"raids?",
    r"gunfire",
    r"shot dead",
    r"firefight",
    r"chemical weapons?",
    r"barrel bombs?",
    r"weapons?",
    r"massacres?",
    r"genocide",
    r"offensive",
    r"invasion",
    r"invad(?:e|ed|ing)",
    r"occupation",
    r"occupied",
    r"siege",
    r"besieged",
    r"clash(?:es|ed)?",
    r"fighting",
    r"hostil(?:ities|e)",
    r"battle(?:s|field)?",
    r"frontlines?",
    r"front line",
    r"hostages?",
    r"war crimes?",
    r"atrocit(?:y|ies)",
    # ending and managing conflict
    r"ceasefire",
    r"cease-fire",
    r"truce",
    r"armistice",
    r"peace talks",
    r"peace deal",
    r"peacekeep(?:ers?|ing)",
    r"security council",
    r"veto(?:ed)?",
    r"sanctions",
    r"de-escalation",
    r"escalation",
    # named armed actors and theatres of the corpus period
    r"isis",
    r"isil",
    r"islamic state",
    r"daesh",
    r"al-qaeda",
    r"al qaeda",
    r"al-nusra",
    r"nusra",
    r"taliban",
    r"hezbollah",
    r"hamas",
    r"houthis?",
    r"al-shabaab",
    r"boko haram",
    r"wagner group",
    r"pkk",
    r"ypg",
    r"sdf",
    r"free syrian army",
    r"idf",
    r"nato",
)
#: Harm vocabulary: counts towards the score, not towards the distinct-entry minimum.
HARM: tuple[str, ...] = (
    r"killed",
    r"killing",
    r"killings",
    r"casualt(?:y|ies)",
    r"wounded",
    r"injured",
    r"civilians?",
    r"kidnapp(?:ed|ing)",
    r"abduct(?:ed|ion)",
    r"refugees?",
    r"displaced",
    r"evacuat(?:e|ed|ion)",
    r"humanitarian",
)
#: Minimum score (lexicon matches per 100 words) for news and official statements.
THRESHOLD = 1.0
#: Score from which one distinct core entry suffices (short, dense incident reports).
DENSE_THRESHOLD = 4.0
#: Minimum number of distinct lexicon entries that must match.
MIN_DISTINCT = 3
#: Genres that are conflict material by construction (see the module docstring).
BY_CONSTRUCTION: frozenset[str] = frozenset({"snippet"})
#: Sources whose every document is conflict material by construction (``conflict_by_construction``
#: in :mod:`conflictnews.sources.registry`): re3d's README says its
#: documents are "task-specific documents focused on the topic of the conflict in Syria and Iraq"
#: (diplomatic statements and biographies of commanders included, which the lexicon undercounts);
#: FA-KES was collected as news of the Syrian war (Salem et al., ICWSM 2019: "a fake news dataset
#: around the Syrian war"); the lexicon had dropped two of its reports, on a chemical attack and
#: on rescue workers killed in air strikes.
BY_CONSTRUCTION_SOURCES: frozenset[str] = conflict_sources()

#: One alternation with a single pair of word boundaries (fast: the boundary test fails early
#: inside words); which entry matched is looked up afterwards, memoised per matched string.
_PATTERN = re.compile(r"\b(?:" + "|".join(LEXICON + HARM) + r")\b")
_ENTRIES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    [(f"t{i}", re.compile(term)) for i, term in enumerate(LEXICON)]
    + [(f"h{i}", re.compile(term)) for i, term in enumerate(HARM)]
)


@lru_cache(maxsize=65536)
def _entry(matched: str) -> str:
    """Return the id (``t<i>`` core, ``h<i>`` harm) of the first lexicon entry matching ``matched`` in full."""
    return next((key for key, pattern in _ENTRIES if pattern.fullmatch(matched)), "")


_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Relevance:
    """A relevance decision.

    Attributes:
        score: Lexicon matches per 100 words (1.0 for by-construction genres).
        distinct: Distinct core (:data:`LEXICON`) entries matched (0 for by-construction genres).
        rule: ``lexicon`` or ``by-construction``.
        relevant: The decision.

    """

    score: float
    distinct: int
    rule: str
    relevant: bool


class RelevanceScorer(Protocol):
    """What the curation pipeline needs from a relevance model (lexicon now, a classifier later)."""

    def score(self, text: str, title: str, genre: str, source: str = "") -> Relevance:
        """Decide whether a document is conflict news."""
        ...


class LexiconRelevanceScorer:
    """The transparent lexicon scorer described in the module docstring."""

    def __init__(self, threshold: float = THRESHOLD, min_distinct: int = MIN_DISTINCT) -> None:
        """Set the decision threshold (matches per 100 words) and minimum distinct entries."""
        self.threshold = threshold
        self.min_distinct = min_distinct

    def score(self, text: str, title: str, genre: str, source: str = "") -> Relevance:
        """Score ``title`` + ``text``.

        Args:
            text: Curated text.
            title: Title ('' when none).
            genre: Article genre; by-construction genres are not scored.
            source: Source id; documents of by-construction sources are not scored.

        Returns:
            The :class:`Relevance`.

        """
        if genre in BY_CONSTRUCTION or source in BY_CONSTRUCTION_SOURCES:
            return Relevance(1.0, 0, "by-construction", True)
        body = f"{title}\n{text}".lower()
        words = len(_WORD.findall(body))
        matched: set[str] = set()
        hits = 0
        for match in _PATTERN.finditer(body):
            hits += 1
            entry = _entry(match.group(0))
            if entry.startswith("t"):
                matched.add(entry)
        score = round(100.0 * hits / max(words, 1), 4)
        relevant = (score >= self.threshold and len(matched) >= self.min_distinct) or (
            score >= DENSE_THRESHOLD and len(matched) >= 1
        )
        return Relevance(score, len(matched), "lexicon", relevant)
