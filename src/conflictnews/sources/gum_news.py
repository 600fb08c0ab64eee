"""Reader for the Wikinews part of the GUM corpus (amir-zeldes/gum, texts CC BY 2.5).

Stage: corpus (reading). Input: the ``gum-news`` source folder: ``xml/GUM_news_*.xml`` (GUM's
tokenised XML: a root ``<text>`` with the metadata ``title``, ``dateCreated``, ``sourceURL``,
``author``...; one token a line, ``form<TAB>PTB tag<TAB>lemma<TAB>...``, inside ``<head>``,
``<p>``, ``<s>``, ``<w>``, ``<quote>``, ``<figure>/<caption>``, ``<list>/<item>``...) and
``tsv/GUM_news_*.tsv`` (GUM's gold entity and coreference layer, WebAnno TSV 3.2, one row per
token, the same tokens in the same order as the XML). Output: a :class:`ReadResult` with one
``news`` :class:`Article` per XML file whose text is rebuilt from the tokens, and
``extras["entities"]``: a tuple of :class:`GumEntity`, GUM's gold entity spans as character
offsets into that rebuilt text.

Detokenisation rule (how the running text is rebuilt from the tokens). GUM keeps no
character-level whitespace: the TSV's ``#Text`` lines and offsets are tokens joined by single
spaces, and the XML's only whitespace evidence is the ``<w>`` element, which wraps the tokens of
one orthographic word written without spaces (``<w>all - girl</w>``, ``<w>6:00 am</w>``,
``<w>can not</w>``). So:

1. Blocks. ``<head>``, ``<p>``, ``<caption>``, ``<item>`` (and their containers ``<figure>``,
   ``<list>``) are blocks; tokens in different blocks are separated by one newline. Sentences
   (``<s>``) in one block are separated like any other tokens (rule 3). The headline is the
   first ``<head>`` and stays in the text, since GUM annotates entities in it.
2. Inside one ``<w>`` element tokens are joined with no space.
3. Otherwise two tokens are joined with one space, except that there is no space
   - before a closing token: ``, . ; : ! ? % ) ] } ...``, a closing quote (PTB tag ``''``),
     a possessive (tag ``POS``: ``'s``, ``'``) or a clitic (``n't``, ``'s``, ``'re``, ``'ve``,
     ``'ll``, ``'d``, ``'m``, also spelt with ``’`` and GUM's ``n`t``);
   - after an opening token: ``( [ { $ US$ #``, or an opening quote (PTB tag `````);
   - on either side of a token tagged ``HYPH`` (an intra-word hyphen; one occurs outside
     ``<w>``: ``six - member``). Dashes tagged ``:`` (``-``, ``–``, ``—``, ``--``) keep their spaces.

The rule cannot recover every original space (``American - Islamic`` is one word tokenised
without ``<w>`` and stays spaced; ``NZ $ 26`` becomes ``NZ $26``); the article's ``url`` points to the
canonical text. Each token's ``(start, end)`` in the rebuilt text is kept, so a TSV span over
tokens ``i..j`` becomes ``text[start_i:end_j]``, which equals the tokens joined by this rule.

Licences: the texts are Wikinews (CC BY 2.5, attribution "Wikinews contributors via GUM (Zeldes
2017), <sourceURL>"); GUM's annotations (the entities carried in ``extras``) are CC BY 4.0.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from conflictnews.io import sha256_file
from conflictnews.sources.base import Article, ReadResult, Skipped, UpstreamFile
from conflictnews.sources.licences import licence
from conflictnews.sources.registry import source_of

SOURCE = source_of(__name__)
OUTLET = "Wikinews"
LICENCE_ID = "CC-BY-2.5"
ANNOTATION_LICENCE_ID = "CC-BY-4.0"

#: Elements whose content is a block of its own (separated from its neighbours by a newline).
BLOCK_TAGS: frozenset[str] = frozenset({"head", "p", "caption", "item", "figure", "list"})
#: Tokens never preceded by a space.
NO_SPACE_BEFORE: frozenset[str] = frozenset({",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "..."})
#: Tokens never followed by a space.
NO_SPACE_AFTER: frozenset[str] = frozenset({"(", "[", "{", "$", "US$", "#"})
_CLITIC = re.compile(r"^(?:n['’`]t|['’](?:s|re|ve|ll|d|m))$", re.IGNORECASE)
_TSV_TOKEN_ROW = re.compile(r"^(\d+)-(\d+)\t")
_TSV_VALUE = re.compile(r"^(.*?)(?:\[(\d+)\])?$")


@dataclass(frozen=True)
class GumToken:
    """One token of a GUM XML file.

    Attributes:
        form: The token as written.
        tag: Its PTB part-of-speech tag (second column).
        in_w: True when the token sits inside a ``<w>`` element (an orthographic word).
        block: Index of the block (head, paragraph, caption, item) it belongs to.
        w_index: Number of the ``<w>`` element it sits in (0 outside any).

    """

    form: str
    tag: str
    in_w: bool
    block: int
    w_index: int


@dataclass(frozen=True)
class GumEntity:
    """A GUM gold entity mention as a character span of the rebuilt article text.

    Attributes:
        article_id: The article the span belongs to.
        start: Start offset (code points) in ``Article.text``.
        end: End offset (exclusive).
        text: ``Article.text[start:end]``.
        type: GUM entity type (``person``, ``place``, ``organization``, ``abstract``, ``event``,
            ``object``, ``time``, ``substance``, ``plant``, ``animal``).
        gum_id: The annotation number in the TSV (``organization[12]`` → ``12``), unique per document.
        infstat: Information status (``new``, ``giv:act``, ``acc:com``...; '' if absent).
        identity: Wikipedia identity (``North_Korea``) or ''.
        salience: GUM's salience code or ''.
        centering: GUM's centering code or ''.
        token_start: Index of the first token (0-based, over the document).
        token_end: Index after the last token.

    """

    article_id: str
    start: int
    end: int
    text: str
    type: str
    gum_id: str
    infstat: str
    identity: str
    salience: str
    centering: str
    token_start: int
    token_end: int


def article_id(doc_name: str) -> str:
    """Return the stable article id for a GUM document name.

    Args:
        doc_name: The XML ``<text id>`` / file stem (``GUM_news_korea``).

    Returns:
        ``gum-news-korea``.

    """
    short = doc_name.removeprefix("GUM_news_")
    return f"{SOURCE}-{short.lower().replace('_', '-')}"


def read_tokens(root: ET.Element) -> list[GumToken]:
    """Return the tokens of a parsed GUM XML document in order, with their ``<w>``/block context.

    Args:
        root: The ``<text>`` element.

    Returns:
        The tokens.

    """
    tokens: list[GumToken] = []
    state = {"block": 0, "w": 0}

    def add(chunk: str | None, in_w: bool, w_index: int) -> None:
        for line in (chunk or "").split("\n"):
            if line.strip():
                cols = line.split("\t")
                tokens.append(GumToken(cols[0], cols[1] if len(cols) > 1 else "", in_w, state["block"], w_index))

    def walk(element: ET.Element, in_w: bool, w_index: int) -> None:
        if element.tag in BLOCK_TAGS:
            state["block"] += 1
        if element.tag == "w":
            state["w"] += 1
            in_w, w_index = True, state["w"]
        add(element.text, in_w, w_index)
        for child in element:
            walk(child, in_w, w_index)
            if child.tag in BLOCK_TAGS:
                # Text after a block belongs to a new (anonymous) block.
                state["block"] += 1
            add(child.tail, in_w, w_index)

    walk(root, False, 0)
    return tokens


def _separator(left: GumToken, right: GumToken) -> str:
    """Return what goes between two consecutive tokens under the module's rule."""
    if left.block != right.block:
        return "\n"
    if left.in_w and right.in_w and left.w_index == right.w_index:
        return ""
    if (
        right.form in NO_SPACE_BEFORE
        or right.tag in ("''", "POS")
        or _CLITIC.match(right.form)
        or right.tag == "HYPH"
        or left.tag == "HYPH"
    ):
        return ""
    if left.form in NO_SPACE_AFTER or left.tag == "``":
        return ""
    return " "


