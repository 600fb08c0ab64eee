r"""Reader for White House briefing-room releases (source ``whitehouse-statements``).

Stage: corpus (reading). Input: the Markdown releases under ``statements-releases/``,
``briefings-statements/`` and ``releases/`` (``<folder>/<YYYY-MM>/<YYYY-MM-DD>-<slug>.md``), each
with a YAML front matter (``date``, ``published_time``, ``source_url``, ``tags``, ``title``,
sometimes ``modified_time``); ``LICENSE``, ``README.upstream.md`` and ``FILES.sha256`` are not
releases. Output: one :class:`~conflictnews.sources.base.Article` (genre ``official-statement``)
per release that is a US-government work, and a :class:`~conflictnews.sources.base.Skipped`
record for every other release file.

Markdown → plain text (:func:`markdown_to_text`), in this order:

1. ``<figure>…</figure>`` blocks and HTML comments are dropped; autolinks ``<https://…>`` become
   the URL; every other HTML tag is stripped, keeping its inner text.
2. Images ``![alt](src)`` are dropped.
3. Blocks: blank lines separate paragraphs; the hard-wrapped lines of a paragraph are joined
   with one space, except after a hard line break (two trailing spaces or a trailing
   backslash), which becomes ``\n``. An ATX heading (``### Title``) or a setext heading (a line
   underlined with ``===``/``---``) becomes its text as a block of its own. Thematic breaks
   (``---``, ``***`` alone after a blank line) are dropped. A list item (``-``, ``*``, ``+``,
   ``1.``) becomes the item text on its own line (marker and indentation removed, continuation
   lines joined with a space); consecutive items are separated by ``\n``. A blockquote marker
   ``>`` is removed.
4. Inline: a link ``[anchor](url "title")`` becomes its anchor text (an empty anchor disappears);
   emphasis markers (``**``, ``*``, ``__``, ``_`` around words) are removed; backslash escapes
   are unescaped (``\[`` → ``[``).
5. Whitespace: no-break spaces become spaces, invisible word joiners / zero-width spaces are
   removed, runs of spaces collapse to one, lines are stripped; a block left with only
   separator characters (``***`` written as ``\*\*\*``, ``* * *``) is dropped; blocks are
   joined with ``\n\n``. A link anchor that upstream wrapped across a blank line is rejoined
   first.

Third-party reprints (:func:`reprint_cue`) are not US-government works and are skipped with
reason ``third-party-reprint``; the detail names the cue that matched.

Front matter: parsed with ``yaml.safe_load``; a file without a front matter, with YAML that does
not parse, that is not a mapping, or that lacks ``title``/``date``/``source_url`` is skipped
(``malformed-front-matter``). The article URL is ``source_url``. Some front matter is wrong
upstream (the ``source_url`` names another release than the title and body): when the slug of
``source_url`` differs from the file name's slug, or shares fewer than
:data:`MIN_SLUG_TITLE_OVERLAP` of its words with the title, the URL is kept but flagged
(``attributes["source_url_suspect"] = True`` and a ``source-url-suspect`` repair).

Ids: ``whitehouse-statements-<YYYY-MM-DD>-<slug>`` (file name, lower-cased, characters outside
``[a-z0-9-]`` replaced by ``-``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from conflictnews.io import sha256_file
from conflictnews.sources.base import Article, ReadResult, Skipped, UpstreamFile
from conflictnews.sources.licences import licence
from conflictnews.sources.registry import source_of

SOURCE = source_of(__name__)
OUTLET = "The White House"
#: Folders that hold releases (everything else in the source folder is not an article).
FOLDERS: tuple[str, ...] = ("statements-releases", "briefings-statements", "releases")
#: Share of the ``source_url`` slug's words that must occur in the title for the URL to be trusted.
MIN_SLUG_TITLE_OVERLAP = 0.5
#: A release whose paragraphs are at least this share of attributed quotes is a quote compilation...
MIN_QUOTE_SHARE = 0.3
#: ...provided it has at least this many attributed-quote paragraphs.
MIN_QUOTE_PARAGRAPHS = 10

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.S)
_FIGURE = re.compile(r"<figure\b.*?</figure\s*>", re.S | re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>", re.S)
_IMAGE = re.compile(r"!\[(?:[^\[\]]|\[[^\[\]]*\])*\]\([^()]*(?:\([^()]*\)[^()]*)*\)")
_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\((?:[^()]|\([^()]*\))*\)")
_ATX = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_HR = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d{1,3}[.)])\s+(.*)$")
_SEPARATOR = re.compile(r"^[\s*_~•·=-]+$")
_QUOTE_MARK = re.compile(r"^\s{0,3}>\s?")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$<>|~\"'])")
_INVISIBLE = dict.fromkeys(map(ord, "\u2060\u200b\ufeff\u00ad"), None)

# Reprint cues (see reprint_cue).
_ICYMI = re.compile(r"^\s*(?:icymi\b|in case you missed it\b)", re.I)
_WTAS = re.compile(r"\bwhat\s+they(?:\s+are|['’]re)\s+saying\b", re.I)
_OPED = re.compile(r"\bop-?ed\b", re.I)
_READ_BELOW = re.compile(r"^\W*read (?:the )?full (?:story|piece|op-?ed|article) below\b", re.I | re.M)
_LETTER_BY_OTHERS = re.compile(
    r"^\s*(?:an? )?(?:open )?letter (?:from (?!(?:the )?president\b)|to (?:the )?president\b)", re.I
)
#: A paragraph that opens with a named speaker and then a quotation:
#: ``[Sen. X](url): “…``, ``**Name, Title:** “…``, ``Name: “…``.
_ATTRIBUTED_QUOTE = re.compile(
    r"^(?:\[[^\]]{2,200}\]\([^)]*\)|\*\*[^*]{2,200}\*\*|[^“”\"\n:]{2,200}?)\s*\**:?\**\s*[“\"]"
)


@dataclass(frozen=True)
class FrontMatter:
    """The parsed front matter of one release.

    Attributes:
        title: ``title`` (whitespace normalised).
        date: ``date`` as ISO ``YYYY-MM-DD``.
        published_time: ``published_time`` as text ('' when absent).
        source_url: ``source_url``.
        tags: ``tags`` as a list of strings.

    """

    title: str
    date: str
    published_time: str
    source_url: str
    tags: tuple[str, ...]


def _clean_spaces(text: str) -> str:
    """Apply the whitespace rule (step 5) to one block of text."""
    text = text.replace("\u00a0", " ").replace("\u202f", " ").translate(_INVISIBLE)
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def inline_to_text(text: str) -> str:
    """Apply the inline rules (step 4) to a block: links, emphasis, escapes.

    Args:
        text: One block of Markdown (lines already joined).

    Returns:
        Plain text.

    """
    previous = None
    while previous != text:  # links inside link anchors (rare) unwrap from the inside out
        previous = text
        text = _LINK.sub(lambda m: m.group(1), text)
    # Protect escaped characters while removing emphasis, then unescape.
    escaped: list[str] = []

    def _hold(match: re.Match[str]) -> str:
        escaped.append(match.group(1))
        return f"\x00{len(escaped) - 1}\x00"

    text = _ESCAPE.sub(_hold, text)
    text = text.replace("**", "").replace("*", "")
    text = re.sub(r"(?<![\w])__?(?=\S)|(?<=\S)__?(?![\w])", "", text)
    text = re.sub(r"\x00(\d+)\x00", lambda m: escaped[int(m.group(1))], text)
    return text


def _rejoin_anchor(match: re.Match[str]) -> str:
    """Return a link with the whitespace of its anchor collapsed when the anchor spans a blank line."""
    anchor = match.group(1)
    if not re.search(r"\n[ \t]*\n", anchor):
        return match.group(0)
    return "[" + re.sub(r"\s+", " ", anchor).strip() + match.group(0)[len(anchor) + 1 :]


def markdown_to_text(markdown: str) -> str:
    r"""Convert a release body from Markdown to plain text by the rules in the module docstring.

    Args:
        markdown: The body (front matter removed).

    Returns:
        Plain text, blocks separated by ``\n\n``.

    """
    markdown = _FIGURE.sub("\n", markdown)
    markdown = _COMMENT.sub("", markdown)
    markdown = _AUTOLINK.sub(r"\1", markdown)
    markdown = _TAG.sub("", markdown)
    markdown = _IMAGE.sub("", markdown)
    # Upstream sometimes wraps a link's anchor across a blank line; rejoin it so it stays one link.
    markdown = _LINK.sub(_rejoin_anchor, markdown)

    blocks: list[list[str]] = []  # each block: list of lines (list items or one paragraph)
    kind = ""  # "para", "list" or "" (between blocks)
    current: list[str] = []  # pieces of the current paragraph / item, with "\n" for hard breaks

    def flush_piece() -> None:
        nonlocal current
        if current:
            joined = "".join(current).strip()
            if joined:
                if kind == "list" and blocks and blocks[-1] and blocks[-1][0] == "\x01list":
                    blocks[-1].append(joined)
                elif kind == "list":
                    blocks.append(["\x01list", joined])
                else:
                    blocks.append([joined])
            current = []

    def add_line(line: str) -> None:
        hard = line.endswith("  ") or line.endswith("\\")
        piece = line.rstrip()
        if piece.endswith("\\") and not piece.endswith("\\\\"):
            piece = piece[:-1]
        if current and not current[-1].endswith("\n"):
            current.append(" ")
        current.append(piece.strip() + ("\n" if hard else ""))

    for line in markdown.split("\n"):
        line = _QUOTE_MARK.sub("", line)
        if not line.strip():
            flush_piece()
            kind = "" if kind != "list" else "list-gap"
            continue
        if kind == "para" and current and _SETEXT.match(line):
            flush_piece()  # the paragraph just flushed is the heading text
            kind = ""
            continue
        if kind in ("", "list-gap") and _HR.match(line):
            flush_piece()
            kind = ""
            continue
        heading = _ATX.match(line)
        if heading:
            flush_piece()
            kind = "para"
            current = [heading.group(1)]
            flush_piece()
            kind = ""
            continue
        item = _ITEM.match(line)
        if item and not _HR.match(line):
            flush_piece()
            kind = "list"
            add_line(item.group(2))
            continue
        if kind == "list-gap":
            # An indented paragraph after a blank line continues a loose list item.
            kind = "list" if line.startswith((" ", "\t")) else ""
        if kind == "":
            kind = "para"
        add_line(line)
    flush_piece()

    out: list[str] = []
    for block in blocks:
        lines = block[1:] if block[0] == "\x01list" else block
        text = "\n".join(_clean_spaces(inline_to_text(line)) for line in lines)
        text = _clean_spaces(text)
        if text and not _SEPARATOR.match(text):
            out.append(text)
    return "\n\n".join(out)


def _paragraphs(markdown: str) -> list[str]:
    """Return the blank-line-separated paragraphs of ``markdown``, whitespace collapsed."""
    return [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n", markdown) if p.strip()]


def reprint_cue(title: str, slug: str, body: str) -> str | None:
    """Say whether a release reprints third-party text, and by which cue.

    Cues, in the order tried (the first that matches is returned):

    * ``icymi``: the title opens with "ICYMI" or "In case you missed it" (reprinted op-eds and
      articles).
    * ``op-ed``: the title names an op-ed.
    * ``read-full-story-below``: a line "Read full story below" / "Read the full piece below"
      introduces a reprinted article.
    * ``what-they-are-saying``: "What they are saying" / "What they're saying" in the title, the
      file slug or a body line (compilations of other people's statements).
    * ``letter-by-others``: the title is a letter to the President or from someone other than the
      President.
    * ``attributed-quote-compilation``: at least :data:`MIN_QUOTE_PARAGRAPHS` paragraphs, and at
      least :data:`MIN_QUOTE_SHARE` of all paragraphs, open with a named speaker followed by a
      quotation (praise round-ups without the "What they are saying" label).

    Args:
        title: The release title.
        slug: The file name's slug.
        body: The Markdown body.

    Returns:
        ``"<cue>: <evidence>"`` for a reprint, else None.

    """
    if _ICYMI.search(title):
        return f"icymi: title {title!r}"
    if _OPED.search(title):
        return f"op-ed: title {title!r}"
    found = _READ_BELOW.search(body)
    if found:
        return f"read-full-story-below: body line {found.group(0).strip()!r}"
    if _WTAS.search(title) or _WTAS.search(slug.replace("-", " ")):
        where = f"title {title!r}" if _WTAS.search(title) else f"slug {slug!r}"
        return f"what-they-are-saying: {where}"
    found = _WTAS.search(body)
    if found:
        line = body[body.rfind("\n", 0, found.start()) + 1 : body.find("\n", found.end())].strip()
        return f"what-they-are-saying: body line {line!r}"
    if _LETTER_BY_OTHERS.search(title):
        return f"letter-by-others: title {title!r}"
    paragraphs = _paragraphs(body)
    quotes = sum(1 for p in paragraphs if _ATTRIBUTED_QUOTE.match(p))
    if quotes >= MIN_QUOTE_PARAGRAPHS and quotes >= MIN_QUOTE_SHARE * len(paragraphs):
        return f"attributed-quote-compilation: {quotes} of {len(paragraphs)} paragraphs are attributed quotes"
    return None


def _as_text(value: Any) -> str:
    """Return a YAML scalar as text (timestamps and dates as ISO)."""
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return "" if value is None else str(value)


def parse_front_matter(raw: str) -> tuple[FrontMatter, str]:
    """Split a release into its front matter and Markdown body.

    Args:
        raw: The whole file.

    Returns:
        ``(front matter, body)``.

    Raises:
        ValueError: If the front matter is missing, does not parse, is not a mapping, or lacks
            ``title``, ``date`` or ``source_url`` (the message says which).

    """
    match = _FRONT_MATTER.match(raw)
    if not match:
        raise ValueError("no front matter: the file does not open with a '---' block")
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as error:
        raise ValueError(f"front matter is not valid YAML: {str(error).splitlines()[0]}") from None
    if not isinstance(data, dict):
        raise ValueError(f"front matter is a {type(data).__name__}, expected a mapping")
    missing = [key for key in ("title", "date", "source_url") if not data.get(key)]
    if missing:
        raise ValueError(f"front matter lacks {', '.join(missing)}")
    date = _as_text(data["date"])[:10]
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        raise ValueError(f"front matter date {data['date']!r} is not YYYY-MM-DD") from None
    tags = data.get("tags") or []
    tags = [tags] if isinstance(tags, str) else [str(t) for t in tags]
    title = re.sub(r"\s+", " ", _as_text(data["title"]).replace("\u00a0", " ").translate(_INVISIBLE)).strip()
    return FrontMatter(
        title=title,
        date=date,
        published_time=_as_text(data.get("published_time")),
        source_url=_as_text(data["source_url"]).strip(),
        tags=tuple(tags),
    ), raw[match.end() :]


def _words(text: str) -> list[str]:
    """Return the lower-case ASCII words of ``text`` (accents folded)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return [w for w in re.split(r"[^a-z0-9]+", folded) if w]


def url_suspect(file_slug: str, front: FrontMatter) -> str | None:
    """Say why ``source_url`` looks like it names another release, or None when it fits.

    Args:
        file_slug: The file name without date prefix and extension.
        front: The release's front matter.

    Returns:
        A reason, or None.

    """
    url_slug = front.source_url.rstrip("/").rsplit("/", 1)[-1]
    if url_slug.lower() != file_slug.lower():
        return f"source_url slug {url_slug!r} differs from the file name slug {file_slug!r}"
    words = [w for w in _words(url_slug) if not (w.isdigit() and len(w) == 1)]
    title_words = set(_words(front.title))
    if words:
        share = sum(1 for w in words if w in title_words) / len(words)
        if share < MIN_SLUG_TITLE_OVERLAP:
            return f"source_url slug {url_slug!r} shares {share:.0%} of its words with the title {front.title!r}"
    return None


def _article_id(date: str, slug: str) -> str:
    """Return the article id for a release file."""
    clean = re.sub(r"-+", "-", re.sub(r"[^a-z0-9-]", "-", slug.lower())).strip("-")
    return f"{SOURCE}-{date}-{clean}"


def _listed_checksums(root: Path) -> dict[str, str]:
    """Return ``FILES.sha256`` as {relative path: sha256} ({} when the file is absent)."""
    listing = root / "FILES.sha256"
    if not listing.is_file():
        return {}
    out: dict[str, str] = {}
    for line in listing.read_text(encoding="utf-8").splitlines():
        parts = line.split(maxsplit=1)
        if len(parts) == 2:
            out[parts[1].strip().removeprefix("./")] = parts[0]
    return out


def read(root: Path) -> ReadResult:
    """Read every release under ``root``'s release folders.

    Args:
        root: The source folder (laid out like ``../shared/corpus/whitehouse-statements``).

    Returns:
        Articles sorted by id, skipped releases (reprints, malformed front matter, empty text),
        and notes (suspect URLs, checksum mismatches against ``FILES.sha256``, duplicate bodies).

    Raises:
        FileNotFoundError: If none of the release folders holds a ``.md`` file.

    """
    paths = sorted(p for folder in FOLDERS for p in (root / folder).rglob("*.md") if p.is_file())
    if not paths:
        raise FileNotFoundError(f"{root}: no releases under {', '.join(FOLDERS)}")
    listed = _listed_checksums(root)
    articles: list[Article] = []
    skipped: list[Skipped] = []
    notes: list[str] = []
    seen_text: dict[str, str] = {}
    for path in paths:
        rel = path.relative_to(root).as_posix()
        folder = rel.split("/", 1)[0]
        sha = sha256_file(path)
        if listed and listed.get(rel) != sha:
            notes.append(f"{rel}: sha256 {sha} differs from FILES.sha256 ({listed.get(rel, 'not listed')})")
        name = path.stem
        file_slug = name[11:] if re.match(r"\d{4}-\d{2}-\d{2}-", name) else name
        try:
            front, body = parse_front_matter(path.read_text(encoding="utf-8"))
        except ValueError as error:
            skipped.append(Skipped(SOURCE, rel, "malformed-front-matter", f"{rel}: {error}"))
            continue
        cue = reprint_cue(front.title, file_slug, body)
        if cue is not None:
            skipped.append(Skipped(SOURCE, rel, "third-party-reprint", cue))
            continue
        text = markdown_to_text(body)
        if not text:
            skipped.append(Skipped(SOURCE, rel, "empty-text", "the body reduces to no text"))
            continue
        article_id = _article_id(front.date, file_slug)
        attributes: dict[str, Any] = {
            "tags": list(front.tags),
            "published_time": front.published_time,
            "folder": folder,
            "source_url_suspect": False,
        }
        repairs: tuple[str, ...] = ()
        suspect = url_suspect(file_slug, front)
        if suspect is not None:
            attributes["source_url_suspect"] = True
            repairs = (f"source-url-suspect: {suspect}",)
            notes.append(f"{rel}: {suspect}; url kept, flagged source_url_suspect")
        if text in seen_text:
            attributes["same_text_as"] = seen_text[text]
            notes.append(f"{rel}: text identical to {seen_text[text]}")
        else:
            seen_text[text] = article_id
        articles.append(
            Article(
                id=article_id,
                source=SOURCE,
                genre="official-statement",
                title=front.title,
                text=text,
                url=front.source_url,
                outlet=OUTLET,
                date=front.date,
                licence=licence("PD-USGov", attribution=f"The White House, {front.source_url}"),
                upstream=UpstreamFile(path=rel, sha256=sha, record="whole file"),
                attributes=attributes,
                repairs=repairs,
            )
        )
    articles.sort(key=lambda a: a.id)
    skipped.sort(key=lambda s: s.record)
    ids = [a.id for a in articles]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{SOURCE}: duplicate article ids {sorted({i for i in ids if ids.count(i) > 1})}")
    notes.append(f"{len(paths)} release files: {len(articles)} articles, {len(skipped)} skipped")
    return ReadResult(source=SOURCE, articles=tuple(articles), skipped=tuple(skipped), notes=tuple(notes))
