"""Cleaning one pasted page: the article kept, its metadata read, every other line logged.

``clean_text(raw)`` judges each line by what it is, not by a list of sites:

- **Kinds of furniture** anywhere on the page (``helpers/data/furniture.csv``: captions with
  a photo or agency credit, share buttons, copyright, credit lines, promo blocks) and page
  controls (``helpers/data/interface_words.csv``): a short line mostly made of control words
  ("Sign in", "Play video", "Share on X"), a prompt that addresses the reader about the page
  ("Get the latest news straight to your inbox"), a line about the page itself ("This
  article is more than 3 months old", "4 min read"), media-player fragments ("0:00", "1x").
- **The article body** starts at the first line of prose (a sentence of 8+ words, with a
  share of function words typical of English text, as jusText's stopword density) that is
  followed by another prose line, so a lone video caption above the story is not its start.
  It ends at the last prose line that shares the article's vocabulary: trailing lines that do
  not talk about what the article talks about (outlet blurbs, market-data notices, donation
  appeals, other stories' headlines) are the page's footer.
- **The header** (lines above the body) gives the metadata: the date line (the earliest date
  printed there, in the shapes outlets use), the byline (``By ...``, a bare name under the
  headline, a staff or agency byline; roles, places and the outlet's name cut off), a kicker,
  and the headline: the first title-like line that shares words with the article (a menu
  item, a tagline or an interface string shares none). A standfirst (a longer line under the
  headline that shares the article's words) is kept as the body's first paragraph; every
  other header line is navigation.
- Inside the body, lines printed twice are captions, all-capital lines of four words or more
  are cross-links, and sub-headings are kept (marked as headings).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from helpers import text as textutil
from helpers.datafiles import read_data_text
from helpers.dates import header_date, parse_date_line
from helpers.regexes import fast_regex

_DATELINE = re.compile(
    r"^(?P<dateline>[A-Z][A-Z'.\- ]{1,30}[A-Z](?:,\s*[A-Z][A-Za-z.]+(?:\s+\d{1,2})?)?"
    r"(?:\s*\([A-Za-z .]+\))?)\s*[\u2013\u2014-]{1,2}\s+(?=\S)"
)
_NAME_WORD = r"(?:[A-Z][\w'\u2019.-]+|al-|bin|de|van|von|da|el-)"
_NAME = rf"[A-Z][\w'\u2019.-]+(?:\s+{_NAME_WORD}){{1,3}}"
_BARE_NAME = re.compile(rf"^{_NAME}$")
_STAFF_BIO = re.compile(r"^(?:The\s+)?([A-Z][\w&.'\u2019 -]{1,60}?\s(?:Staff|Desk|Newsroom))\b")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")
FUNCTION_WORDS = frozenset(
    "the of and to in a is that for on with as was by it at from his has have are be this "
    "an which not or its their he said were they had but been who will would".split()
)
_CONTENT_STOP = FUNCTION_WORDS | frozenset(
    "also after before over about into than then there these those them she her him its "
    "our your you what when where while more most some such only other could should can "
    "may might must new says say told just like how why all any one two three".split()
)
_QUOTE_MARKS = re.compile("[\"\u201c\u201d]")
_MEDIA_FRAGMENT = re.compile(r"\d+:\d{2}|\d+\s*%|^\d+(?:\.\d+)?x$|^[-\u2013/|\u2022·.]+$")
_HANDLE = re.compile(r"(?:^|\s)@\w+")


@dataclass
class _Furniture:
    line: list[tuple[re.Pattern, str]]
    short: list[tuple[re.Pattern, str]]
    block: list[tuple[re.Pattern, str]]
    promo: re.Pattern
    role: re.Pattern
    kicker: re.Pattern
    any_line: Callable[[str], bool]
    any_short: Callable[[str], bool]
    any_block: Callable[[str], bool]


@lru_cache(maxsize=1)
def furniture_patterns() -> _Furniture:
    """The compiled patterns of ``helpers/data/furniture.csv``."""
    raw = read_data_text("furniture.csv")
    rules: dict[str, list[tuple[re.Pattern, str]]] = {}
    for row in csv.DictReader(io.StringIO(raw)):
        rules.setdefault(row["scope"], []).append((re.compile(row["pattern"], re.I), row["reason"]))
    return _Furniture(
        line=rules.get("line", []),
        short=rules.get("short", []),
        block=rules.get("block", []),
        promo=rules["promo"][0][0],
        role=rules["role"][0][0],
        kicker=rules["kicker"][0][0],
        any_line=_any_of(rules.get("line", [])),
        any_short=_any_of(rules.get("short", [])),
        any_block=_any_of(rules.get("block", [])),
    )


def _any_of(rules: list[tuple[re.Pattern, str]]) -> Callable[[str], bool]:
    """A fast first test: does any of ``rules`` match the line?

    Patterns anchored with ``^`` are joined and tried at the line's start only; the others
    are joined and searched; one big search would try every anchored pattern everywhere.
    """
    anchored = [p.pattern[1:] for p, _ in rules if p.pattern.startswith("^")]
    floating = [p.pattern for p, _ in rules if not p.pattern.startswith("^")]
    at_start = re.compile("|".join(f"(?:{p})" for p in anchored) or "(?!)", re.I).match
    anywhere = fast_regex("|".join(f"(?:{p})" for p in floating) or "(?!)", re.I).search
    return lambda line: bool(at_start(line) or anywhere(line))


@dataclass(frozen=True)
class _Interface:
    control: re.Pattern
    reader: re.Pattern
    page_self: re.Pattern
    agency: re.Pattern
    staff: re.Pattern
    org_tail: re.Pattern
    with_agency: re.Pattern


@lru_cache(maxsize=1)
def interface_words() -> _Interface:
    """The word classes of ``helpers/data/interface_words.csv``, compiled as whole words."""
    rows = {r["kind"]: r["pattern"] for r in csv.DictReader(
        io.StringIO(read_data_text("interface_words.csv")))}

    def words(kind: str, flags: int = re.I) -> re.Pattern:
        return re.compile(rf"\b(?:{rows[kind]})\b", flags)

    return _Interface(
        control=words("interface"), reader=words("reader"), page_self=words("page_self"),
        agency=words("agency", 0), staff=words("staff"), org_tail=words("org_tail"),
        with_agency=re.compile(rf"[A-Z][\w .&'-]{{1,40}}\s+with\s+(?:{rows['agency']})", re.I),
    )


# ---------------------------------------------------------------- what a line is


def _n_words(line: str) -> int:
    return len(textutil.words(line))


def _is_prose(line: str, n_words: int | None = None) -> bool:
    """A line of running text: a sentence of 8+ words closed by . or !, or 30+ words.

    A short line closed by "?" is not prose: question headlines are common.
    """
    n = _n_words(line) if n_words is None else n_words
    closed = bool(_SENTENCE_END.search(line)) and not line.rstrip("\"'\u201d\u2019)]").endswith("?")
    return (n >= 8 and closed) or n >= 30 or (n >= 20 and bool(_SENTENCE_END.search(line)))


def function_share(line: str) -> float:
    """The share of a line's words that are common English function words."""
    tokens = [w.lower() for w in textutil.words(line)]
    return sum(w in FUNCTION_WORDS for w in tokens) / len(tokens) if tokens else 0.0


