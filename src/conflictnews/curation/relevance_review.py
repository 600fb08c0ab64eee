"""Relevance reviews: annotators' judgements that override the lexicon, and what they say of it.

Stage: curation (relevance). Input: ``corpus/relevance_reviews.jsonl``, one JSON object a line
(no article text, reasons are the reviewer's own words):

``{"id", "source", "text_sha256", "judgement", "confidence", "reason", "annotator", "origin",
"guidelines_version", "purpose"}``

* ``judgement``: the schema's document label ``relevance`` (``conflict-relevant`` /
  ``not-relevant``), given after reading the whole article against ``annotations/GUIDELINES.md``
  §7.1; ``confidence``: ``clear`` or ``borderline``.
* ``purpose``: ``decision`` (one per article at most: curation follows it instead of the
  lexicon) or ``agreement`` (an independent second pass by another annotator who never saw the
  decision pass; only used to measure agreement).
* ``text_sha256``: the curated text the reviewer read. A review of a text that has since changed
  is refused (the fix is to review the new text), never silently applied, with one stated
  exception (:func:`review_applies`): a review of the text that the headline and boilerplate
  rules of curation version 3 started from stays valid for the text they made of it.

Output: :func:`load_reviews` (records checked, one error line per bad record naming file, line
and fix), :func:`decisions` for the curation filter, :func:`check_seen` for reviews that name no
read article or a changed text, and :func:`summarise` (agreement between passes and the lexicon's
precision/recall against the decisions).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conflictnews import schema

REVIEWS_FILE = "relevance_reviews.jsonl"
RELEVANT, NOT_RELEVANT = "conflict-relevant", "not-relevant"
CONFIDENCE = ("clear", "borderline")
PURPOSES = ("decision", "agreement")
FIELDS = (
    "id",
    "source",
    "text_sha256",
    "judgement",
    "confidence",
    "reason",
    "annotator",
    "origin",
    "guidelines_version",
    "purpose",
)


class ReviewError(ValueError):
    """The reviews file cannot be used; ``problems`` holds one line per bad record."""

    def __init__(self, message: str, problems: Sequence[str] = ()) -> None:
        """Keep the message and the problem lines."""
        super().__init__(message + "".join(f"\n  {p}" for p in problems[:50]))
        self.problems = list(problems)


@dataclass(frozen=True)
class Review:
    """One annotator's relevance judgement of one article text."""

    id: str
    source: str
    text_sha256: str
    judgement: str
    confidence: str
    reason: str
    annotator: str
    origin: str
    guidelines_version: str
    purpose: str

    @property
    def relevant(self) -> bool:
        """Whether the reviewer judged the article conflict news."""
        return self.judgement == RELEVANT


def _labels() -> tuple[str, ...]:
    """Return the judgement values: the schema's document attribute ``relevance``."""
    attribute = next(a for a in schema.DOCUMENT_ATTRIBUTES if a.name == "relevance")
    return tuple(attribute.values)


def _problems_of(record: Any) -> list[str]:
    """Return what is wrong with one parsed record (empty when it is usable)."""
    if not isinstance(record, dict):
        return ["not a JSON object"]
    out = [f"missing field {name!r}" for name in FIELDS if name not in record]
    out += [f"unknown field {name!r}" for name in sorted(set(record) - set(FIELDS))]
    if out:
        return out
    if not all(isinstance(record[name], str) and record[name] for name in FIELDS):
        return ["every field must be a non-empty string"]
    allowed = {
        "judgement": _labels(),
        "confidence": CONFIDENCE,
        "purpose": PURPOSES,
        "origin": ("manual", "reviewed-prediction"),
    }
    out += [
        f"{name} {record[name]!r} is not one of {', '.join(values)}"
        for name, values in allowed.items()
        if record[name] not in values
    ]
    digest = record["text_sha256"]
    if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        out.append(f"text_sha256 {digest!r} is not a lower-case sha256 hex digest")
    return out


def load_reviews(path: Path) -> list[Review]:
    """Read and check a reviews file (absent file: no reviews).

    Raises:
        ReviewError: One line per bad record (``file:line: problem; fix``): malformed JSON,
            missing or unknown fields, values outside the schema, two decision passes for one
            article, or one annotator reviewing an article twice.

    """
    if not path.is_file():
        return []
    reviews: list[Review] = []
    problems: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    decided: dict[str, int] = {}
    fix = "fix: correct the line (see annotations/GUIDELINES.md §7.1 and conflictnews.curation.relevance_review)"
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{path}:{number}: malformed JSON ({exc.msg}); {fix}")
            continue
        found = _problems_of(record)
        if found:
            where = f"{path}:{number}" + (f" ({record.get('id')})" if isinstance(record, dict) else "")
            problems += [f"{where}: {p}; {fix}" for p in found]
            continue
        review = Review(**{name: record[name] for name in FIELDS})
        key = (review.id, review.annotator)
        if key in seen:
            problems.append(
                f"{path}:{number} ({review.id}): annotator {review.annotator} already reviewed it on "
                f"line {seen[key]}; fix: keep one judgement per annotator and article"
            )
            continue
        seen[key] = number
        if review.purpose == "decision":
            if review.id in decided:
                problems.append(
                    f"{path}:{number} ({review.id}): a second decision pass (first on line "
                    f'{decided[review.id]}); fix: mark one of them purpose "agreement"'
                )
                continue
            decided[review.id] = number
        reviews.append(review)
    if problems:
        raise ReviewError(f"{len(problems)} bad record(s) in {path}; nothing curated", problems)
    return reviews