def detokenise(tokens: list[GumToken]) -> tuple[str, list[tuple[int, int]]]:
    """Join tokens into running text by the module's rule, keeping each token's offsets.

    Args:
        tokens: The document's tokens in order.

    Returns:
        The text and, per token, its ``(start, end)`` character offsets in the text.

    """
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    position = 0
    for index, token in enumerate(tokens):
        if index:
            separator = _separator(tokens[index - 1], token)
            parts.append(separator)
            position += len(separator)
        parts.append(token.form)
        offsets.append((position, position + len(token.form)))
        position += len(token.form)
    return "".join(parts), offsets


def join_tokens(tokens: list[GumToken]) -> str:
    """Return the tokens joined by the module's rule (the text a span over them must equal)."""
    return detokenise(tokens)[0]


@dataclass(frozen=True)
class _TsvMention:
    """A mention as read from the TSV, before offsets are attached."""

    gum_id: str
    type: str
    token_start: int
    token_end: int
    features: tuple[tuple[str, str], ...]


def _split_values(cell: str) -> list[tuple[str, str]]:
    """Split a WebAnno multi-value cell into ``(value, id)`` pairs ('' id when none)."""
    if cell in ("_", ""):
        return []
    pairs = []
    for part in cell.split("|"):
        match = _TSV_VALUE.match(part)
        # The pattern matches every string; the fallback only satisfies the type checker.
        pairs.append((match.group(1), match.group(2) or "") if match else (part, ""))
    return pairs


