"""The corpus step: read a folder of article texts, clean them, split their sentences.

``load_corpus(folder)`` returns a :class:`Corpus` with three tables (``articles``,
``removed``, ``sentences``; columns in DESIGN.md) and ``messages``, one plain sentence per
problem found. Nothing is dropped in silence: a file that cannot be analysed is an
``articles`` row with ``status="skipped"`` and its ``problem``; every line taken out of a
body is a ``removed`` row with its reason (blank lines are not counted).

Cleaning one page (metadata out of the header, furniture out, the article kept) is
``helpers/cleaning.py``; this module reads the folder, the manifest and each file's bytes,
finds duplicates and builds the tables.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import text as textutil
from helpers.cleaning import FUNCTION_WORDS, _norm_key, clean_text
from helpers.dates import parse_iso_date
from helpers.parallel import map_items
from helpers.sources import (
    ARTICLE_SUFFIXES,
    Source,
    date_from_url,
    extract_html,
    list_sources,
    parse_any_date,
)

ARTICLE_COLUMNS = [
    "article_id",
    "file",
    "outlet",
    "url",
    "headline",
    "kicker",
    "author",
    "dateline",
    "published",
    "published_source",
    "language",
    "status",
    "problem",
    "n_lines_removed",
    "body",
    "headline_source",
    "encoding",
    "n_words_raw",
    "n_words_clean",
    "n_sentences",
    "manifest_note",
    "published_evidence",
    "outlet_source",
    "duplicate_of",
    "syndicated",
    "source_row",
]
REMOVED_COLUMNS = ["article_id", "line_no", "text", "reason"]
SENTENCE_COLUMNS = [
    "article_id",
    "sentence_idx",
    "text",
    "paragraph_idx",
    "start",
    "end",
    "is_heading",
]
MANIFEST_NAME = "manifest.csv"
NEAR_DUPLICATE_JACCARD = 0.9

_ENGLISH_FUNCTION_WORDS = FUNCTION_WORDS


class CorpusError(ValueError):
    """A problem that stops the whole corpus step (missing folder, no articles)."""


@dataclass
class Corpus:
    """The cleaned corpus: three tables and the problems found, one sentence each."""

    articles: pd.DataFrame
    removed: pd.DataFrame
    sentences: pd.DataFrame
    messages: list[str] = field(default_factory=list)

    @property
    def ok_articles(self) -> pd.DataFrame:
        """The articles that were analysed (status ``ok``)."""
        return self.articles[self.articles["status"] == "ok"]


# ---------------------------------------------------------------- reading files


def decode_bytes(data: bytes) -> tuple[str | None, str, str]:
    """Decode a file's bytes: (text or None, encoding used, problem or "")."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", ""
        except UnicodeDecodeError:
            return None, "", "starts like UTF-16 text but does not decode as UTF-16"
    if b"\x00" in data or _control_share(data) > 0.05:
        return None, "", "is a binary file, not text"
    try:
        return data.decode("utf-8-sig"), "utf-8", ""
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None, "", "is not UTF-8 and no other encoding fits it unambiguously"
    non_ascii = {ch for ch in text if ord(ch) > 127}
    typical = set("\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00a0") | {
        chr(c) for c in range(0xC0, 0x100)
    }
    if non_ascii <= typical:
        return text, "cp1252", "is not UTF-8; decoded as Windows-1252 (its only fitting encoding)"
    return None, "", "is not UTF-8 and no other encoding fits it unambiguously"


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def _control_share(data: bytes) -> float:
    sample = data[:4096]
    if not sample:
        return 0.0
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / len(sample)


_LETTER = re.compile(r"[^\W\d_]")
_NON_LATIN_LETTER = re.compile(r"[^\W\d_A-Za-z\u00C0-\u024F]")