def content_words(line: str) -> set[str]:
    """The lower-case words of a line that carry its topic (no function words, 3+ letters)."""
    return {
        w for w in (t.lower().replace("\u2019", "'") for t in textutil.words(line))
        if len(w) >= 3 and not w.isdigit() and w not in _CONTENT_STOP
    } | {w[:-2] for w in (t.lower() for t in textutil.words(line)) if w.endswith(("'s", "\u2019s"))}


def _control_share(line: str, controls: re.Pattern) -> float:
    letters = sum(ch.isalpha() for ch in line)
    matched = sum(sum(ch.isalpha() for ch in m.group(0)) for m in controls.finditer(line))
    return matched / letters if letters else 1.0


_SEPARATOR = re.compile(r"\s(?:\||/|>|»|›)\s")


def interface_reason(line: str, n_words: int) -> str | None:
    """Why a line is a page control or a prompt to the reader, or None if it is not."""
    words = interface_words()
    if n_words <= 40 and len(_SEPARATOR.findall(line)) >= 2 and not _is_prose(line, n_words):
        return "menu, ticker or breadcrumb line (items between separators)"
    if n_words == 0 or sum(ch.isalpha() for ch in line) <= 1:
        return "interface fragment (no words)"
    if n_words <= 4 and _MEDIA_FRAGMENT.search(line) and not parse_date_line(line):
        return "media player control"
    if words.page_self.search(line) and (n_words <= 20 or words.control.search(line)):
        return "notice about the page itself"
    if n_words <= 6 and not _is_prose(line, n_words) and (
        _control_share(line, words.control) >= 0.5
    ):
        return "interface label (menu item, button or link)"
    if (
        n_words <= 60
        and not _QUOTE_MARKS.search(line)
        and (words.reader.search(line) or line.lower().startswith("please "))
        and words.control.search(line)
    ):
        return "prompt addressed to the reader"
    if n_words <= 30 and not _QUOTE_MARKS.search(line) and len(
        {m.group(0).lower() for m in words.control.finditer(line)}
    ) >= 4:
        return "interface text (made of page-control words)"
    return None