def review_applies(review_sha256: str, text_sha256: str, normalised_sha256: str = "") -> bool:
    """Whether a review of the text with sha256 ``review_sha256`` applies to a curated text.

    It applies when the reviewer read the curated text itself (``text_sha256``), or the text it
    was built from by curation's article rules (``normalised_sha256``: the text after the
    character rules only, the curated text of curation version 2). Those rules put the article's
    own headline above the body (moving a copy of it from the body's start) and remove outlet
    boilerplate (publication stamps and datelines, share widgets, tag lists, photo and agency
    credits, end marks); they add no words that are not the article's and remove none of its
    reporting, so the reviewer judged the same article. A review of any other text (the reader's
    text or a character rule changed) does not apply: the fix is to review the new text.

    Args:
        review_sha256: The ``text_sha256`` the review records.
        text_sha256: The curated text's sha256.
        normalised_sha256: The sha256 of the text the article rules started from ('' when unknown).

    Returns:
        True when the review judged this article text.

    """
    return review_sha256 in {text_sha256, normalised_sha256} - {""}


def decisions(reviews: Iterable[Review]) -> dict[str, tuple[bool, str]]:
    """Return article id -> (relevant, reviewed text sha256) of the decision passes."""
    return {r.id: (r.relevant, r.text_sha256) for r in reviews if r.purpose == "decision"}


def check_seen(
    reviews: Iterable[Review], curated: Mapping[str, tuple[str, str]], path: Path, sources: Iterable[str]
) -> list[str]:
    """Return a line per review whose article no source read, or whose text has changed since.

    Args:
        reviews: The reviews (those of sources not in ``sources`` are not checked).
        curated: Article id -> (curated text sha256, sha256 of the text the article rules
            started from) of every article that reached the relevance filter (kept and dropped
            alike); a review applies as :func:`review_applies` says.
        path: The reviews file (for the messages).
        sources: The sources this run read.

    """
    out: list[str] = []
    read = set(sources)
    for r in reviews:
        if r.source not in read:
            continue
        if r.id not in curated:
            out.append(
                f"{path} ({r.id}, {r.annotator}): no source produced this article; fix: remove the "
                "review or restore the source that reads it"
            )
        elif not review_applies(r.text_sha256, *curated[r.id]):
            out.append(
                f"{path} ({r.id}, {r.annotator}): the curated text is now sha256 {curated[r.id][0][:12]}…, the "
                f"review read {r.text_sha256[:12]}…; fix: review the new text and update the record"
            )
    return out


@dataclass(frozen=True)
class ReviewSummary:
    """What the reviews say: coverage, agreement between passes, the lexicon against the decisions."""

    decisions: int
    relevant: int
    borderline: int
    double: int
    agreed: int
    kappa: float | None
    lexicon_tp: int
    lexicon_fp: int
    lexicon_fn: int

    @property
    def lexicon_precision(self) -> float | None:
        """Share of the lexicon's relevant decisions the reviewers confirmed."""
        kept = self.lexicon_tp + self.lexicon_fp
        return self.lexicon_tp / kept if kept else None

    @property
    def lexicon_recall(self) -> float | None:
        """Share of the reviewers' relevant articles the lexicon kept."""
        wanted = self.lexicon_tp + self.lexicon_fn
        return self.lexicon_tp / wanted if wanted else None


def cohen_kappa(pairs: Sequence[tuple[bool, bool]]) -> float | None:
    """Cohen's kappa of two binary judgements per item (None without items or chance agreement 1)."""
    if not pairs:
        return None
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    share_a = sum(a for a, _ in pairs) / n
    share_b = sum(b for _, b in pairs) / n
    chance = share_a * share_b + (1 - share_a) * (1 - share_b)
    return None if chance == 1 else (observed - chance) / (1 - chance)


def summarise(reviews: Sequence[Review], lexicon: Mapping[str, bool]) -> ReviewSummary:
    """Summarise the reviews.

    Args:
        reviews: The reviews.
        lexicon: Article id -> the lexicon's decision, for the reviewed articles the lexicon scored.

    """
    decided = {r.id: r for r in reviews if r.purpose == "decision"}
    pairs = [(decided[r.id].relevant, r.relevant) for r in reviews if r.purpose == "agreement" and r.id in decided]
    scored = [(decided[i].relevant, lexicon[i]) for i in sorted(decided) if i in lexicon]
    return ReviewSummary(
        decisions=len(decided),
        relevant=sum(r.relevant for r in decided.values()),
        borderline=sum(r.confidence == "borderline" for r in decided.values()),
        double=len(pairs),
        agreed=sum(a == b for a, b in pairs),
        kappa=cohen_kappa(pairs),
        lexicon_tp=sum(g and p for g, p in scored),
        lexicon_fp=sum(p and not g for g, p in scored),
        lexicon_fn=sum(g and not p for g, p in scored),
    )
