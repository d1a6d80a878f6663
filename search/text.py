"""Text helpers shared by both search back ends: folding, terms, and highlighted snippets."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.text import fold

WORD = re.compile(r"\w+", re.UNICODE)
# The commonest English stop words, which PostgreSQL's english configuration drops too.
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
    ]
)
SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "es", "ed", "s")


def stem(word: str) -> str:
    """A crude English stem, enough for "remittances" to find "remittance"."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def terms(query: str) -> list[str]:
    """The folded, stemmed words of a query, stop words left out, each once."""
    seen = []
    for word in WORD.findall(fold(query)):
        if word in STOP_WORDS or (len(word) < 2 and not word.isdigit()):
            continue
        s = stem(word)
        if s not in seen:
            seen.append(s)
    return seen


def highlight(text: str, query_terms: list[str], width: int = 220) -> SafeString:
    """An escaped excerpt of ``text`` around the first matching word, matches in <mark>.

    Words are compared folded and by prefix of their stem, so "migrants" marks "Migrants"
    and "migrant"; the offsets of the folded text map back to the original because folding
    is done character by character.
    """
    text = " ".join((text or "").split())
    if not text:
        return mark_safe("")  # noqa: S308  empty
    spans = []
    for match in WORD.finditer(text):
        word = fold(match.group())
        if any(word.startswith(t) or t.startswith(word) and len(word) >= 4 for t in query_terms):
            spans.append(match.span())
    start = 0
    if spans and len(text) > width:
        start = max(0, spans[0][0] - width // 3)
        # Start on a word boundary.
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else 0
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    parts = ["…" if start else ""]
    cursor = start
    for a, b in spans:
        if b <= start or a >= end:
            continue
        a, b = max(a, start), min(b, end)
        parts.append(escape(text[cursor:a]))
        parts.append(f"<mark>{escape(text[a:b])}</mark>")
        cursor = b
    parts.append(escape(text[cursor:end]))
    if end < len(text):
        parts.append("…")
    return mark_safe("".join(parts))  # noqa: S308  every part above is escaped
