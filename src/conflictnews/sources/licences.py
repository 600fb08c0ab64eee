"""Licence catalogue and the release policy.

Stage: corpus (provenance and policy). Input: the licence id a reader assigns to each article.
Output: :class:`Licence` records (id, URL, class, attribution line, notes) and the decision
whether an article may enter a release (:func:`allowed_in_release`).

Policy (issue 3, item 5): every licence is classified as public domain, CC BY, CC BY-SA, OGL,
non-commercial or unclear. Non-commercial material (re3d's BBC Online folder) is excluded from
the default release and enters only with an explicit ``include_non_commercial`` flag.
Share-alike terms and third-party-text caveats (FA-KES) are carried as ``notes`` into the card.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

#: Licence classes, in the order the card lists them.
LICENCE_CLASSES: tuple[str, ...] = ("public-domain", "cc-by", "cc-by-sa", "ogl", "non-commercial", "unclear")


@dataclass(frozen=True)
class Licence:
    """A licence as it applies to an article's text.

    Attributes:
        id: Short id (SPDX where one exists: ``CC-BY-2.5``, ``CC-BY-SA-4.0``, ``OGL-UK-3.0``).
        url: Where the licence text lives.
        category: One of :data:`LICENCE_CLASSES`.
        attribution: The attribution line to reproduce with the text ('' when none is needed).
        notes: Caveats that must travel into the dataset card (share-alike, third-party text).

    """

    id: str
    url: str
    category: str
    attribution: str = ""
    notes: str = ""

    def __post_init__(self) -> None:
        """Reject a licence whose class is not one of the known classes."""
        if self.category not in LICENCE_CLASSES:
            raise ValueError(f"licence {self.id}: unknown class {self.category!r}; expected one of {LICENCE_CLASSES}")

    def with_attribution(self, attribution: str) -> Licence:
        """Return a copy of this licence with a per-article attribution line."""
        return replace(self, attribution=attribution)


_SA_NOTE = "Share-alike: derivatives of this text must be released under the same licence."

LICENCES: dict[str, Licence] = {
    lic.id: lic
    for lic in (
        Licence(
            "PD-USGov",
            "https://www.usa.gov/government-copyright",
            "public-domain",
            notes="Work of the US federal government (17 U.S.C. §105): no copyright in the US.",
        ),
        Licence("CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/", "public-domain"),
        Licence("CC-BY-2.5", "https://creativecommons.org/licenses/by/2.5/", "cc-by"),
        Licence("CC-BY-3.0-AU", "https://creativecommons.org/licenses/by/3.0/au/", "cc-by"),
        Licence("CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/", "cc-by"),
        Licence(
            "EC-reuse",
            "https://commission.europa.eu/legal-notice_en",
            "cc-by",
            notes="European Commission notice: reuse is authorised, provided the source is acknowledged.",
        ),
        Licence(
            "MIT",
            "https://opensource.org/license/mit",
            "cc-by",
            notes="MIT licence (metadata table): keep the copyright notice.",
        ),
        Licence("CC-BY-SA-3.0", "https://creativecommons.org/licenses/by-sa/3.0/", "cc-by-sa", notes=_SA_NOTE),
        Licence("CC-BY-SA-4.0", "https://creativecommons.org/licenses/by-sa/4.0/", "cc-by-sa", notes=_SA_NOTE),
        Licence("OGL-UK-3.0", "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/", "ogl"),
        Licence(
            "CC-BY-NC-3.0",
            "https://creativecommons.org/licenses/by-nc/3.0/",
            "non-commercial",
            notes="Non-commercial: excluded from the default (commercially usable) release.",
        ),
        Licence(
            "CC-BY-4.0-third-party-text",
            "https://creativecommons.org/licenses/by/4.0/",
            "unclear",
            notes=(
                "FA-KES: the authors deposited the dataset on Zenodo (doi 10.5281/zenodo.2607278) under "
                "CC BY 4.0, but the article texts were written by the outlets named per article, whose "
                "copyright the deposit does not transfer."
            ),
        ),
    )
}


def licence(licence_id: str, attribution: str = "") -> Licence:
    """Return the catalogue licence ``licence_id``, optionally with an attribution line.

    Args:
        licence_id: A key of :data:`LICENCES`.
        attribution: Attribution line to attach (per source or per article).

    Returns:
        The :class:`Licence`.

    Raises:
        KeyError: If the id is not in the catalogue (the message lists the known ids).

    """
    try:
        base = LICENCES[licence_id]
    except KeyError:
        raise KeyError(f"unknown licence id {licence_id!r}; known: {', '.join(sorted(LICENCES))}") from None
    return base.with_attribution(attribution) if attribution else base


def allowed_in_release(lic: Licence, *, include_non_commercial: bool = False) -> bool:
    """Say whether text under ``lic`` may enter a release.

    Args:
        lic: The article's licence.
        include_non_commercial: Opt in to non-commercial material (the release is then
            non-commercial as a whole and must say so).

    Returns:
        True when the text may be released under the chosen policy. Unclear licences are
        allowed but flagged through their notes (FA-KES is kept as a separately flagged part).

    """
    if lic.category == "non-commercial":
        return include_non_commercial
    return True