def read_tsv_mentions(path: Path) -> tuple[list[str], list[_TsvMention]]:
    """Read the token forms and the entity mentions of a GUM WebAnno TSV file.

    Args:
        path: A ``tsv/GUM_news_*.tsv`` file.

    Returns:
        The token forms in order and the mentions (token index ranges, end exclusive), sorted
        by start token then id.

    """
    forms: list[str] = []
    spans: dict[str, list[int]] = {}
    types: dict[str, str] = {}
    feats: dict[str, dict[str, str]] = {}
    names = ("infstat", "salience", "identity", "centering")
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not _TSV_TOKEN_ROW.match(line):
            continue
        cols = line.rstrip("\r").split("\t")
        index = len(forms)
        forms.append(cols[2])
        entities = _split_values(cols[3])
        for position, (etype, ident) in enumerate(entities):
            # WebAnno leaves single-token spans unnumbered; key them by token instead.
            key = ident or f"t{index}.{position}"
            spans.setdefault(key, [index, index])[1] = index
            types[key] = etype
            feats.setdefault(key, {})
        for name, cell in zip(names, cols[4:8], strict=False):
            values = _split_values(cell)
            for value, ident in values:
                if ident:
                    feats.setdefault(ident, {})[name] = value
                elif len(values) == 1 and len(entities) == 1:
                    key = entities[0][1] or f"t{index}.0"
                    feats.setdefault(key, {})[name] = value
    mentions = [
        _TsvMention(key, types[key], first, last + 1, tuple(sorted(feats.get(key, {}).items())))
        for key, (first, last) in spans.items()
    ]
    mentions.sort(key=lambda m: (m.token_start, m.token_end, m.gum_id))
    return forms, mentions


def count_coref_links(path: Path) -> int:
    """Return how many coreference/bridging links (TSV relation columns) a GUM TSV file holds.

    The links are not carried yet (only mentions are); the count goes into the notes so that
    the omission is visible.

    Args:
        path: A ``tsv/GUM_news_*.tsv`` file.

    Returns:
        The number of relation values over all token rows.

    """
    total = 0
    for line in path.read_text(encoding="utf-8").split("\n"):
        if _TSV_TOKEN_ROW.match(line):
            cols = line.rstrip("\r").split("\t")
            if len(cols) > 8 and cols[8] not in ("_", ""):
                total += len(cols[8].split("|"))
    return total


def _iter_documents(root: Path) -> Iterator[Path]:
    """Yield the XML files of the source folder in name order."""
    yield from sorted((root / "xml").glob("GUM_news_*.xml"))