def detect_language(text: str, tokens: list[str] | None = None) -> tuple[str, str]:
    """("en", "") for English text, else ("und", a plain reason).

    ``tokens`` are the text's lower-case words when the caller has them already.
    """
    non_latin = _NON_LATIN_LETTER.findall(text)
    n_letters = len(_LETTER.findall(text)) if non_latin or not tokens else len(non_latin) + 1
    if not n_letters:
        return "und", "has no words to analyse"
    if len(non_latin) / n_letters > 0.3:
        script = _main_script(non_latin)
        return "und", f"is not in English (mostly {script} script); only English is analysed"
    if tokens is None:
        tokens = [w.lower() for w in textutil.words(text)]
    if len(tokens) >= 20:
        share = sum(1 for w in tokens if w in _ENGLISH_FUNCTION_WORDS) / len(tokens)
        if share < 0.12:
            return "und", "does not read as English (too few English function words)"
    return "en", ""


def _main_script(letters: list[str]) -> str:
    ranges = [
        ("Arabic", 0x0600, 0x06FF),
        ("Cyrillic", 0x0400, 0x04FF),
        ("Hebrew", 0x0590, 0x05FF),
        ("CJK", 0x4E00, 0x9FFF),
        ("Greek", 0x0370, 0x03FF),
    ]
    counts = {name: sum(1 for ch in letters if lo <= ord(ch) <= hi) for name, lo, hi in ranges}
    best = max(counts, key=counts.get)
    return best if counts[best] else "non-Latin"


# ---------------------------------------------------------------- manifest


def read_manifest(folder: Path, file_names: set[str]) -> tuple[dict[str, dict], list[str]]:
    """Manifest rows by file name, and one message per broken row.

    A row shorter than the header is read with empty values for the missing columns
    (spreadsheets drop trailing empty fields); a longer one is ignored. A problem with the
    row of a file that is in the folder is also kept under ``_problem`` for that article.
    """
    path = folder / MANIFEST_NAME
    if not path.exists():
        return {}, []
    messages: list[str] = []
    try:
        raw = path.read_text("utf-8-sig")
    except UnicodeDecodeError:
        return {}, [f"{MANIFEST_NAME} is not UTF-8 text; it was ignored."]
    reader = csv.DictReader(io.StringIO(raw), restval="")
    if not reader.fieldnames or "file" not in reader.fieldnames:
        return {}, [f"{MANIFEST_NAME} has no 'file' column; it was ignored."]
    rows: dict[str, dict] = {}
    for row in reader:
        line_no = reader.line_num
        name = (row.get("file") or "").strip()
        problem = ""
        if not name:
            messages.append(f"{MANIFEST_NAME} row {line_no} names no file; it was ignored.")
            continue
        if None in row:
            problem = (
                f"has more values than the header has columns in {MANIFEST_NAME} row {line_no}"
            )
        elif name in rows and "_row" in rows[name]:
            problem = f"is listed again in {MANIFEST_NAME} row {line_no}; the first row was kept"
        if problem:
            messages.append(f"{name} {problem}.")
            rows.setdefault(name, {})["_problem"] = problem
            continue
        rows[name] = {k: (v or "").strip() for k, v in row.items()} | rows.get(name, {})
        rows[name]["_row"] = str(line_no)
    for name in sorted(set(rows) - file_names):
        if "_row" in rows[name]:
            messages.append(
                f"{MANIFEST_NAME} row {rows[name]['_row']} names '{name}', "
                "which is not in the folder."
            )
    return rows, messages


# ---------------------------------------------------------------- cleaning


def sentence_rows(article_id: str, paragraphs: list[str], headings: set[int]) -> list[dict]:
    """One row per sentence of the body (paragraphs joined by blank lines)."""
    rows = []
    offset = 0
    for k, para in enumerate(paragraphs):
        bullet = len(para) - len(textutil.strip_bullet(para))
        spans = [(0, len(para))] if k in headings else textutil.sentence_spans(para)
        for a, b in spans:
            a = max(a, bullet) if a == 0 else a
            rows.append(
                {
                    "article_id": article_id,
                    "sentence_idx": len(rows),
                    "text": para[a:b],
                    "paragraph_idx": k,
                    "start": offset + a,
                    "end": offset + b,
                    "is_heading": k in headings,
                }
            )
        offset += len(para) + 2
    return rows


# ---------------------------------------------------------------- duplicates


