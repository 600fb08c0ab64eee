"""The project's own registry of upstream sources and files.

Stage: corpus (fetch). Input: ``upstream.tsv`` beside this module (committed; one row per
upstream file: source, path in the cache, sha256, size); upstream URLs are derived from each
:class:`Source`'s pinned repository and commit. Output: :class:`Source`
and :class:`RegistryFile` records that ``corpus fetch`` downloads and verifies.

The checksums are the project's own record of what each file must be: ``corpus fetch`` refuses
any copy, downloaded or mirrored, whose sha256 differs. ``scripts/make_registry.py`` regenerates
the TSV from a verified mirror (run it only when a source is deliberately updated).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import quote

from conflictnews.registry import Registry

REGISTRY_TSV = Path(__file__).with_name("upstream.tsv")


@dataclass(frozen=True)
class Source:
    """One upstream source.

    Attributes:
        id: Source id, also the folder name in the cache and the mirror.
        repo: ``owner/name`` of the public Git repository that carries the files.
        commit: The pinned commit.
        publisher: Who originally published the text.
        description: One line on what the source is.
        reader: The reader module under ``conflictnews.sources`` (its ``read(root)`` function).
        path_map: Pairs ``(cache prefix, upstream prefix)``: a cache path starting with the
            first is found upstream under the second (``("", "data/")`` puts every file
            under ``data/``). The first matching pair wins; ``None`` as upstream prefix means
            the file exists only in the mirror (no upstream URL).
        articles: False for a source of metadata only (no article enters curation).
        conflict_by_construction: True for a source collected as conflict news, so curation's
            relevance filter keeps every article of it.
        gold_layer: The annotator name of the human entity layer the source ships (imported as
            ``imported-gold`` passes), or "" for none.

    """

    id: str
    repo: str
    commit: str
    publisher: str
    description: str
    reader: str
    path_map: tuple[tuple[str, str | None], ...] = (("", ""),)
    articles: bool = True
    conflict_by_construction: bool = False
    gold_layer: str = ""

    def upstream_path(self, path: str) -> str | None:
        """Return the path of cache file ``path`` in the upstream repository (None if mirror-only)."""
        for cache_prefix, upstream_prefix in self.path_map:
            if path == cache_prefix or path.startswith(cache_prefix):
                if upstream_prefix is None:
                    return None
                return upstream_prefix + path[len(cache_prefix) :]
        return path

    def url(self, path: str) -> str:
        """Return the raw download URL of cache file ``path`` ('' for mirror-only files)."""
        upstream = self.upstream_path(path)
        if upstream is None:
            return ""
        return f"https://raw.githubusercontent.com/{self.repo}/{self.commit}/{quote(upstream)}"


SOURCES: dict[str, Source] = {
    s.id: s
    for s in (
        Source(
            "fa-kes",
            "golobluka/Fake-news-generation-from-FA-KES-dataset",
            "2fd4198920ee0eb40905d50de08e94e5eb3dab65",
            "Salem, Al Feel, Elbassuoni, Jaber, Farah (ICWSM 2019); texts by the outlets named per article",
            "FA-KES: 804 Syrian-war news articles labelled credible/fake (Zenodo 10.5281/zenodo.2607278)",
            "fa_kes",
            conflict_by_construction=True,
        ),
        Source(
            "re3d",
            "dstl/re3d",
            "b061ff06713cad4df7e5cfaed3fd07bf15b2598c",
            "Defence Science and Technology Laboratory (UK)",
            "re3d: 98 Syria/Iraq documents in 7 folders with gold entities and relations",
            "re3d",
            conflict_by_construction=True,
            gold_layer="dstl-re3d",
        ),
        Source(
            "wikinews",
            "vanatteveldt/wikinews",
            "347254178bf343f3801aac1d03c41cc09c35decb",
            "English Wikinews",
            "295 English Wikinews articles, 2019-01 to 2021-03",
            "wikinews",
            (("wikinews_", "data/wikinews_"), ("", "")),
        ),
        Source(
            "gum-news",
            "amir-zeldes/gum",
            "72ce5ac14978a324c2fd18d49484e65292cbe316",
            "English Wikinews via the GUM corpus (Georgetown)",
            "24 GUM news documents: tokenised XML and gold entity/coreference TSV",
            "gum_news",
            (("tsv/", "coref/gum/tsv/"), ("", "")),
            gold_layer="gum-corpus",
        ),
        Source(
            "wikipedia-current-events",
            "fordred/wikinews",
            "0441f5273b8763fa543a6148b97efbbbae37b371",
            "Wikipedia Portal:Current events",
            "601 daily Current-events pages (2025-01 to 2026-08) as Markdown",
            "current_events",
            (("_posts/", "docs/_posts/"), ("README.upstream.md", "README.md"), ("", "")),
        ),
        Source(
            "centcom-oir",
            "kevinschaul/uscentcom-isil-airstrikes-scraper",
            "fbfe0cf02f213e6e96be99ad81116727238e43dd",
            "US Central Command (Operation Inherent Resolve)",
            "5,605 CENTCOM strike lines from daily releases, 2014-10 to 2016-10",
            "centcom",
            (("all.csv", "data/all.csv"), ("", "")),
        ),
        Source(
            "whitehouse-statements",
            "brian14708/wh-briefings",
            "737ca03a271adc205c67766074ec8d0070f7ad95",
            "The White House briefing room",
            "940 White House statements and releases mentioning armed conflict, 2021-01 to 2026-08",
            "whitehouse",
            (("README.upstream.md", "README.md"), ("FILES.sha256", None), ("", "")),
        ),
        Source(
            "unsc-vetoes",
            "world-politics-datalab/vetoes-un-security-council",
            "661c5246872143cf16e500e4e7f2f70a45df5ac8",
            "World Politics Datalab",
            "Every UN Security Council veto, 1946 to 2022-09 (metadata only)",
            "unsc_vetoes",
            articles=False,
        ),
    )
}


#: Source id -> its reader's ``read(root: Path) -> ReadResult`` (imported when first asked for).
READERS = Registry(
    "source",
    {s.id: f"conflictnews.sources.{s.reader}:read" for s in SOURCES.values()},
    listing="`conflictnews corpus stats`",
)


def source_of(module: str) -> str:
    """Return the id of the source whose reader is ``module`` (a reader's ``__name__``).

    Raises:
        KeyError: When no registered source names that module as its reader.

    """
    for source in SOURCES.values():
        if f"conflictnews.sources.{source.reader}" == module:
            return source.id
    raise KeyError(f"no source in conflictnews.sources.registry.SOURCES has the reader {module!r}")


def gold_sources() -> tuple[str, ...]:
    """Return the ids of the sources that ship a human entity layer (``import-gold`` imports them)."""
    return tuple(s.id for s in SOURCES.values() if s.gold_layer)


def article_sources() -> tuple[str, ...]:
    """Return the ids of the sources whose documents enter curation (all but metadata sources)."""
    return tuple(s.id for s in SOURCES.values() if s.articles)


def conflict_sources() -> frozenset[str]:
    """Return the ids of the sources collected as conflict news (relevance kept by construction)."""
    return frozenset(s.id for s in SOURCES.values() if s.conflict_by_construction)


@dataclass(frozen=True)
class RegistryFile:
    """One upstream file the project depends on.

    Attributes:
        source: Source id.
        path: Path inside the source's cache folder (same as in the mirror).
        sha256: Expected sha256 of the bytes.
        size: Expected size in bytes.

    """

    source: str
    path: str
    sha256: str
    size: int

    @property
    def url(self) -> str:
        """Upstream raw URL ('' when the file exists only in the mirror)."""
        return SOURCES[self.source].url(self.path)

    @property
    def key(self) -> str:
        """``source/path``, the name used in messages."""
        return f"{self.source}/{self.path}"


@cache
def registry_files() -> tuple[RegistryFile, ...]:
    """Return every registered upstream file, sorted by source and path.

    Raises:
        ValueError: If the TSV names an unknown source or a row is malformed.

    """
    files: list[RegistryFile] = []
    with REGISTRY_TSV.open(encoding="utf-8", newline="") as handle:
        for lineno, row in enumerate(csv.DictReader(handle, delimiter="\t"), start=2):
            if row["source"] not in SOURCES:
                raise ValueError(f"{REGISTRY_TSV}:{lineno}: unknown source {row['source']!r}")
            if len(row["sha256"]) != 64:
                raise ValueError(f"{REGISTRY_TSV}:{lineno}: malformed sha256 {row['sha256']!r}")
            files.append(RegistryFile(row["source"], row["path"], row["sha256"], int(row["size"])))
    return tuple(sorted(files, key=lambda f: (f.source, f.path)))


def files_of(source: str) -> tuple[RegistryFile, ...]:
    """Return the registered files of ``source``.

    Raises:
        KeyError: For an unknown source id.

    """
    if source not in SOURCES:
        raise KeyError(f"unknown source {source!r}; known: {', '.join(SOURCES)}")
    return tuple(f for f in registry_files() if f.source == source)