def _all_capitals(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 12 and sum(ch.isupper() for ch in letters) / len(letters) >= 0.85


def _title_like(line: str, n_words: int) -> bool:
    """A headline-shaped line: 3 to 40 words, no closing period, not a list of links."""
    if not 3 <= n_words <= 40 or line.endswith((".", ":", ",", ";")):
        return False
    return not line[:1].islower()


def _match_furniture(line: str, furniture: _Furniture, prose: bool, n_words: int) -> str | None:
    """The reason a line is furniture by the ``line`` and ``short`` patterns, or None."""
    if furniture.any_line(line):
        return next(reason for pattern, reason in furniture.line if pattern.search(line))
    if (not prose or n_words < 30) and furniture.any_short(line):
        return next(reason for pattern, reason in furniture.short if pattern.search(line))
    return None


def _norm_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _is_site_name(line: str, outlet: str, url: str) -> bool:
    key = _norm_key(line)
    if not key or _n_words(line) > 5:
        return False
    outlet_key = _norm_key(outlet)
    domain = re.sub(r"^(?:https?://)?(?:www\.)?", "", url.lower()).split("/")[0]
    domain_key = _norm_key(domain.rsplit(".", 1)[0]) if domain else ""
    return (bool(outlet_key) and (key == outlet_key or (len(key) >= 6 and key in outlet_key))) or (
        bool(domain_key) and key == domain_key
    )


# ---------------------------------------------------------------- bylines


def _strip_outlet(piece: str, outlet_names: set[str]) -> str:
    """``piece`` without a trailing outlet name ("Jane Doe Example News" -> "Jane Doe")."""
    tokens = piece.split()
    for cut in range(min(3, len(tokens) - 2), 0, -1):
        tail = " ".join(tokens[-cut:])
        if _norm_key(tail) in outlet_names or (
            cut >= 2 and interface_words().org_tail.fullmatch(tokens[-1].lower())
            and len(tokens) - cut >= 2
        ):
            return " ".join(tokens[:-cut])
    return piece


def byline_author(line: str, outlet_names: set[str] = frozenset()) -> str | None:
    """The author(s) a byline names, as printed, or None if the line is not a byline.

    Reads "By A and B", "By A, B and C, Outlet", "By A in City", "By A | Outlet", "by A -
    date", "By A, Senior Analyst, Department", "A Diplomatic editor", a staff byline ("Foreign
    Desk", "Agency Reporter") and a wire-agency byline ("AFP", "Staff with AFP").
    """
    words = interface_words()
    furniture = furniture_patterns()
    text = line.strip()
    has_by = bool(re.match(r"(?i)^(?:by|words by|written by|story by)\s+", text))
    text = re.sub(r"(?i)^(?:by|words by|written by|story by)\s+", "", text)
    text = re.split(r"\s+[|\u2022·]\s+|\s+[-\u2013\u2014]\s+", text)[0].strip(" ,")
    if not text or len(text) > 120 or _SENTENCE_END.search(text) and not has_by:
        return None
    if words.agency.fullmatch(text) or words.with_agency.fullmatch(text):
        return text
    tokens = text.split()
    if not has_by and words.control.search(text):
        return None
    if not has_by and (len(tokens) > 6 or any(t[:1].islower() and t not in ("and", "with")
                                             for t in tokens[:2])):
        return None
    names: list[str] = []
    for piece in re.split(r",\s*|\s+and\s+|\s+&\s+", text):
        piece = re.split(r"\s+in\s+[A-Z]", piece)[0].strip()
        if not piece:
            continue
        if not names and words.staff.search(piece):
            named = [w for w in piece.split() if not words.staff.fullmatch(w)
                     and not furniture.role.fullmatch(w)]
            if not named:
                return None  # "Staff writer" names nobody
            names.append(piece)  # a staff byline: "Foreign Desk", "Agency Reporter"
            break
        if role := furniture.role.search(piece):
            if names:
                break  # the role of the name before: "A, Foreign Reporter"
            before = piece[:role.start()].split()
            if len(before) >= 3 and before[-1][:1].isupper():
                before = before[:-1]  # "Helena Example Diplomatic editor"
            if len(before) >= 2 and _BARE_NAME.match(" ".join(before)):
                names.append(" ".join(before))
            break  # a role ends the names: "A, Senior Analyst, Iran and Gulf"
        piece = _strip_outlet(piece, outlet_names)
        if _BARE_NAME.match(piece) or (piece.isupper() and len(piece.split()) >= 2):
            names.append(piece)
        elif names and len(piece.split()) == 1:
            break  # a trailing outlet: "A and B, Example"
        else:
            return None
    if not names:
        return None
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def byline_name(line: str) -> str | None:
    """The author's name if the line is a byline ("By Jane Doe, Reuters" or a bare name)."""
    return byline_author(line)


# ---------------------------------------------------------------- cleaning


@dataclass
class CleanedText:
    """What cleaning one page text gives: metadata, kept paragraphs, removed lines."""

    headline: str = ""
    kicker: str = ""
    author: str = ""
    dateline: str = ""
    text_date: str = ""
    publisher: str = ""
    n_words_raw: int = 0
    paragraphs: list[str] = field(default_factory=list)
    headings: set[int] = field(default_factory=set)
    removed: list[tuple[int, str, str]] = field(default_factory=list)


class _Page:
    """The lines of one page with what each one is."""

    def __init__(self, raw: str):
        self.lines = [
            textutil.normalize_line(x)
            for x in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        ]
        self.nonblank = [i for i, line in enumerate(self.lines) if line]
        self.n_words = [_n_words(line) for line in self.lines]
        self.prose = [_is_prose(line, n) for line, n in zip(self.lines, self.n_words, strict=True)]
        self._mark_wrapped_prose()
        self.next_line = dict(zip(self.nonblank, self.nonblank[1:], strict=False))
        counts: dict[str, int] = {}
        for i in self.nonblank:
            counts[self.lines[i]] = counts.get(self.lines[i], 0) + 1
        self.count = counts
        # Lines printed twice in a row (blank lines between do not count).
        self.twice = set()
        for a, b in zip(self.nonblank, self.nonblank[1:], strict=False):
            if self.lines[a] == self.lines[b]:
                self.twice.update((a, b))


    def _mark_wrapped_prose(self) -> None:
        """Lines of a hard-wrapped paragraph (the next line goes on in lower case) are prose
        when the paragraph they make is."""
        i, n = 0, len(self.lines)
        while i < n:
            j = i
            while (j + 1 < n and self.lines[j] and self.lines[j + 1][:1].islower()
                   and not _SENTENCE_END.search(self.lines[j])):
                j += 1
            if j > i and _is_prose(" ".join(self.lines[i:j + 1])):
                for k in range(i, j + 1):
                    self.prose[k] = True
            i = j + 1


def _judge_line(page: _Page, i: int, furniture: _Furniture) -> str | None:
    """The reason line ``i`` is furniture wherever it stands, or None."""
    line = page.lines[i]
    found = _match_furniture(line, furniture, page.prose[i], page.n_words[i])
    if not found and furniture.any_block(line) and (
        not page.prose[i] or furniture.promo.search(line)
    ):
        found = next(r for p, r in furniture.block if p.search(line))
    return found or interface_reason(line, page.n_words[i])


def _body_start(page: _Page, judged: dict[int, str]) -> int:
    """The first prose line, unless a run of page controls follows it before the next
    prose line: a video's caption above a player's controls is not the story's start."""
    candidates = [i for i in page.nonblank if i not in judged]
    prose = [i for i in candidates if page.prose[i]]
    if not prose:
        return len(page.lines)
    for i, nxt in zip(prose, [*prose[1:], None], strict=True):
        between = sum(1 for j in page.nonblank if i < j < (nxt or i) and j in judged)
        if page.n_words[i] >= 40 or nxt is None or between < 4:
            return i
    return prose[0]


def _is_metadata(page: _Page, i: int, outlet_names: set[str]) -> bool:
    """A date line or a byline (with "By", a staff byline, or a name above its bio)."""
    line = page.lines[i]
    if page.prose[i]:
        return False
    if header_date(line)[0]:
        return True
    author = byline_author(line, outlet_names)
    if not author:
        return False
    nxt = page.next_line.get(i)
    return line.lower().startswith("by ") or bool(interface_words().staff.search(author)) or (
        nxt is not None and (bool(_HANDLE.search(page.lines[nxt]))
                             or bool(furniture_patterns().role.search(page.lines[nxt])))
    )


def _after_metadata(page: _Page, start: int, judged: dict[int, str],
                    outlet_names: set[str]) -> int:
    """The body's start moved below a date line or byline printed under the standfirst (a
    prose-shaped standfirst or caption is no first paragraph when the byline follows it)."""
    prose_seen, last_meta = 0, None
    for i in (j for j in page.nonblank if j >= start):
        if i not in judged and page.prose[i]:
            prose_seen += 1
            if prose_seen > 2:
                break
        elif _is_metadata(page, i, outlet_names):
            last_meta = i
    if last_meta is None:
        return start
    return next((i for i in page.nonblank if i > last_meta and i not in judged
                 and page.prose[i]), start)


def _coherent(words: set[str], vocabulary: dict[str, int]) -> bool:
    """Does a line with these content words talk about what the article talks about?"""
    if not words:
        return False
    shared = sum(1 for w in words if vocabulary.get(w, 0) > 0)
    return (shared >= 2 and shared / len(words) >= 0.25) or shared / len(words) >= 0.5


_CLOSING = re.compile(
    r"copyright|tag list|link list|credit line|author|newsletter|sponsored|donation|"
    r"outlet writing about itself|promo|footer"
)


def _body_end(page: _Page, start: int, judged: dict[int, str]) -> int:
    """The article's last line.

    The lines from the body's start are cut into runs at furniture lines. Walking back from
    the page's last run, a run stays in the article when no closing kind of furniture
    (copyright, tags, credits, link lists, bios, sign-up blocks) stands before it, or when
    one of its prose lines shares the words of the prose above it; the walk never drops
    more than half the prose. Trailing blurbs behind the footer that do not talk about the
    article (outlet notices, market-data notes, appeals) are left out; a closing paragraph on
    a new subject, or one after a mid-story caption or "Read more" link, stays.
    """
    runs: list[list[int]] = [[]]
    closed: list[bool] = [False]  # has a closing kind of furniture come before the run?
    for i in (j for j in page.nonblank if j >= start):
        if i in judged:
            ends = bool(_CLOSING.search(judged[i])) or closed[-1]
            if runs[-1]:
                runs.append([])
                closed.append(ends)
            else:
                closed[-1] = ends
        else:
            runs[-1].append(i)
    keep = [k for k, run in enumerate(runs) if any(page.prose[i] for i in run)]
    closed = [closed[k] for k in keep]
    runs = [runs[k] for k in keep]
    if not runs:
        return start
    prose = [i for run in runs for i in run if page.prose[i]]
    vocabulary: dict[str, int] = {}
    words = {i: content_words(page.lines[i]) for i in prose}
    for i in prose:
        for w in words[i]:
            vocabulary[w] = vocabulary.get(w, 0) + 1
    must_keep = prose[(len(prose) - 1) // 2]
    for run, after_close in zip(reversed(runs), reversed(closed), strict=True):
        run_prose = [i for i in run if page.prose[i]]
        if run_prose[0] <= must_keep or not after_close:
            return run_prose[-1]
        rest = dict(vocabulary)
        for i in run_prose:
            for w in words[i]:
                rest[w] -= 1
        if any(_coherent(words[i], rest) for i in run_prose):
            return run_prose[-1]
        vocabulary = rest
    return prose[-1]


_BIO_VERB = re.compile(
    r"^\W*(?:is|was|has|covers|covered|reports|reported|writes|wrote|contributed|joined|"
    r"is based|edits|leads|heads)\b"
)


def _byline_names(page: _Page, outlet_names: set[str]) -> set[str]:
    """The authors' full names and surnames from the page's "By ..." lines."""
    names: set[str] = set()
    for i in page.nonblank:
        if page.lines[i].lower().startswith("by ") and page.n_words[i] <= 20:
            author = byline_author(page.lines[i], outlet_names) or ""
            for name in re.split(r",\s*|\s+and\s+", author):
                if len(name.split()) >= 2:
                    names.update({name.casefold(), name.split()[-1].casefold()})
    return names


def _author_bio(line: str, authors: set[str]) -> str | None:
    """A line about the story's author: the name alone, or a sentence on their beat."""
    low = line.casefold()
    if low in authors and " " in low:
        return "author name (above an author bio)"
    for name in authors:
        if low.startswith(name) and _BIO_VERB.match(line[len(name):]) and (
            furniture_patterns().role.search(line)
            or re.search(r"\b(?:covers|based in|reported)\b", line)
        ):
            return "author bio"
    return None


def _outlet_names(page: _Page, outlet: str, url: str) -> set[str]:
    """Normalised names the page uses for its outlet: short lines and the manifest's."""
    names = {_norm_key(outlet)} if outlet else set()
    if url:
        names.add(_norm_key(re.sub(r"^(?:https?://)?(?:www\.)?", "", url).split("/")[0]
                            .rsplit(".", 1)[0]))
    for i in page.nonblank:
        if page.n_words[i] <= 3 and not page.prose[i]:
            names.add(_norm_key(page.lines[i]))
    return {n for n in names if n}


def _pick_headline(page: _Page, header: list[int], vocabulary: dict[str, int],
                   taken: dict[int, str]) -> int | None:
    """The headline among the title-like header lines.

    It shares the article's words (a site name, a tagline or a menu item shares few or
    none): the first line of four words or more that shares at least 60% as many as the
    best line does, or that stands right above the byline, the date line or a standfirst
    (which shares more words than the headline, being longer).
    """
    candidates = [i for i in header if i not in taken and _title_like(page.lines[i],
                                                                        page.n_words[i])]
    if not candidates:
        return None
    shared = {i: sum(1 for w in content_words(page.lines[i]) if vocabulary.get(w))
              for i in candidates}
    best = max(shared.values())
    if best < 2:
        return candidates[0]

    def anchored(i: int) -> bool:
        nxt = page.next_line.get(i)
        while nxt is not None and "caption" in taken.get(nxt, ""):
            nxt = page.next_line.get(nxt)
        if nxt is None:
            return False
        if taken.get(nxt, "").startswith("date line") or byline_author(page.lines[nxt]):
            return True
        return page.n_words[nxt] >= 6 and shared.get(nxt, 0) >= 2 or (
            nxt not in taken and _coherent(content_words(page.lines[nxt]), vocabulary)
            and page.n_words[nxt] > page.n_words[i]
        )

    def good(i: int, n_min: int) -> bool:
        return page.n_words[i] >= n_min and shared[i] >= 2 and (
            shared[i] >= best * 0.6 or anchored(i)
        )

    return next((i for i in candidates if good(i, 4)),
                next((i for i in candidates if good(i, 1)), candidates[0]))


def clean_text(raw: str, outlet: str = "", url: str = "") -> CleanedText:
    """Split page text into metadata, article paragraphs and removed lines (with reasons)."""
    furniture = furniture_patterns()
    page = _Page(raw)
    lines, n_words, prose = page.lines, page.n_words, page.prose
    result = CleanedText(n_words_raw=sum(n_words))
    outlet_names = _outlet_names(page, outlet, url)

    judged: dict[int, str] = {}
    authors = _byline_names(page, outlet_names)
    for i in page.nonblank:
        found = _judge_line(page, i, furniture) or _author_bio(page.lines[i], authors)
        if found:
            judged[i] = found
    for i in page.nonblank:
        nxt = page.next_line.get(i)
        if i not in judged and nxt in judged and "photo" in judged[nxt] and (
            page.n_words[nxt] <= 25 and page.lines[nxt].startswith(("(", "Photo", "Image"))
        ):
            judged[i] = "photo caption (above its credit line)"
    start = _after_metadata(page, _body_start(page, judged), judged, outlet_names)
    end = _body_end(page, start, judged)
    body_prose = [i for i in page.nonblank if start <= i <= end and prose[i] and i not in judged]
    vocabulary: dict[str, int] = {}
    for i in body_prose[:12]:
        for w in content_words(lines[i]):
            vocabulary[w] = vocabulary.get(w, 0) + 1

    reason: dict[int, str] = {}
    header = [i for i in page.nonblank if i < start]
    _read_header(page, header, judged, vocabulary, outlet, url, outlet_names, result, reason)
    _read_body(page, start, end, judged, reason, furniture)
    _read_footer(page, end, judged, reason, result, outlet_names)
    _paragraphs(page, reason, result)
    result.publisher = next((name for i, why in sorted(reason.items())
                             if why == "copyright notice" and (name := publisher_name(lines[i]))),
                            "")
    return result


_COPYRIGHT_WORDS = re.compile(
    r"(?i)copyright|\(c\)|©|\ball rights reserved\b.*|\b(?:19|20)\d{2}\b|:")


def publisher_name(line: str) -> str:
    """The publisher a copyright notice names ("© 2025 Example Media Ltd. All rights
    reserved." gives "Example Media Ltd"), or "" when it names none."""
    for part in reversed(line.split("©")):
        text = _COPYRIGHT_WORDS.sub(" ", part)
        text = re.split(r"\.\s|,\s|\s[|/-]\s", text.strip())[0].strip(" .,")
        text = re.sub(r"\s+", " ", text)
        if 1 <= len(text.split()) <= 6 and text[:1].isupper():
            return text
    return ""


def _read_header(page: _Page, header: list[int], judged: dict[int, str],
                 vocabulary: dict[str, int], outlet: str, url: str, outlet_names: set[str],
                 result: CleanedText, reason: dict[int, str]) -> None:
    """Metadata out of the lines above the body; a standfirst stays, the rest is furniture."""
    lines, furniture = page.lines, furniture_patterns()
    dates: list[tuple[date, int]] = []
    for i in header:
        found, rest = header_date(lines[i])
        if found and not page.prose[i]:
            dates.append((found, i))
            reason[i] = "date line (moved to metadata)"
            if rest.lower().startswith("by ") and not result.author and (
                author := byline_author(rest, outlet_names)
            ):
                result.author = author
    if dates:
        result.text_date = min(dates)[0].isoformat()
    for i in header:
        if i in reason:
            continue
        line = lines[i]
        if not result.kicker and furniture.kicker.search(line):
            result.kicker = line
            reason[i] = "kicker (moved to metadata)"
        elif _is_site_name(line, outlet, url):
            reason[i] = "site name"
        elif i in page.twice and page.n_words[i] <= 4 and byline_author(line, outlet_names):
            continue  # a byline printed twice, read below
        elif i in page.twice and (i in judged or not _title_like(line, page.n_words[i])):
            reason[i] = "photo caption (printed twice)"
        elif i in judged:
            reason[i] = judged[i]
    headline = _pick_headline(page, header, vocabulary, reason)
    if headline is not None:
        result.headline = lines[headline]
        reason[headline] = "headline (moved to metadata)"
        for i in header:
            if i != headline and i not in reason and lines[i] == result.headline:
                reason[i] = "headline (printed twice)"
    for i in header:
        if i in page.twice and i not in reason and not byline_author(lines[i], outlet_names):
            reason[i] = "photo caption (printed twice)"
    after_headline = headline if headline is not None else -1
    standfirst = _standfirst(page, header, after_headline, reason, vocabulary)
    by_pending = False
    for i in header:
        if i in reason:
            continue
        line, n = lines[i], page.n_words[i]
        if re.fullmatch(r"(?i)by:?", line):
            by_pending = True
            reason[i] = "author byline (moved to metadata)"
            continue
        author = byline_author(("By " if by_pending else "") + line, outlet_names) if (
            i > after_headline or line.lower().startswith("by ") or by_pending) else None
        by_pending = False
        if author and not result.author:
            result.author = author
            reason[i] = "author byline (moved to metadata)"
        elif author and author == result.author:
            reason[i] = "author byline (printed twice)"
        elif result.author and furniture.role.search(line) and n <= 15 and not page.prose[i]:
            reason[i] = "author bio"
        elif _HANDLE.search(line) and n <= 8:
            reason[i] = "author bio (social media handle)"
        elif i in standfirst:
            continue  # a standfirst: kept as the body's first paragraph
        else:
            reason[i] = "navigation or label in the page header"


def _standfirst(page: _Page, header: list[int], headline: int, taken: dict[int, str],
                vocabulary: dict[str, int]) -> set[int]:
    """The lines right under the headline that sum the story up (6+ words, its vocabulary)."""
    found: set[int] = set()
    if headline < 0:
        return found
    for i in (j for j in header if j > headline):
        if i in taken and "caption" in taken[i]:
            continue
        if i in taken or page.n_words[i] < 6 or not _coherent(
            content_words(page.lines[i]), vocabulary
        ):
            break
        found.add(i)
    return found


def _read_body(page: _Page, start: int, end: int, judged: dict[int, str],
               reason: dict[int, str], furniture: _Furniture) -> None:
    """Furniture between the first and last article lines; promo blocks run to prose."""
    lines, prose = page.lines, page.prose
    in_block = False
    for i in range(start, min(end + 1, len(lines))):
        line = lines[i]
        if not line or i in reason:
            continue
        block_reason = (
            next(r for p, r in furniture.block if p.search(line))
            if furniture.any_block(line)
            else None
        )
        is_promo = bool((block_reason or in_block) and furniture.promo.search(line))
        if block_reason and not (prose[i] and not is_promo):
            reason[i] = block_reason
            in_block = True
        elif in_block and (is_promo or not prose[i]):
            reason[i] = "inside a promo block"
        elif i in judged:
            reason[i] = judged[i]
            in_block = False
        elif i in page.twice and page.n_words[i] < 40:
            reason[i] = "photo caption (printed twice)"
        elif not prose[i] and _all_capitals(line) and page.n_words[i] >= 4:
            reason[i] = "cross-link in capitals"
        else:
            in_block = False


def _read_footer(page: _Page, end: int, judged: dict[int, str], reason: dict[int, str],
                 result: CleanedText, outlet_names: set[str]) -> None:
    """Everything after the article's last line: link lists, bios, notices, the footer."""
    lines, furniture = page.lines, furniture_patterns()
    for i in (j for j in page.nonblank if j > end and j not in reason):
        line = lines[i]
        if i in judged:
            reason[i] = judged[i]
        elif block := next((r for p, r in furniture.block if p.search(line)), None):
            reason[i] = block
        elif not result.text_date and parse_date_line(line):
            result.text_date = parse_date_line(line).isoformat()
            reason[i] = "date line (moved to metadata)"
        elif byline_author(line, outlet_names) and page.n_words[i] <= 4:
            reason[i] = "author name in the footer"
        elif furniture.role.search(line) and not _QUOTE_MARKS.search(line):
            reason[i] = "author bio"
        elif _title_like(line, page.n_words[i]):
            reason[i] = "link to another story (after the article's end)"
        else:
            reason[i] = "page footer (after the article's end)"
    # A staff bio ("The Example News Staff is a team of journalists") names the author.
    if not result.author:
        result.author = next(
            (m.group(1) for i, why in sorted(reason.items())
             if "bio" in why and (m := _STAFF_BIO.match(lines[i]))),
            "",
        )


def _paragraphs(page: _Page, reason: dict[int, str], result: CleanedText) -> None:
    """Kept lines as paragraphs: soft-wrapped lines joined, the dateline taken off."""
    lines = page.lines
    kept = [i for i in page.nonblank if i not in reason]
    paragraphs: list[str] = []
    for pos, i in enumerate(kept):
        line = lines[i]
        joins = (
            paragraphs
            and pos > 0
            and kept[pos - 1] == i - 1
            and not _SENTENCE_END.search(paragraphs[-1])
            and line[:1].islower()
        )
        if joins:
            paragraphs[-1] += " " + line
            continue
        if not result.dateline and page.prose[i] and len(paragraphs) <= 1 and (
            m := _DATELINE.match(line)
        ):
            result.dateline = m.group("dateline").strip()
            result.removed.append((i + 1, m.group(0).strip(), "dateline (moved to metadata)"))
            line = line[m.end():]
        paragraphs.append(line)
    for k, para in enumerate(paragraphs):
        nxt = paragraphs[k + 1] if k + 1 < len(paragraphs) else ""
        closed = para.rstrip("\"'\u201d\u2019)]").endswith((".", "!", ":", ";", ","))
        if not closed and _n_words(para) <= 14 and nxt:
            result.headings.add(k)
    result.paragraphs = paragraphs
    result.removed.extend((i + 1, lines[i], r) for i, r in reason.items())
    result.removed.sort()