def _shingles(tokens: list[str], size: int = 5) -> set[int]:
    """Hashes of the overlapping five-word sequences of lower-case ``tokens``."""
    if len(tokens) < size:
        return {zlib.crc32(" ".join(tokens).encode())}
    codes = np.fromiter(
        (zlib.crc32(w.encode()) for w in tokens), dtype=np.uint64, count=len(tokens)
    )
    mixed = np.zeros(len(tokens) - size + 1, dtype=np.uint64)
    for k in range(size):
        mixed = mixed * np.uint64(1000003) + codes[k : len(codes) - size + 1 + k]
    return set(mixed.tolist())


_BANDS, _ROWS = 8, 4
_MIX = np.random.default_rng(20241107).integers(1, 2**31, size=(2, _BANDS * _ROWS), dtype=np.uint64)


def _band_keys(shingles: set[int]) -> list[tuple[int, ...]]:
    """MinHash band keys (8 bands of 4): texts sharing 90% of their shingles meet in a band
    with probability above 0.999; texts sharing 10% almost never do."""
    values = np.fromiter(shingles, dtype=np.uint64)
    hashed = (values[:, None] * _MIX[0] + _MIX[1]) % np.uint64(4294967311)
    mins = hashed.min(axis=0).tolist()
    return [(band, *mins[band * _ROWS : (band + 1) * _ROWS]) for band in range(_BANDS)]


@dataclass(frozen=True)
class Fingerprint:
    """What duplicate detection needs of a body: an exact digest, shingles, band keys."""

    digest: str
    shingles: frozenset[int]
    bands: tuple[tuple[int, ...], ...]


def fingerprint(body: str, tokens: list[str]) -> Fingerprint:
    """The fingerprint of a cleaned body and its lower-case words."""
    shingles = _shingles(tokens)
    return Fingerprint(
        digest=hashlib.sha256(_norm_key(body).encode()).hexdigest(),
        shingles=frozenset(shingles),
        bands=tuple(_band_keys(shingles)),
    )


def find_duplicates(prints: dict[str, Fingerprint]) -> dict[str, tuple[str, float]]:
    """For each article repeating an earlier one (name order): (that one's id, shared share).

    Candidates are earlier articles sharing at least two of the eight MinHash bands (a pair
    sharing 90% of its shingles does so with probability 0.997, one sharing half of them with
    probability 0.1) whose shingle counts are within 90% of each other; the exact share of
    shingles then decides.
    """
    found: dict[str, tuple[str, float]] = {}
    exact: dict[str, str] = {}
    buckets: dict[tuple, list[str]] = {}
    for article_id in sorted(prints):
        current = prints[article_id]
        if current.digest in exact:
            found[article_id] = (exact[current.digest], 1.0)
            continue
        exact[current.digest] = article_id
        shared_bands = Counter(other for key in current.bands for other in buckets.get(key, ()))
        size = len(current.shingles)
        best = None
        for other in sorted(o for o, n in shared_bands.items() if n >= 2):
            other_set = prints[other].shingles
            if min(size, len(other_set)) < NEAR_DUPLICATE_JACCARD * max(size, len(other_set)):
                continue
            share = len(current.shingles & other_set) / len(current.shingles | other_set)
            if share >= NEAR_DUPLICATE_JACCARD and (best is None or share > best[1]):
                best = (other, share)
        if best:
            found[article_id] = best
            continue
        for key in current.bands:
            buckets.setdefault(key, []).append(article_id)
    return found


# ---------------------------------------------------------------- the step


def _read_source(source: Source, row: dict, problems: list[str]):
    """The text to clean for one source, page metadata, blocks left out, or a skip reason.

    Returns (raw text or None, metadata, left-out blocks, source lines, skip problem).
    """
    if source.kind == "export":
        meta = {k: v for k, v in source.fields.items() if k != "text" and v}
        return source.fields.get("text", ""), meta, [], {}, ""
    data = source.path.read_bytes()
    if not data:
        return None, {}, [], {}, "is empty"
    raw, row["encoding"], problem = decode_bytes(data)
    if raw is None:
        return None, {}, [], {}, problem
    if problem:
        problems.append(problem)
    if not raw.strip():
        return None, {}, [], {}, "has only white space"
    if source.kind == "html":
        page = extract_html(raw)
        if not page.text:
            return None, page.meta, page.left_out, {}, (
                "is a web page in which the extractor found no article text")
        return page.text, page.meta, page.left_out, page.source_lines, ""
    return raw, {}, [], {}, ""


