"""Where articles come from: pasted text files, saved web pages and database exports.

``list_sources(folder)`` lists one :class:`Source` per article: a ``.txt`` file; a saved
``.html``/``.htm`` page; or one row of a ``.csv``, ``.jsonl`` or ``.json`` export (the
manifest, ``manifest.csv``, is not an export). Export columns are read under their common
names (``EXPORT_FIELDS``); an export row's id is the file's stem and the row's own id column,
else a digest of its address or text, so ids stay the same when rows are added or reordered.
A row that cannot be read (no text, broken JSON, a repeated id) is a :class:`Source` with its
``problem`` set, so that it is listed as skipped with its row number.

``extract_html(html)`` takes a saved page apart with trafilatura (offline; it reads the
page's own metadata: ``<meta>`` tags, JSON-LD, the canonical link) and lists every block of
the page it left out (menus, sidebars, comments, footers, scripts) so that nothing is
dropped in silence.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from helpers.dates import header_date, parse_iso_date

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".csv", ".jsonl", ".json")
MANIFEST_NAME = "manifest.csv"
EXPORT_FIELDS = {
    "text": ("text", "body", "content", "full_text", "fulltext", "article", "story",
             "article_text", "maintext"),
    "headline": ("title", "headline", "heading"),
    "published": ("date", "published", "publish_date", "published_at", "publication_date",
                  "pub_date", "date_published", "datetime", "publishdate"),
    "url": ("url", "link", "canonical_url", "source_url", "permalink"),
    "outlet": ("source", "outlet", "media_name", "media", "publisher", "site_name", "sitename",
               "source_name", "publication", "domain"),
    "author": ("author", "authors", "byline", "creator", "writer"),
    "id": ("id", "article_id", "stories_id", "guid", "uuid", "doc_id", "document_id"),
}


@dataclass
class Source:
    """One article to read: a file, or a row of an export file."""

    article_id: str
    file: str
    kind: str  # "text", "html" or "export"
    path: Path | None = None
    row: int = 0  # the row's number in an export (1-based, header not counted)
    fields: dict[str, str] = field(default_factory=dict)
    problem: str = ""
    digest: str = ""  # of a file's bytes: the per-article cache's key sees the content

    @property
    def cache_identity(self) -> tuple:
        """What the per-article cache keys on: the content, not where the folder is."""
        return (self.article_id, self.file, self.kind, self.row, self.fields, self.problem,
                self.digest)


def _field(record: dict, name: str) -> str:
    """The value of an export field under any of its common column names."""
    lowered = {str(k).strip().lower(): v for k, v in record.items()}
    for key in EXPORT_FIELDS[name]:
        value = lowered.get(key)
        if isinstance(value, list):
            value = ", ".join(str(v.get("name", v)) if isinstance(v, dict) else str(v)
                              for v in value)
        elif isinstance(value, dict):
            value = value.get("name", "")
        if value not in (None, ""):
            return str(value).strip()
    return ""


def _digest(*parts: str) -> str:
    return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()[:12]


def _safe_id(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", value).strip("_")[:60]


def _export_records(path: Path) -> tuple[list[tuple[int, dict | None, str]], str]:
    """(row number, record or None, problem) per row of an export, and a file problem."""
    try:
        raw = path.read_text("utf-8-sig")
    except UnicodeDecodeError:
        return [], "is not UTF-8 text"
    if path.suffix == ".csv":
        reader = csv.DictReader(io.StringIO(raw), restval="")
        if not reader.fieldnames:
            return [], "is an empty CSV file"
        if not any(h and h.strip().lower() in EXPORT_FIELDS["text"] for h in reader.fieldnames):
            return [], ("has no text column (one of "
                        f"{', '.join(EXPORT_FIELDS['text'][:4])}, ...); it is not an export")
        return [(n, r, "has more values than the header has columns" if None in r else "")
                for n, r in enumerate(reader, start=1)], ""
    if path.suffix == ".jsonl":
        out = []
        for n, line in enumerate(raw.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                out.append((n, None, f"is not valid JSON ({exc.msg})"))
                continue
            out.append((n, record, "" if isinstance(record, dict) else "is not a JSON object"))
        return out, ""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        return [], f"is not valid JSON ({exc.msg}, line {exc.lineno})"
    if isinstance(data, dict):
        data = next((data[k] for k in ("articles", "data", "items", "results", "stories")
                     if isinstance(data.get(k), list)), [data])
    if not isinstance(data, list):
        return [], "holds neither a list of articles nor an object with one"
    return [(n, r, "" if isinstance(r, dict) else "is not a JSON object")
            for n, r in enumerate(data, start=1)], ""


def export_sources(path: Path) -> tuple[list[Source], str]:
    """One source per row of an export file, and a problem with the whole file."""
    records, problem = _export_records(path)
    if problem:
        return [], problem
    sources: list[Source] = []
    seen: dict[str, int] = {}
    noun = "line" if path.suffix == ".jsonl" else "row"
    for n, record, row_problem in records:
        fields = ({name: _field(record, name) for name in EXPORT_FIELDS}
                  if isinstance(record, dict) else {})
        key = _safe_id(fields.get("id", "")) or _digest(
            fields.get("url", "") or fields.get("headline", "") + fields.get("text", "")
        )
        article_id = f"{path.stem}-{key}"
        if not row_problem and not fields.get("text"):
            row_problem = "has no article text"
        if not row_problem and article_id in seen:
            row_problem = f"repeats the id of {noun} {seen[article_id]}"
        if not fields or article_id in seen:
            article_id = f"{path.stem}-{noun}{n}"  # no usable id of its own
        seen.setdefault(article_id, n)
        sources.append(Source(article_id, path.name, "export", path, n, fields,
                              f"{noun} {n} {row_problem}" if row_problem else ""))
    if not sources:
        return [], "has no rows"
    return sources, ""


def list_sources(folder: Path) -> tuple[list[Source], dict[str, str]]:
    """Every article source in ``folder`` (name order, then row order), and the problem of
    each export file that could not be read at all (by file name)."""
    sources: list[Source] = []
    bad_files: dict[str, str] = {}
    paths = sorted(p for p in folder.iterdir()
                   if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
                   and p.name != MANIFEST_NAME)
    for path in paths:
        suffix = path.suffix.lower()
        if suffix in (".txt", ".html", ".htm"):
            kind = "text" if suffix == ".txt" else "html"
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            sources.append(Source(path.stem, path.name, kind, path, digest=digest))
        else:
            rows, problem = export_sources(path)
            if problem:
                bad_files[path.name] = problem
            sources.extend(rows)
    return sources, bad_files


# ---------------------------------------------------------------- dates


_URL_DATE = re.compile(
    r"/(?P<y>(?:19|20)\d{2})[/-]?(?P<m>0[1-9]|1[0-2])[/-]?(?P<d>0[1-9]|[12]\d|3[01])(?:[/_.-]|$)"
)


def date_from_url(url: str) -> date | None:
    """The date an address carries in its path (``/2025/03/21/``, ``/20250321-``), if any."""
    match = _URL_DATE.search(re.sub(r"^[a-z]+://[^/]+", "", url or ""))
    if not match:
        return None
    try:
        return date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


def parse_any_date(value: str) -> date | None:
    """A date written as in exports and page metadata ("2025-03-21T10:00:00Z", "21 March
    2025", "03/21/2025 10:00 AM")."""
    value = (value or "").strip()
    if not value:
        return None
    iso = parse_iso_date(value[:10])
    if iso:
        return iso
    return header_date(value)[0]


# ---------------------------------------------------------------- saved web pages

_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "figcaption", "blockquote",
               "td", "th", "dt", "dd", "pre", "caption", "button", "label", "option"}
