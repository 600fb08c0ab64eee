r"""Outlet boilerplate: the rules that find it in a normalised article text, each with its name.

Stage: curation (normalise). Input: an article text after the character rules of
:mod:`conflictnews.curation.normalise`, with its ``source`` and ``outlet``. Output: the spans to
remove, each tagged with the rule (``boilerplate-<kind>``) that found it; the caller removes
them, records ``<rule>:<count>`` in the article's ``normalisation`` and keeps the offset map.

Boilerplate is what the outlet's website put around the article, never the article: publication
stamps, share widgets, tag lists, photo credits, "Read also" links, site footers, agency credit
lines and editors' signatures. Photo *captions* stay (they are article text an annotator may
annotate; the manual says how); only their credit is removed. Every rule is anchored to where
its boilerplate sits: at the start of the text (``start``: tried again and again at the text's
current start, together with a copy of the headline, so "date, headline, credit" peel off in any
order), at the end (``end``: the same from the end), or anywhere (``inline``, optionally only in
the first ``window`` characters after the peeled start, the "header" of a flattened page). A rule
applies to the sources (and outlets) it names: FA-KES's pages were flattened to one line each by
their collectors, so most of its rules are per outlet, written from the whole corpus (every
match was read; the tests scan every curated text for the markers).

Rules (kind: what it removes; where it was found):

* ``date-line``: publication stamps. FA-KES: a leading date in the outlet's format, with its
  label and time ("Date of publication 5 July 2016", "Published July 5 2015", "Posted on April 2
  2017 by <byline>", "Wed 05 Apr 2017 at 0914", "24.08.2013(updated 1935 05.10.2017)", ahram's
  "AFP Friday 22 Jul 2016" in the page header); Wikinews/GUM: the dateline line ("Friday, August
  21, 2015"; the date is the manifest's ``date``); White House: a date line opening a release
  ("April 17, 2024"; a signature's date, "THE WHITE HOUSE, March 30, 2022.", is the document's and
  stays) and the start and end clock lines of transcripts ("3:40 P.M. EST", "END 10:34 A.M. MDT").
* ``last-updated``: "Last updated at Apr 232017" (jordantimes), "Last Update: ... KSA ... GMT ..."
  (arabiya), a leading "UPDATED" (ahram), "Updated with detail throughout" (sputnik).
* ``page-label``: a leading "URGENT" (alalam).
* ``click-to-enlarge``: "[Click to enlarge]", "(Click to enlarge)" (alaraby).
* ``read-also``: "Read Also" at the end (alaraby) and the two inline "Read also <linked
  headline>" links, whose linked headlines are listed (no rule can tell where a linked headline
  ends in a flattened page).
* ``photo-credit``: "(TRT World and Agencies)", "(AFP)", "(Reuters Photo)", "(AFP Photo)", "[AFP]",
  "(archive)", "(Photo AP)", "AA Photo", "File photo" after a caption.
* ``tag-list``: "Tags Syria Aleppo ..." (alaraby: up to the lead sentence, see
  :func:`alaraby_tags_end`; sputnik: with the page footer it runs into).
* ``share-widget``: "Get short URL 0 13", "SEND httpsabahdai.ly...", "Print Tweet Views 729",
  "Print this page", "Twitter font size", a trailing "Twitter", embedded video titles "... -
  YouTube", "MoreImage", manar's "Live News - Middle East - News - Top Tweet".
* ``related-links``: links to other stories inside the article: ahram's and reuters's "Related"
  lists in the page header (:data:`RELATED_LINKS`, listed, as for read-also) and Sputnik's
  related-story boxes (credit, photographer, Title Case headline; see :func:`sputnik_box_end`).
* ``site-footer``: navigation and about-us text after the article: TRT's "Related News ... Cookie
  Policy", Sputnik's view count, topic, related links and comment box, Reuters's "Our
  Standards:The Thomson Reuters Trust Principles.", Asharq Al-Awsat's "... is the worlds premier
  pan-Arab daily ...", alalam's "WARNING GRAPHIC CONTENT".
* ``credit-line``: agency credits and editors' signatures: "- REUTERS", "--AFP" (nna), "Source
  TRTWorld and agencies" (trt), "(Source: Syrian Coalition)" (etilaf), "(With AFP and Reuters)"
  (arabiya), "Reporting by ...; Editing by ..." and bylines after the headline (reuters), "Agencies
  contributed to this report" (alaraby), "AFP"/"AP" after the headline (ahram), reporters'
  signatures at the end (sana "Manar al-Freih / Hazem Sabbagh", asharqalawsat "Youssef Diab",
  alalam's editor codes "SSH 11", "218-11"; each after a sentence end, so a last sentence that
  names a person is kept).

Left alone on purpose: datelines ("BEIRUT", "MOSCOW (Sputnik)", "Aleppo SANA-") and standfirsts
are article text; alaraby's note "This article is an edited translation from our Arabic
edition." is the outlet's statement about the text; tag words that alaraby printed without the
word "Tags" cannot be told from the lead and stay.
* ``end-mark``: the press-release end mark "###" / "# # #" (White House).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

#: Where a rule looks.
POSITIONS = ("start", "end", "inline")

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tue(?:s)?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?"
#: The date formats FA-KES's outlets print: "5 July 2016", "July 5 2015", "Aug. 1 2016",
#: "Fri Sep 27 2013", "Wednesday 07 December 2016", "24.08.2013", "6-09-2013".
_DATE = (
    rf"(?:{_WEEKDAY},? )?(?:\d{{1,2}} {_MONTH},? \d{{4}}|{_MONTH} \d{{1,2}},? \d{{4}}"
    rf"|\d{{1,2}}[.-]\d{{1,2}}[.-]\d{{4}})"
)
#: A time after the date: "at 0914", "10:59", "2037 UTC+3", "190703", "0147 PM".
_TIME = r"(?: at \d{4}| \d{1,2}:\d{2}| \d{4} UTC\+\d{1,2}| \d{6}| \d{4} [AP]M)"
#: Asharq Al-Awsat's bylines ("Posted on April 2 2017 by Youssef Diab"), read off its articles.
_ASHARQ_NAMES = r"(?:Asharq Al-Awsat(?: English)?|Youssef Diab|Paula Astih|Najla Habriri|Jordan Dakamseh|Nazeer Rida)"
_ASHARQ_BYLINE = rf"{_ASHARQ_NAMES}(?:,? and {_ASHARQ_NAMES}|,? {_ASHARQ_NAMES})*"
#: Reuters's bylines as its pages print them after the headline ("Stephanie Nebehay.").
_REUTERS_BYLINE = (
    r"Reuters Staff|Mark Felsenthal|Oliver Holmes|Suleiman Al-Khalidi|Stephanie Nebehay|Dominic Evans"
    r"|Khaled Yacoub Oweis|Ellen Francis|Angus McDowall|Arshad Mohammed|Sylvia Westall"
)
#: One word of a SANA editors' signature ("Manar al-Freih / Hazem Sabbagh", "R.J/H.Said").
_SIGNATURE = r"(?:[A-Z]|al-[A-Z])[\w.'-]*"
#: The sentence end a trailing credit follows.
_AFTER_SENTENCE = r"(?<=[.!?\"”’)\]])"

FA_KES = "fa-kes"

#: "Related" link lists that FA-KES's collectors left inside ahram and reuters articles, most of
#: them in the page header (with or without the word "Related"). The linked headlines are in
#: sentence case and run into the article with no mark, so no rule can tell where the list ends:
#: each one was read and is listed.
RELATED_LINKS: tuple[str, ...] = (
    "Related IS group claims responsibility for attack on Syrian town Double bomb attack kills 31 in Syrian Kurdish "
    "city state TV -",
    "Related Syrias Assad says Turkeys Erdogan exploiting coup 43 civilians dead in bombardment of Syria rebel-held "
    "areas Monitor UN pleads for weekly 48-hour truce in Syrias Aleppo ",
    "Related Lebanon charges 43 Syrians with belonging to terrorist groups 2000 Syria refugees stranded in Lebanon "
    "mountains Nun Morocco busts jihadist Iraq Syria recruitment network ",
    "Related Russian US jets had near miss over Syria US officials Russia Syria Iran express joint stand on Syria "
    "Russia FM hosts talks with Syria Iran UN chief demands probe into Syria school attack ",
    "Related Syrian refugees arrive in new Jordan camp Syrias Assad to stand again for president Speaker Iraqi "
    "helicopters strike Syria jihadists ahead of vote Syria has 8% of chemical material left Monitor ",
    "Air strikes kill 11 including children in Syrias Idlib monitor Turkey PM says aims to develop relations with "
    "Syria Iraq ",
    "US Arab partners launch first strikes on IS in Syria ",
    "Moscow Russian strikes in Syria hit rebels underground arsenal Head of Syria ex-Qaeda group critical after Russia "
    "strike ",
    "UN says Syria airdrops not imminent ",
    "10 children among 18 dead as air raid hits Syria school NGO Six new hopefuls announced in Syria presidential "
    "election ",
    "Related Coverage U.S. to wait and see on use of force in Syria: army chief of staff U.N. Security Council urges "
    "easier access for Syria aid Chemical experts in Syria to dismantle weapons program ",
)


@dataclass(frozen=True)
class BoilerplateRule:
    r"""One kind of boilerplate at one place in a text.

    Attributes:
        kind: The rule's name without the ``boilerplate-`` prefix (``date-line``, ...).
        position: ``start``, ``end`` or ``inline`` (:data:`POSITIONS`).
        pattern: What it removes, with the whitespace on its outer side (a ``start`` pattern
            ends in ``\s*``, an ``end`` pattern starts with ``\s*`` and ends in ``\Z``).
        sources: Source ids it applies to.
        outlets: Outlets (the manifest's ``outlet``) it applies to; empty: every outlet.
        window: For an ``inline`` rule, how far after the text's peeled start a match may begin
            (None: anywhere).
        extent: For an ``inline`` rule whose end no pattern can state, a function of (text, end
            of the match, end of the searched text) that returns where the removal ends (None:
            nothing is removed).

    """

    kind: str
    position: str
    pattern: re.Pattern[str]
    sources: tuple[str, ...]
    outlets: tuple[str, ...] = ()
    window: int | None = None
    extent: Callable[[str, int, int], int | None] | None = None

    @property
    def name(self) -> str:
        """The change kind recorded in ``normalisation``: ``boilerplate-<kind>``."""
        return f"boilerplate-{self.kind}"

    def applies(self, source: str, outlet: str) -> bool:
        """Whether the rule looks at an article of ``source`` by ``outlet``."""
        return source in self.sources and (not self.outlets or outlet in self.outlets)


def _rule(
    kind: str,
    position: str,
    pattern: str,
    sources: Sequence[str],
    outlets: Sequence[str] = (),
    *,
    window: int | None = None,
    extent: Callable[[str, int, int], int | None] | None = None,
) -> BoilerplateRule:
    return BoilerplateRule(kind, position, re.compile(pattern), tuple(sources), tuple(outlets), window, extent)


#: Words that show a lead sentence has begun after an alaraby tag list (tags are names and nouns).
_LEAD_CUES = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "at",
        "to",
        "by",
        "for",
        "with",
        "from",
        "and",
        "as",
        "after",
        "near",
        "since",
        "including",
        "have",
        "has",
        "had",
        "was",
        "were",
        "is",
        "are",
        "been",
        "be",
        "said",
        "say",
        "says",
        "than",
        "that",
        "who",
        "which",
        "into",
        "amid",
        "during",
        "over",
    ]
)
#: Cue words that also occur inside tag names when a capitalised word follows ("Syrian Observatory
#: for Human Rights", "the Nusra Front").
_NAME_INTERNAL = frozenset({"of", "for", "the", "and"})
_DETERMINERS = frozenset({"A", "An", "The"})
#: Capitalised words that open a lead and are never tag names.
_LEAD_OPENERS = frozenset(
    [
        "Intense",
        "Heavy",
        "Fresh",
        "Overnight",
        "Several",
        "Many",
        "Some",
        "Dozens",
        "Hundreds",
        "Thousands",
        "Scores",
        "More",
        "Almost",
        "Nearly",
    ]
)
_NUMBER_WORDS = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "fifteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
    ]
)
_TOKEN = re.compile(r"\S+")


def _capitalised(token: str) -> bool:
    return token[:1].isupper() or token[:1].isdigit() or token[:1] in '"“'


def alaraby_tags_end(text: str, begin: int, stop: int) -> int | None:
    """Return where an alaraby tag list that starts at ``begin`` ends (the lead's first character).

    alaraby's pages were flattened so that the tag list ("Tags Syria Idlib Russia airstrikes")
    runs into the lead sentence with no mark between them. Tags are names and nouns; the lead is
    a sentence. The list ends at a full stop inside it, or else before the noun phrase of the
    first cue of a sentence: a function word or a past-tense verb (:data:`_LEAD_CUES`, a
    lower-case word ending in "ed"; "of"/"for"/"the"/"and" before a capitalised word are inside a
    name and do not count). The lead begins at a capitalised determiner or preposition that is
    itself the cue ("At least 16", "A hospital"), or else at the capitalised word nearest before
    the cue, with a number word ("Fifty nine US cruise missiles") or a determiner ("An Israeli
    airstrike") before it.

    Args:
        text: The text.
        begin: Where the tags start (after "Tags ").
        stop: The end of the searched text.

    Returns:
        The end of the tag list, or None when no lead can be found (nothing is removed).

    """
    tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(text, begin, stop)][:60]
    for i, (at, token) in enumerate(tokens):
        if token.endswith(".") and i > 0:
            return at + len(token)
        word = token.lower().strip(",;")
        following = tokens[i + 1][1] if i + 1 < len(tokens) else ""
        cue = word in _LEAD_CUES or (len(word) > 3 and word.endswith("ed") and word.isalpha())
        if not cue or (word in _NAME_INTERNAL and _capitalised(following)) or i == 0:
            continue
        if _capitalised(token):
            if (token in _DETERMINERS or word in ("at", "in", "on")) and not _capitalised(following):
                return at
            continue
        k = _nearest_capitalised(tokens, i - 1)
        while k > 2 and tokens[k - 1][1] in ("and", "of"):
            # a coordinated or partitive noun phrase: "Syrian regime and Russian airstrikes"
            k = _nearest_capitalised(tokens, k - 2)
        if k <= 0:
            return None
        run = k
        while run > 1 and (_capitalised(tokens[run - 1][1]) or tokens[run - 1][1] in _NUMBER_WORDS) and k - run < 3:
            run -= 1
        openers = [j for j in range(run, k) if _opens_lead(tokens[j][1])]
        return tokens[openers[0] if openers else k][0]
    return None


#: Words a Title Case headline writes in lower case.
_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "as",
        "and",
        "or",
        "but",
        "vs",
        "al",
        "el",
    ]
)
#: Capitalised words that resume an article after a related-story box ("According to the UN ...").
_RESUMERS = frozenset(["The", "A", "An", "On", "In", "At", "According", "Earlier", "Later", "Meanwhile", "No", "There"])
_SPUTNIK_DATELINE = re.compile(r"[A-Z][A-Z -]{2,}(?: \([A-Za-z]+\))? \(Sputnik\)")


def sputnik_box_end(text: str, begin: int, stop: int) -> int | None:
    """Return where a Sputnik related-story box that starts before ``begin`` ends.

    Sputnik's pages put related-story boxes inside the article: a photo credit ("REUTERS",
    "Sputnik", "AP Photo", "Flickr"), the photographer, and the linked headline in Title Case
    ("REUTERS Rodi Said US Tanks to Storm Raqqa as Major Offensive Takes Shape"), then the article
    resumes. It resumes at a dateline ("MOSCOW (Sputnik)"), at a quote, or at the sentence whose
    first lower-case word that a Title Case headline would capitalise shows it is prose: there
    the article resumes at the nearest capitalised word before it, or at an opener up to four
    words before that ("According to the UN official", "The Syrian government").

    Args:
        text: The text.
        begin: The end of the credit word.
        stop: The end of the searched text.

    Returns:
        Where the article resumes, or None when it resumes at once (the credit word starts a
        sentence: "Sputnik correspondent revealed ...") or not within 40 words.

    """
    dateline = _SPUTNIK_DATELINE.search(text, begin, min(stop, begin + 300))
    tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(text, begin, stop)][:40]
    for i, (at, token) in enumerate(tokens):
        if dateline is not None and at >= dateline.start():
            return dateline.start()
        if token[:1] in '"“':
            return at if i > 0 else None
        word = token.lower()
        if token[:1].islower() and word not in _SMALL_WORDS and not re.match(r"[a-z]+-[A-Z]", token):
            k = i - 1
            while k >= 0 and tokens[k][1].lower() in _SMALL_WORDS and not tokens[k][1][:1].isupper():
                k -= 1
            if k < 0:
                return None
            for j in range(k, max(k - 5, -1), -1):
                if tokens[j][1] in _RESUMERS:
                    k = j
                    break
            if dateline is not None and _still_headline(text[tokens[k][0] : dateline.start()]):
                # "... Strike Allegedly Killing Syria Civilians But its Own Data Says Vice Versa MOSCOW
                # (Sputnik)": one lower-case word in a Title Case run does not end the headline.
                return dateline.start()
            return tokens[k][0] if k > 0 else None
    return None


def _still_headline(span: str) -> bool:
    """Whether ``span`` reads as the rest of a Title Case headline (no stop, one lower-case word at most)."""
    lower = [w for w in span.split() if w[:1].islower() and w not in _SMALL_WORDS]
    return "." not in span and len(lower) <= 1 and len(span) < 120


def _nearest_capitalised(tokens: Sequence[tuple[int, str]], k: int) -> int:
    """Return the index of the nearest capitalised token at or before ``k`` (0 if none after "Tags")."""
    while k > 0 and not _capitalised(tokens[k][1]):
        k -= 1
    return k


def _opens_lead(token: str) -> bool:
    """Whether a capitalised word before the lead's noun opens the lead rather than ends the tags.

    Determiners, number words, capitalised participles ("Suspected"; not "United") and
    quantity or intensity words (:data:`_LEAD_OPENERS`) are not tag names.
    """
    word = token.lower()
    return (
        token in _DETERMINERS
        or word in _NUMBER_WORDS
        or token in _LEAD_OPENERS
        or (word.endswith("ed") and word != "united" and word.isalpha())
    )


#: Every rule, in the order tried at one position (the first that matches wins there).
RULES: tuple[BoilerplateRule, ...] = (
    # --- FA-KES: the page header, peeled from the start ------------------------------------
    _rule(
        "date-line",
        "start",
        rf"(?:Date of publication |Published |Posted on )?{_DATE}\)?"
        rf"(?: ?\(updated \d{{4}} \d{{2}}\.\d{{2}}\.\d{{4}}\))?{_TIME}?(?: by {_ASHARQ_BYLINE})?"
        r"(?: Regional)?(?: Video)?"
        r"(?:\s+|\Z|(?=Get short URL))",
        [FA_KES],
    ),
    _rule(
        "date-line",
        "start",
        r"(?:Reports )?(?:(?:Sputnik|REUTERS|AP|AFP)(?: [A-Z][\w.-]*){1,3} )?Middle East \d{4} \d{2}\.\d{2}\.\d{4}"
        r"(?: ?\(updated \d{4} \d{2}\.\d{2}\.\d{4}\))?(?:\s+|(?=Get short URL))",
        [FA_KES],
        ["sputnik"],
    ),
    _rule("last-updated", "start", rf"Last updated at {_MONTH} ?\d{{5,6}}\s*", [FA_KES], ["jordantimes"]),
    _rule("last-updated", "start", r"(?:UPDATED|Updated)\s+", [FA_KES], ["ahram"]),
    _rule("page-label", "start", r"URGENT\s+", [FA_KES], ["alalam"]),
    _rule(
        "share-widget",
        "start",
        r"(?:Get short URL(?: Topic [^()]{1,80}\(\d+\))?(?: \d+)*|SEND https?\S+|Twitter font size"
        r"|Print Tweet Views \d+)"
        r"\s+",
        [FA_KES],
    ),
    _rule("photo-credit", "start", r"AA Photo\s+", [FA_KES], ["dailysabah"]),
    _rule("share-widget", "start", r"Print this page\s+", [FA_KES], ["etilaf"]),
    _rule("share-widget", "start", r"Print Tweet(?: Views \d+)?\s+", [FA_KES], ["ahram"]),
    _rule("credit-line", "start", rf"(?:{_REUTERS_BYLINE})(?: (?:{_REUTERS_BYLINE}))*\.\s+", [FA_KES], ["reuters"]),
    _rule("credit-line", "start", r"(?:AFP|AP|Reuters)\s+(?=[\"“A-Z0-9])", [FA_KES], ["ahram"]),
    _rule(
        "date-line",
        "inline",
        rf"(?:(?:AFP|AP|Reuters|reuters) )?{_WEEKDAY} \d{{1,2}} {_MONTH} \d{{4}}\s+",
        [FA_KES],
        ["ahram"],
        window=400,
    ),
    _rule("share-widget", "inline", r"Print Tweet Views \d+\s+", [FA_KES], ["ahram"], window=600),
    _rule(
        "date-line",
        "inline",
        r"(?:[A-Z][a-z]+ ){1,4}\d{2}-\d{2}-\d{4} \d{4} [AP]M\s+",
        [FA_KES],
        ["manar"],
        window=200,
    ),
    _rule("share-widget", "inline", r"(?:\w+ - )?Live News - Middle East - News - Top Tweet\s+", [FA_KES], ["manar"]),
    # --- FA-KES: inside the article ---------------------------------------------------------
    _rule("tag-list", "inline", r"Tags (?=\S)", [FA_KES], ["alaraby"], window=400, extent=alaraby_tags_end),
    _rule(
        "credit-line",
        "inline",
        _AFTER_SENTENCE + r"[^\S\n]+Agencies contributed to this (?:report|story)\.?(?=\s|\Z)",
        [FA_KES],
        ["alaraby"],
    ),
    _rule("click-to-enlarge", "inline", r"[\[(]Click to enlarge[\])]\s*", [FA_KES]),
    _rule(
        "read-also",
        "inline",
        r"Read also (?:Stop draining the blood of Syrians UN official pleads"
        r"|September deadliest month for Syrians in 2017) ",
        [FA_KES],
        ["alaraby"],
    ),
    _rule(
        "photo-credit",
        "inline",
        r" ?(?:\((?:TRT World and [Aa]gencies|AFP|AP|Reuters|reuters|(?:AFP|AP|AA|IHA|Reuters) [Pp]hoto|AP Archive"
        r"|Photo AFP|Photo AP|archive|File photo)\)|\[(?:AFP|Reuters|AP)\])",
        [FA_KES],
    ),
    _rule("related-links", "inline", "(?:" + "|".join(re.escape(t) for t in RELATED_LINKS) + ")", [FA_KES]),
    _rule(
        "related-links",
        "inline",
        r"(?<=[.!?\"”’)\]] )(?:REUTERS|Sputnik|Flickr|AP Photo|Photo|YouTube\w*)(?= )",
        [FA_KES],
        ["sputnik"],
        extent=sputnik_box_end,
    ),
    _rule(
        "share-widget",
        "inline",
        _AFTER_SENTENCE + r"[^\S\n]+[^.!?\n]*? - YouTube(?=\s)",
        [FA_KES],
        ["trt", "dailysabah", "sputnik"],
    ),
    # --- FA-KES: the page footer, peeled from the end ----------------------------------------
    _rule("read-also", "end", r"\s*Read Also\Z|" + _AFTER_SENTENCE + r"\s+Also\Z", [FA_KES], ["alaraby"]),
    _rule("site-footer", "end", r"\s*Related News .*\Z", [FA_KES], ["trt"]),
    _rule(
        "site-footer",
        "end",
        r"\s*(?:\.\.\. ?\d*\s*)?(?:Topic [^()]{1,80}\(\d+\)\s*)?Related .*Comment via Sputnik News\Z",
        [FA_KES],
        ["sputnik"],
    ),
    _rule(
        "tag-list",
        "end",
        r"\s*(?:\.\.\. ?\d*\s*)?Tags .*Comment via Sputnik News\Z",
        [FA_KES],
        ["sputnik"],
    ),
    _rule("site-footer", "end", r"\s*Our Standards:The Thomson Reuters Trust Principles\.\Z", [FA_KES], ["reuters"]),
    _rule(
        "site-footer",
        "end",
        r"\s*(?:Asharq Al-Awsat(?: English)? )?(?:Asharq Al-Awsat is the worlds premier.*|Launched in London)\Z",
        [FA_KES],
        ["asharqalawsat"],
    ),
    _rule("last-updated", "end", r"\s*Last Update: .*\Z", [FA_KES], ["arabiya"]),
    _rule("share-widget", "end", r"\s*(?:Twitter|MoreImage)\Z", [FA_KES]),
    _rule("share-widget", "end", _AFTER_SENTENCE + r"\s+[^.!?\n]*? - YouTube(?: [^.!?\n]*)?\Z", [FA_KES], ["trt"]),
    _rule(
        "site-footer",
        "end",
        r"\s*(?:\.\.\. [\d ]*\d(?: Topic [^()]{1,80}\(\d+\))?(?: Community standardsDiscussion Comment via Facebook"
        r"Comment via Sputnik News)?"
        r"|Never miss a story again sign up to our Telegram channel and well keep you up to speed!)\Z",
        [FA_KES],
        ["sputnik"],
    ),
    _rule("last-updated", "end", r"\s*Updated with detail throughout\Z", [FA_KES], ["sputnik"]),
    _rule("related-links", "end", r"\s*Sputnik Muhammad Maarouf Explosion in Damascus\Z", [FA_KES], ["sputnik"]),
    _rule(
        "credit-line",
        "end",
        r"\s*Source (?:TRTWorld and agencies|TRT World|AA|Reuters|AFP)\Z",
        [FA_KES],
        ["trt"],
    ),
    _rule("credit-line", "end", r"\s*\(Source: [^()]*\)\Z", [FA_KES], ["etilaf"]),
    _rule("credit-line", "end", r"\s*\([Ww]ith [^()]*\)\Z", [FA_KES], ["arabiya"]),
    _rule("credit-line", "end", r"\s*-+ ?(?:REUTERS|Reuters|AFP)\Z", [FA_KES], ["nna"]),
    _rule(
        "credit-line",
        "end",
        _AFTER_SENTENCE
        + r"\s+(?:(?:Additional )?[Rr]eporting by|[Ww]riting by|[Ee]diting by|Compiled by|Sources?: )[^\"“”]*\Z",
        [FA_KES],
        ["reuters"],
    ),
    _rule("credit-line", "end", _AFTER_SENTENCE + r"\s+Agencies contributed\Z", [FA_KES], ["alaraby"]),
    _rule("credit-line", "end", r"\s*Source SANA\Z", [FA_KES], ["manar"]),
    _rule("site-footer", "end", r"\s*WARNING GRAPHIC CONTENT\Z", [FA_KES], ["alalam"]),
    _rule("credit-line", "end", _AFTER_SENTENCE + rf"\s+{_ASHARQ_BYLINE}\.?\Z", [FA_KES], ["asharqalawsat"]),
    _rule(
        "credit-line",
        "end",
        _AFTER_SENTENCE + rf"\s+(?=[^\n]{{1,60}}\Z)(?:English [Bb]ulletin|{_SIGNATURE}(?:(?: ?/ ?| ){_SIGNATURE})*)\Z",
        [FA_KES],
        ["sana"],
    ),
    _rule(
        "credit-line",
        "end",
        _AFTER_SENTENCE + r"\s+(?=\S)(?:(?:SSH|MBMB|SHISHI|MRKDBA|NTJHH|OA|SA -)(?: \d{2,3}(?:-\d{2})?)?"
        r"|\d{2,3}(?:-\d{2})?)?(?: ?\([A-Z][\w -]{2,40}\))?\Z",
        [FA_KES],
        ["alalam"],
    ),
    # --- Wikinews and GUM (Wikinews articles): the dateline line ----------------------------
    _rule(
        "date-line",
        "start",
        rf"{_WEEKDAY}, {_MONTH} \d{{1,2}}, \d{{4}}[^\S\n]*(?:\n\s*|\Z)",
        ["wikinews", "gum-news"],
    ),
    # --- White House: a leading date line, end marks and transcript clock lines ---------------
    _rule("date-line", "start", rf"{_MONTH} \d{{1,2}}, \d{{4}}[^\S\n]*\n\s*", ["whitehouse-statements"]),
    _rule("end-mark", "inline", r"(?m)^#(?: ?#){2}[^\S\n]*(?:\n|\Z)", ["whitehouse-statements"]),
    _rule(
        "date-line",
        "inline",
        r"(?m)^(?:END )?\d{1,2}:\d{2} [AP]\.M\. [A-Z]{3}[^\S\n]*(?:\n|\Z)",
        ["whitehouse-statements"],
    ),
)


@dataclass(frozen=True)
class Removal:
    """A span of the normalised text to remove, and the rule (or ``headline-repeated``) that found it."""

    start: int
    end: int
    rule: str


def _applicable(source: str, outlet: str, position: str) -> list[BoilerplateRule]:
    return [r for r in RULES if r.position == position and r.applies(source, outlet)]


def find_boilerplate(text: str, source: str, outlet: str, headline: re.Pattern[str] | None = None) -> list[Removal]:
    """Return the boilerplate spans of ``text`` (and the body's copy of its headline), in text order.

    The start is peeled first: at the text's current start every ``start`` rule is tried, and
    ``headline`` (a copy of the article's headline, recorded as ``headline-repeated``); the first
    that matches is removed and the peeling starts over, until none matches. The end is peeled the
    same way with the ``end`` rules. ``inline`` rules then search what is left between the two
    (only its first ``window`` characters for a windowed rule); their matches do not overlap.

    Args:
        text: The text after the character rules.
        source: The article's source id.
        outlet: The article's outlet.
        headline: A pattern matching a copy of the headline at a given position, or None.

    Returns:
        Non-overlapping removals sorted by start.

    """
    removals: list[Removal] = []
    cursor, stop = 0, len(text)
    starts = [(r.name, r.pattern) for r in _applicable(source, outlet, "start")]
    if headline is not None:
        starts.insert(0, ("headline-repeated", headline))
    progressed = True
    while progressed and cursor < stop:
        progressed = False
        for name, pattern in starts:
            match = pattern.match(text, cursor, stop)
            if match and match.end() > cursor:
                removals.append(Removal(cursor, match.end(), name))
                cursor = match.end()
                progressed = True
                break
    ends = _applicable(source, outlet, "end")
    progressed = True
    while progressed and cursor < stop:
        progressed = False
        for rule in ends:
            match = rule.pattern.search(text, cursor, stop)
            if match and match.start() < stop:
                removals.append(Removal(match.start(), stop, rule.name))
                stop = match.start()
                progressed = True
                break
    taken: list[tuple[int, int]] = []
    for rule in _applicable(source, outlet, "inline"):
        limit = stop if rule.window is None else min(stop, cursor + rule.window)
        for match in rule.pattern.finditer(text, cursor, stop):
            if match.start() >= limit:
                break
            end = match.end() if rule.extent is None else rule.extent(text, match.end(), stop)
            if end is not None and end > match.start() and not any(s < end and match.start() < e for s, e in taken):
                taken.append((match.start(), end))
                removals.append(Removal(match.start(), end, rule.name))
    return sorted(removals, key=lambda r: r.start)