def _article_row(source: Source, manifest_row: dict) -> tuple[dict, list, list, Fingerprint | None]:
    """Read and clean one source: its articles row, removed lines, sentences, fingerprint."""
    article_id = source.article_id
    row = {c: "" for c in ARTICLE_COLUMNS}
    row.update(
        article_id=article_id,
        file=source.file,
        source_row=source.row or "",
        status="ok",
        n_lines_removed=0,
        n_words_raw=0,
        n_words_clean=0,
        n_sentences=0,
        published_source="unknown",
        syndicated=False,
    )
    row["manifest_note"] = manifest_row.get("note", "")
    problems: list[str] = [manifest_row["_problem"]] if manifest_row.get("_problem") else []
    if source.problem:
        return _skip(row, source.problem, problems), [], [], None

    raw, meta, left_out, source_lines, skip = _read_source(source, row, problems)
    for key in ("outlet", "url"):
        row[key] = manifest_row.get(key, "") or meta.get(key, "")
    row["outlet_source"] = (
        "manifest" if manifest_row.get("outlet") else source.kind if row["outlet"] else "")
    removed = [(article_id, line_no, text, why) for line_no, text, why in left_out]
    if raw is None:
        return _skip(row, skip, problems), removed, [], None
    cleaned = clean_text(raw, row["outlet"], row["url"])
    row["n_words_raw"] = cleaned.n_words_raw
    body = "\n\n".join(cleaned.paragraphs)
    removed += [(article_id, source_lines.get(" ".join(text.split()), line_no) if source_lines
                 else line_no, text, why) for line_no, text, why in cleaned.removed]
    if not row["outlet"] and cleaned.publisher:
        row["outlet"], row["outlet_source"] = cleaned.publisher, "copyright line"
    row.update(
        kicker=cleaned.kicker,
        author=meta.get("author") or cleaned.author,
        dateline=cleaned.dateline,
        body=body,
        n_lines_removed=len(removed),
    )
    tokens = [w.lower() for w in textutil.words(body)]
    row["n_words_clean"] = len(tokens)
    headline = manifest_row.get("headline") or meta.get("headline")
    row["headline"], row["headline_source"] = (
        (headline, "manifest" if manifest_row.get("headline") else source.kind)
        if headline
        else (cleaned.headline, "text" if cleaned.headline else "")
    )
    _set_published(row, manifest_row.get("published", ""), meta.get("published", ""),
                   cleaned.text_date, source.kind, problems)

    row["language"], language_problem = detect_language(body or raw, tokens if body else None)
    if language_problem:
        return _skip(row, language_problem, problems), removed, [], None
    if not body.strip():
        return (
            _skip(row, "has no article text left once page furniture is removed", problems),
            removed,
            [],
            None,
        )
    sentences = sentence_rows(article_id, cleaned.paragraphs, cleaned.headings)
    row["n_sentences"] = len(sentences)
    row["problem"] = "; ".join(problems)
    return row, removed, sentences, fingerprint(body, tokens)


def _set_published(row: dict, manifest_date: str, meta_date: str, text_date: str, kind: str,
                   problems: list[str]) -> None:
    """The publication date: the manifest's, the page's or export's own, the text's date
    line, then the date in the address; ``published_source`` says which."""
    if manifest_date and parse_iso_date(manifest_date):
        row["published"], row["published_source"] = manifest_date, "manifest"
        return
    if manifest_date:
        problems.append(
            f"has a malformed manifest date '{manifest_date}' (not YYYY-MM-DD), which was ignored"
        )
    found = parse_any_date(meta_date) if meta_date else None
    if meta_date and not found:
        problems.append(f"has a date '{meta_date}' that could not be read, which was ignored")
    if found:
        row["published"], row["published_source"] = found.isoformat(), kind
    elif text_date:
        row["published"], row["published_source"] = text_date, "text"
    elif (from_url := date_from_url(row["url"])) is not None:
        row["published"], row["published_source"] = from_url.isoformat(), "url"


