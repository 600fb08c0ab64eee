"""Gazetteers of armed groups, weapons and agreements, mined deterministically from the corpus.

Stage: pre-annotation (resources). Input: the materialised corpus texts (article id → text).
Output: :class:`Gazetteers` (three sorted name lists) and the committed generated file
``src/conflictnews/preannotate/gazetteers.json`` (names only, never article text), read by the
rule pre-annotator.

The rule (:func:`mine`), applied to the texts in article-id order:

* **armed groups** — a run of 1–6 capitalised words (``al``/``al-``, ``of``, ``the`` and ``for``
  allowed inside) ending in a group head (:data:`GROUP_HEADS`: Army, Brigade, Front, Forces,
  Militia, ...), a leading "The" dropped;
* **weapons** — a weapon head noun (:data:`WEAPON_HEADS`, singular or plural) with one modifier
  word before it that is not a stop word, a number or an ``-ed``/``-ing`` verb form
  ("barrel bombs", "Grad rockets");
* **agreements** — a run of capitalised words ending in an agreement head
  (:data:`AGREEMENT_HEADS`: Agreement, Accord, Treaty, Resolution, Plan ...) with at least two
  words, or "Resolution" followed by a number;

a candidate is kept when it occurs in at least :data:`MIN_ARTICLES` distinct articles, and the
seed names below (widely used public names, no article text) are always kept. Lists are
de-duplicated and sorted, so the same corpus always gives the same file.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from conflictnews.io import sha256_text

GENERATOR = "conflictnews preannotate --gazetteers"
MIN_ARTICLES = 2
DEFAULT_PATH = Path(__file__).with_name("gazetteers.json")

GROUP_HEADS = (
    "Army",
    "Brigade",
    "Brigades",
    "Front",
    "Forces",
    "Militia",
    "Militias",
    "Battalion",
    "Battalions",
    "Regiment",
    "Movement",
    "Division",
    "Corps",
    "Legion",
    "Guard",
    "Guards",
    "Units",
    "Mujahideen",
)
WEAPON_HEADS = (
    "missile",
    "rocket",
    "bomb",
    "mortar",
    "shell",
    "artillery",
    "grenade",
    "rifle",
    "drone",
    "munition",
    "warhead",
    "explosive",
    "landmine",
    "mine",
    "weapon",
    "gun",
    "howitzer",
    "IED",
)
AGREEMENT_HEADS = (
    "Agreement",
    "Agreements",
    "Accord",
    "Accords",
    "Treaty",
    "Resolution",
    "Protocol",
    "Memorandum",
    "Convention",
    "Plan",
    "Roadmap",
    "Declaration",
    "Communiqué",
    "Communique",
    "Initiative",
    "Deal",
    "Charter",
    "Ceasefire",
)

SEED_GROUPS = (
    "al-Nusra Front",
    "al-Qaeda",
    "al-Shabaab",
    "Ahrar al-Sham",
    "Boko Haram",
    "Daesh",
    "Hamas",
    "Hayat Tahrir al-Sham",
    "Hezbollah",
    "Houthis",
    "ISIL",
    "ISIS",
    "Islamic State",
    "Jabhat al-Nusra",
    "PKK",
    "SDF",
    "Taliban",
    "Wagner Group",
    "YPG",
)
SEED_WEAPONS = (
    "barrel bomb",
    "barrel bombs",
    "chemical weapons",
    "cluster munitions",
    "sarin",
    "chlorine gas",
    "white phosphorus",
)
SEED_AGREEMENTS = ("Geneva Communiqué", "Minsk agreements", "Oslo Accords")

_STOP_WORDS = """a an the this that these those his her its their our your my some any many several few
more most all both each every no other such and or but of to in on at by for with from as into than
said says two three four five six seven eight nine ten dozens hundreds thousands one after before
another additional actual new several first second last daily total also were was are is be been"""
_STOP = frozenset(_STOP_WORDS.split())
_CAP = r"(?:[A-Z][\w'’.-]*)"
_LINK = r"(?:al-|al |of |the |for |de |ad-|as-|an-)"
_GROUP_RE = re.compile(rf"\b((?:{_CAP} |{_LINK}){{0,5}}(?:{'|'.join(GROUP_HEADS)}))\b")
_AGREEMENT_RE = re.compile(rf"\b((?:{_CAP} |{_LINK}){{1,5}}(?:{'|'.join(AGREEMENT_HEADS)}))\b")
_RESOLUTION_RE = re.compile(r"\b(Resolution \d{2,4})\b")
_WEAPON_RE = re.compile(rf"\b([A-Za-z][\w-]*) ((?:{'|'.join(WEAPON_HEADS)})s?)\b")


@dataclass(frozen=True)
class Gazetteers:
    """Name lists for entity types spaCy does not know (ORG armed groups, WEA, AGREEMENT).

    Attributes:
        armed_groups: Names typed ORG.
        weapons: Names typed WEA (matched case-insensitively).
        agreements: Names typed AGREEMENT.
        articles: How many articles they were mined from (0 for seeds only).

    """

    armed_groups: tuple[str, ...]
    weapons: tuple[str, ...]
    agreements: tuple[str, ...]
    articles: int = 0

    def to_json(self) -> dict[str, object]:
        """Return the committed JSON form (with its generator header and rule)."""
        return {
            "generated_by": GENERATOR,
            "do_not_edit": "regenerate with the command above",
            "rule": f"see conflictnews.preannotate.gazetteers (min {MIN_ARTICLES} articles, plus seeds)",
            "articles": self.articles,
            "armed_groups": list(self.armed_groups),
            "weapons": list(self.weapons),
            "agreements": list(self.agreements),
        }

    def digest(self) -> str:
        """Return the sha256 of the name lists (part of the model fingerprint)."""
        names = [self.armed_groups, self.weapons, self.agreements]
        return sha256_text(json.dumps(names, ensure_ascii=False))


_LEADING = ("The ", "the ", "A ", "An ", "of ", "for ", "de ", "and ")


def _strip_the(name: str) -> str:
    """Drop a sentence run-in ("Region. United ...") and leading articles and link words."""
    name = name.rsplit(". ", 1)[-1]
    changed = True
    while changed:
        changed = False
        for lead in _LEADING:
            if name.startswith(lead):
                name, changed = name[len(lead) :], True
    return name


def _weapon_modifier(word: str) -> str | None:
    """Return the modifier as stored (lower-cased unless a model code), or None when it is not one.

    Lower-case words that are not stop words or verb forms are kept; a capitalised word is kept
    only as a model code (digits, or all capitals: "S-400", "MLRS"), since a capitalised plain
    word is usually a sentence start, a day or an actor ("Saturday mortar", "Russian missile").
    """
    low = word.lower()
    if low in _STOP or low.isdigit() or low.endswith(("ed", "ing")) or len(low) < 3:
        return None
    if word[0].isupper():
        code = any(c.isdigit() for c in word) or (word.replace("-", "").isupper() and len(word) > 1)
        return word if code else None
    return low


def candidates(text: str) -> dict[str, set[str]]:
    """Return the gazetteer candidates of one text, by list name (the rule of the module docstring)."""
    found: dict[str, set[str]] = {"armed_groups": set(), "weapons": set(), "agreements": set()}
    for m in _GROUP_RE.finditer(text):
        name = _strip_the(m.group(1).strip())
        if " " in name and name not in GROUP_HEADS:
            found["armed_groups"].add(name)
    for m in _AGREEMENT_RE.finditer(text):
        name = _strip_the(m.group(1).strip())
        if " " in name:
            found["agreements"].add(name)
    found["agreements"].update(m.group(1) for m in _RESOLUTION_RE.finditer(text))
    for m in _WEAPON_RE.finditer(text):
        modifier = _weapon_modifier(m.group(1))
        if modifier is not None:
            found["weapons"].add(f"{modifier} {m.group(2)}")
    return found


def mine(texts: Mapping[str, str], min_articles: int = MIN_ARTICLES) -> Gazetteers:
    """Mine the gazetteers from the corpus (deterministic: article-id order, sorted output).

    Args:
        texts: Article id → materialised text.
        min_articles: Keep a candidate found in at least this many distinct articles.

    Returns:
        The gazetteers, seeds included.

    """
    counts: dict[str, dict[str, int]] = {k: defaultdict(int) for k in ("armed_groups", "weapons", "agreements")}
    for article_id in sorted(texts):
        for kind, names in candidates(texts[article_id]).items():
            for name in names:
                counts[kind][name] += 1

    def keep(kind: str, seeds: Iterable[str]) -> tuple[str, ...]:
        mined = {n for n, c in counts[kind].items() if c >= min_articles}
        return tuple(sorted(mined | set(seeds)))

    return Gazetteers(
        keep("armed_groups", SEED_GROUPS),
        keep("weapons", (*SEED_WEAPONS, *_plain_weapons())),
        keep("agreements", SEED_AGREEMENTS),
        len(texts),
    )


def _plain_weapons() -> tuple[str, ...]:
    """Return the weapon heads themselves, singular and plural (always WEA)."""
    return tuple(w for h in WEAPON_HEADS if h != "IED" for w in (h, h + "s"))


def seeds() -> Gazetteers:
    """Return the seed-only gazetteers (used when no corpus has been mined yet)."""
    return mine({})


def write(gazetteers: Gazetteers, path: Path = DEFAULT_PATH) -> Path:
    """Write the generated file (sorted keys, 1 name per line, final newline)."""
    path.write_text(
        json.dumps(gazetteers.to_json(), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    return path


def load(path: Path = DEFAULT_PATH) -> Gazetteers:
    """Load the committed gazetteers, or the seeds when the file does not exist yet."""
    if not path.is_file():
        return seeds()
    data = json.loads(path.read_text(encoding="utf-8"))
    return Gazetteers(
        tuple(data["armed_groups"]), tuple(data["weapons"]), tuple(data["agreements"]), int(data.get("articles", 0))
    )
