"""Regular-expression speed-ups shared by the steps (framing, timeline).

``fast_regex`` compiles a pattern behind a lookahead for the characters its matches can start
with, and ``literal_starts`` reads the plain text every match begins with, so that callers can
skip text cheaply. Both read the pattern with Python's own parser (``re._parser``); when a
pattern cannot be read they give up (the plain pattern, or None), so results never change,
only speed.
"""

from __future__ import annotations

import re

try:  # how Python parses a pattern, read to speed patterns up (fast_regex, literal_starts)
    from re import _constants, _parser
except ImportError:  # Python 3.10
    import sre_constants as _constants
    import sre_parse as _parser

_CLASS_CATEGORIES = {
    _constants.CATEGORY_DIGIT: r"\d",
    _constants.CATEGORY_NOT_DIGIT: r"\D",
    _constants.CATEGORY_SPACE: r"\s",
    _constants.CATEGORY_NOT_SPACE: r"\S",
    _constants.CATEGORY_WORD: r"\w",
    _constants.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = (_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT)
_REPEATS = tuple(
    getattr(_constants, name)
    for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
    if hasattr(_constants, name)
)
_ATOMIC_GROUP = getattr(_constants, "ATOMIC_GROUP", None)
# The characters other than ASCII letters that match an ASCII letter when case is ignored
# ("ſ" matches "s"); str.lower() does not turn them into that letter.
_FOLDS = {"i": "\u0130\u0131", "s": "\u017f", "k": "\u212a"}
FOLDS_TO_ASCII = re.compile("[" + "".join(_FOLDS.values()) + "]")


def _first_chars(items, flags: int) -> tuple[set[tuple], bool] | None:
    """The first characters of the matches of a parsed sequence, as class items ("char",
    code, caseless), ("range", (low, high), caseless) or ("category", escape, caseless), and
    whether the sequence can match nothing; None when that cannot be told."""
    found: set[tuple] = set()
    for op, av in items:
        caseless = bool(flags & re.IGNORECASE)
        if op in _ZERO_WIDTH:
            continue
        if op is _constants.LITERAL:
            found.add(("char", av, caseless))
            return found, False
        if op is _constants.IN:
            for kind, value in av:
                if kind is _constants.LITERAL:
                    found.add(("char", value, caseless))
                elif kind is _constants.RANGE:
                    found.add(("range", value, caseless))
                elif kind is _constants.CATEGORY and value in _CLASS_CATEGORIES:
                    found.add(("category", _CLASS_CATEGORIES[value], caseless))
                else:  # a negated class or an unusual category
                    return None
            return found, False
        if op is _constants.BRANCH:
            alternatives = [_first_chars(alternative, flags) for alternative in av[1]]
        elif op is _constants.SUBPATTERN:
            _, add_flags, del_flags, sub = av
            alternatives = [_first_chars(sub, (flags | add_flags) & ~del_flags)]
        elif op is _ATOMIC_GROUP:
            alternatives = [_first_chars(av, flags)]
        elif op in _REPEATS:
            inner = _first_chars(av[2], flags)
            alternatives = [inner and (inner[0], inner[1] or av[0] == 0)]
        else:  # any character, a back reference, ...
            return None
        if any(alternative is None for alternative in alternatives):
            return None
        for chars, _ in alternatives:
            found |= chars
        if not any(empty for _, empty in alternatives):
            return found, False
    return found, True


def _class_text(item: tuple) -> tuple[str, bool]:
    """The class text of an item of _first_chars, and whether case must still be ignored:
    ASCII characters matched case-blind are written out with their other case and folds."""
    kind, value, caseless = item
    if kind == "category":
        return value, False
    low, high = (value, value) if kind == "char" else value
    if caseless and high < 128:
        chars = {chr(code) for code in range(low, high + 1)}
        chars |= {
            variant
            for char in chars
            for variant in (char.lower(), char.upper(), *_FOLDS.get(char.lower(), ""))
        }
        return "".join(f"\\U{ord(char):08x}" for char in sorted(chars)), False
    text = f"\\U{low:08x}" + (f"-\\U{high:08x}" if high != low else "")
    return text, caseless


def fast_regex(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)`` led by a lookahead for the characters a match can start
    with: the same matches (a lookahead consumes nothing and every match starts with one of
    those characters), found faster, because the regex engine leaves a position after one
    test instead of trying every alternative there. The characters are read from the parsed
    pattern; when they cannot be (a pattern that may match nothing, or that can start with
    any character or a negated class), the pattern is compiled as it is."""
    try:
        parsed = _parser.parse(pattern, flags)
        first = None if parsed.state.flags & re.LOCALE else _first_chars(parsed, parsed.state.flags)
    except (re.error, AttributeError, TypeError, ValueError):
        first = None
    if first is None or first[1] or not first[0]:
        return re.compile(pattern, flags)
    texts = [_class_text(item) for item in first[0]]
    exact = "".join(sorted(text for text, caseless in texts if not caseless))
    caseless = "".join(sorted(text for text, caseless in texts if caseless))
    starts = "|".join(
        ([f"(?-i:[{exact}])"] if exact else []) + ([f"(?i:[{caseless}])"] if caseless else [])
    )
    try:
        return re.compile(f"(?={starts})(?:{pattern})", flags)
    except re.error:  # e.g. global flags inside the pattern
        return re.compile(pattern, flags)


def literal_starts(pattern: str) -> frozenset[str] | None:
    """The lower-cased ASCII text one of which starts every match of ``pattern`` ("regimes?"
    -> {"regime"}, "(?:air|drone) strike" -> {"air", "drone"}); None when there is none."""
    try:
        return _starts_of(_parser.parse(pattern))
    except (re.error, AttributeError, TypeError, ValueError):
        return None


def _starts_of(items) -> frozenset[str] | None:
    prefix = ""
    for op, av in items:
        if op is _constants.LITERAL and av < 128:
            prefix += chr(av).lower()
        elif prefix:
            break
        elif op in _ZERO_WIDTH:
            continue
        elif op is _constants.SUBPATTERN:
            return _starts_of(av[3])
        elif op is _constants.BRANCH:
            branches = [_starts_of(branch) for branch in av[1]]
            return None if None in branches else frozenset().union(*branches)
        else:
            return None
    return frozenset([prefix]) if prefix else None