def _other_outlet(row: dict, first: dict) -> bool:
    """Did another outlet run this copy? Both outlets must be known and differ."""
    return bool(row["outlet"] and first["outlet"]) and _norm_key(row["outlet"]) != _norm_key(
        first["outlet"]
    )


def _skip(row: dict, problem: str, earlier: list[str] | None = None) -> dict:
    row["status"] = "skipped"
    row["problem"] = "; ".join([*(earlier or []), problem])
    return row


def _infer_missing_dates(rows: list[dict], sentences: dict[str, list[dict]]) -> None:
    """Date an analysed article that has neither a manifest date nor a date line from the
    dated references in its text (``published_source="inferred"``), else leave it unknown."""
    from helpers.timeline import infer_published

    for row in rows:
        if row["status"] != "ok" or row["published"]:
            continue
        found, evidence = infer_published([s["text"] for s in sentences[row["article_id"]]])
        row["published_evidence"] = evidence
        if found:
            row["published"], row["published_source"] = found.isoformat(), "inferred"


def load_corpus(folder: str | Path, workers: int = 1) -> Corpus:
    """Read, clean and split every article of ``folder``: ``.txt`` files, saved ``.html``
    pages and the rows of ``.csv``/``.jsonl``/``.json`` exports (name order, then rows)."""
    folder = Path(folder)
    if not folder.exists():
        raise CorpusError(f"The articles folder {folder} does not exist.")
    if not folder.is_dir():
        raise CorpusError(f"The articles folder {folder} is a file, not a folder.")
    sources, bad_files = list_sources(folder)
    if not sources and not bad_files:
        raise CorpusError(
            f"The articles folder {folder} has no article files "
            f"({', '.join(ARTICLE_SUFFIXES)})."
        )
    manifest, messages = read_manifest(folder, {s.file for s in sources})
    messages += [f"{name} {problem}; it was skipped." for name, problem in bad_files.items()]

    results = map_items(
        _article_row,
        [(s, manifest.get(s.file, {}) if s.kind != "export" else {}) for s in sources],
        workers,
    )
    rows = [r[0] for r in results]
    removed = [x for r in results for x in r[1]]
    sentences = {r[0]["article_id"]: r[2] for r in results}

    prints = {r[0]["article_id"]: r[3] for r in results if r[3] is not None}
    by_id = {r["article_id"]: r for r in rows}
    for article_id, (original, share) in find_duplicates(prints).items():
        row, first = by_id[article_id], by_id[original]
        if _other_outlet(row, first):
            row["duplicate_of"] = original
            row["syndicated"] = first["syndicated"] = True
            continue
        kind = "an exact" if share == 1.0 else f"a near ({share:.0%} shared word sequences)"
        _skip(
            row,
            f"is {kind} duplicate of {by_id[original]['file']}"
            + (f" row {by_id[original]['source_row']}" if by_id[original]["source_row"] else ""),
            [row["problem"]] if row["problem"] else [],
        )
        sentences[article_id] = []

    _infer_missing_dates(rows, sentences)

    for name, manifest_row in sorted(manifest.items()):
        if "_row" in manifest_row and not (folder / name).is_file():
            row = {c: "" for c in ARTICLE_COLUMNS}
            row.update(
                article_id=Path(name).stem,
                file=name,
                outlet=manifest_row.get("outlet", ""),
                url=manifest_row.get("url", ""),
                n_lines_removed=0,
                n_words_raw=0,
                n_words_clean=0,
                n_sentences=0,
                published_source="unknown",
            )
            rows.append(_skip(row, f"is listed in {MANIFEST_NAME} but the file is missing"))

    for row in rows:
        if row["status"] == "skipped":
            messages.append(f"{row['file']} {row['problem']}; it was skipped.")
        elif row["problem"]:
            messages.append(f"{row['file']} {row['problem']}.")
    articles = pd.DataFrame(rows, columns=ARTICLE_COLUMNS).sort_values("file", kind="stable")
    return Corpus(
        articles=articles.reset_index(drop=True),
        removed=pd.DataFrame(removed, columns=REMOVED_COLUMNS),
        sentences=pd.DataFrame(
            [s for r in rows for s in sentences.get(r["article_id"], [])], columns=SENTENCE_COLUMNS
        ),
        messages=messages,
    )