_CONTAINER_TAGS = {"div", "section", "aside", "nav", "footer", "header", "span", "a",
                   "article", "main", "form", "ul", "ol", "figure", "body"}


@dataclass
class ExtractedPage:
    """What a saved web page gives: its article text, metadata and the blocks left out."""

    text: str
    meta: dict[str, str]
    left_out: list[tuple[int, str, str]]  # (source line, text, reason)
    source_lines: dict[str, int]  # a block's normalised text -> its line in the file


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _page_blocks(html: str) -> tuple[list[tuple[int, str]], list[tuple[int, str, str]]]:
    """The text blocks of a page (source line, text) and its scripts and styles."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return [], []
    blocks: list[tuple[int, str]] = []
    code: list[tuple[int, str, str]] = []
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in ("script", "style", "noscript", "template"):
            size = len(element.text_content() or "")
            kind = "structured metadata (JSON-LD)" if "ld+json" in (element.get("type") or "") \
                else f"<{tag}> element ({size} characters of code, not article text)"
            code.append((element.sourceline or 0, f"<{tag}>", kind))
            continue
        if any(a.tag in ("script", "style") for a in element.iterancestors()):
            continue
        if tag in _BLOCK_TAGS:
            if not any(isinstance(d.tag, str) and d.tag in _BLOCK_TAGS
                       for d in element.iterdescendants()):
                text = _norm(element.text_content())
                if text:
                    blocks.append((element.sourceline or 0, text))
        elif tag in _CONTAINER_TAGS or tag == "title":
            own = _norm(" ".join([element.text or ""] + [c.tail or "" for c in element]))
            if own and not any(isinstance(a.tag, str) and a.tag in _BLOCK_TAGS
                               for a in element.iterancestors()):
                blocks.append((element.sourceline or 0, own))
    return blocks, code


def extract_html(html: str) -> ExtractedPage:
    """The article text of a saved page, its metadata and every block left out."""
    import trafilatura

    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                           include_tables=True, include_images=False)
    found = document.as_dict() if hasattr(document, "as_dict") else (document or {})
    text = (found.get("text") or "").strip() if found else ""
    meta = {
        "headline": found.get("title") or "",
        "author": found.get("author") or "",
        "published": found.get("date") or "",
        "outlet": found.get("sitename") or "",
        "url": found.get("url") or "",
    } if found else {}
    blocks, code = _page_blocks(html)
    kept = _norm(text)
    left_out = list(code)
    source_lines: dict[str, int] = {}
    for line_no, block in blocks:
        source_lines.setdefault(block, line_no)
        if block not in kept and block != meta.get("headline"):
            left_out.append((line_no, block, "left out by the web-page extractor (menu, "
                                             "sidebar, comments, caption or footer)"))
    left_out.sort()
    return ExtractedPage(text, {k: v for k, v in meta.items() if v}, left_out, source_lines)