def read(root: Path) -> ReadResult:
    """Read the GUM news documents, rebuilding their text and carrying GUM's gold entities.

    ``upstream`` points to the XML file (record ``<text id>``); the TSV path and sha256 are
    document attributes. A document whose TSV is missing or whose tokens differ from the XML is
    still read, but its entities are skipped (reason ``tsv-missing`` / ``tsv-token-mismatch``).

    Args:
        root: The ``gum-news`` source folder (same layout as the mirror).

    Returns:
        The articles sorted by id, skipped records, notes, and ``extras["entities"]``.

    Raises:
        ValueError: If a mention's character span does not equal its tokens joined by the
            rule (a bug in this reader, never a data condition).

    """
    articles: list[Article] = []
    skipped: list[Skipped] = []
    entities: list[GumEntity] = []
    type_counts: Counter[str] = Counter()
    coref_links = 0
    for xml_path in _iter_documents(root):
        rel = xml_path.relative_to(root).as_posix()
        element = ET.parse(xml_path).getroot()
        meta = dict(element.attrib)
        doc_name = meta.get("id", xml_path.stem)
        aid = article_id(doc_name)
        tokens = read_tokens(element)
        if not tokens:
            skipped.append(Skipped(SOURCE, f"{rel}:text {doc_name}", "empty-text", "no tokens"))
            continue
        text, offsets = detokenise(tokens)
        url = meta.get("sourceURL", "")
        attributes: dict[str, object] = {
            "gum_id": doc_name,
            "author": meta.get("author", ""),
            "date_collected": meta.get("dateCollected", ""),
            "date_modified": meta.get("dateModified", ""),
            "partition": meta.get("partition", ""),
            "tokens": len(tokens),
            "annotation_licence": ANNOTATION_LICENCE_ID,
        }
        tsv_path = root / "tsv" / f"{xml_path.stem}.tsv"
        if not tsv_path.is_file():
            skipped.append(
                Skipped(SOURCE, f"tsv/{xml_path.stem}.tsv", "tsv-missing", f"no entity layer for {doc_name}")
            )
        else:
            forms, mentions = read_tsv_mentions(tsv_path)
            coref_links += count_coref_links(tsv_path)
            attributes["tsv_file"] = tsv_path.relative_to(root).as_posix()
            attributes["tsv_sha256"] = sha256_file(tsv_path)
            if forms != [t.form for t in tokens]:
                skipped.append(
                    Skipped(
                        SOURCE,
                        f"tsv/{xml_path.stem}.tsv",
                        "tsv-token-mismatch",
                        f"{len(forms)} TSV tokens vs {len(tokens)} XML tokens",
                    )
                )
            else:
                for mention in mentions:
                    start = offsets[mention.token_start][0]
                    end = offsets[mention.token_end - 1][1]
                    expected = join_tokens(tokens[mention.token_start : mention.token_end])
                    if text[start:end] != expected:
                        raise ValueError(f"{aid}: span {start}:{end} {text[start:end]!r} != {expected!r}")
                    feats = dict(mention.features)
                    entities.append(
                        GumEntity(
                            aid,
                            start,
                            end,
                            text[start:end],
                            mention.type,
                            mention.gum_id,
                            feats.get("infstat", ""),
                            feats.get("identity", ""),
                            feats.get("salience", ""),
                            feats.get("centering", ""),
                            mention.token_start,
                            mention.token_end,
                        )
                    )
                    type_counts[mention.type] += 1
        articles.append(
            Article(
                id=aid,
                source=SOURCE,
                genre="news",
                title=meta.get("title", ""),
                text=text,
                url=url,
                outlet=OUTLET,
                date=meta.get("dateCreated", ""),
                licence=licence(LICENCE_ID, attribution=f"Wikinews contributors via GUM (Zeldes 2017), {url}"),
                upstream=UpstreamFile(rel, sha256_file(xml_path), f"text {doc_name}"),
                attributes=attributes,
                repairs=("detokenised",),
            )
        )
    articles.sort(key=lambda a: a.id)
    entities.sort(key=lambda e: (e.article_id, e.start, e.end, e.gum_id))
    notes = (
        f"{len(articles)} articles rebuilt from GUM tokens (rule in gum_news module docstring); "
        "texts CC BY 2.5 (Wikinews), GUM annotations CC BY 4.0",
        f"{len(entities)} gold entity mentions carried as character spans; all equal their tokens "
        f"joined by the rule; by type: {', '.join(f'{k} {v}' for k, v in sorted(type_counts.items()))}",
        f"{coref_links} GUM coreference/bridging links in the TSV files are not carried (mentions only)",
    )
    return ReadResult(SOURCE, tuple(articles), tuple(skipped), notes, {"entities": tuple(entities)})