# ---------------------------------------------------------------- views for the notebook


def story_once(frame: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """``frame`` without the rows of syndicated copies (articles with a ``duplicate_of``):
    a wire story run by several outlets counts once in actor, quote, stance and timeline
    totals, while outlet tables keep every copy for its outlet."""
    copies = set(articles.loc[articles["duplicate_of"].fillna("").astype(str) != "",
                              "article_id"])
    if not copies:
        return frame
    return frame[~frame["article_id"].isin(copies)].reset_index(drop=True)


def syndication_groups(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per syndicated copy: the first article, the copy, and their outlets."""
    copies = articles[articles["duplicate_of"].fillna("").astype(str) != ""]
    outlets = dict(zip(articles["article_id"], articles["outlet"], strict=True))
    return pd.DataFrame(
        {"first_article": copies["duplicate_of"].tolist(),
         "first_outlet": [outlets.get(a, "") for a in copies["duplicate_of"]],
         "copy": copies["article_id"].tolist(), "copy_outlet": copies["outlet"].tolist()},
        columns=["first_article", "first_outlet", "copy", "copy_outlet"],
    )


def overview(corpus: Corpus) -> pd.DataFrame:
    """One line per file: where it is from, its metadata and what cleaning did to it."""
    a = corpus.articles
    return pd.DataFrame(
        {
            "article_id": a["article_id"],
            "outlet": a["outlet"],
            "published": a["published"],
            "date from": a["published_source"],
            "kicker": a["kicker"],
            "headline": a["headline"],
            "author": a["author"],
            "dateline": a["dateline"],
            "status": a["status"],
            "words before": a["n_words_raw"],
            "words after": a["n_words_clean"],
            "lines removed": a["n_lines_removed"],
            "sentences": a["n_sentences"],
        }
    )


def removal_summary(removed: pd.DataFrame) -> pd.DataFrame:
    """Removed lines counted by reason (rows) and article (columns)."""
    if removed.empty:
        return pd.DataFrame()
    table = removed.pivot_table(
        index="reason", columns="article_id", values="line_no", aggfunc="count", fill_value=0
    )
    table["total"] = table.sum(axis=1)
    return table.sort_values(["total"], ascending=False, kind="stable")


def plot_cleaning(articles: pd.DataFrame, most: int = 30):
    """Bar chart of words per article before and after cleaning (analysed articles); with
    more than ``most`` articles, the ``most`` that lost the largest share of their words."""
    import matplotlib.pyplot as plt

    ok = articles[articles["status"] == "ok"]
    title = "Words per article before and after removing page furniture"
    if len(ok) > most:
        lost = 1 - ok["n_words_clean"] / ok["n_words_raw"].clip(lower=1)
        ok = ok.assign(_lost=lost).sort_values(["_lost", "article_id"], ascending=[False, True])
        title += f"\n(the {most} of {len(lost):,} articles that lost the largest share)"
        ok = ok.head(most)
    fig, ax = plt.subplots(figsize=(7, 0.5 + 0.45 * max(len(ok), 1)))
    y = range(len(ok))
    ax.barh(
        [v + 0.2 for v in y], ok["n_words_raw"], height=0.4, label="pasted page", color="#bbbbbb"
    )
    ax.barh(
        [v - 0.2 for v in y], ok["n_words_clean"], height=0.4, label="cleaned body", color="#3b6ea5"
    )
    ax.set_yticks(list(y), [f"{r.article_id[:12]} ({r.outlet})" for r in ok.itertuples()])
    ax.invert_yaxis()
    ax.set_xlabel("words")
    ax.set_title(title)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), ncol=2, frameon=False)
    fig.tight_layout()
    return fig


def summary_line(corpus: Corpus) -> str:
    """One line for the report index."""
    a = corpus.articles
    n_ok = int((a["status"] == "ok").sum())
    return (
        f"{len(a)} files: {n_ok} analysed, {len(a) - n_ok} skipped; "
        f"{len(corpus.sentences)} sentences; {len(corpus.removed)} lines removed."
    )
