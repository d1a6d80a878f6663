"""Compare the wordings of two GCM texts: Zero draft Rev 1 against the final GCM.

The notes 000 and 002 list, per wording, the paragraphs where a text uses it. Between the
two texts a wording can be **added** (only in the final text), **dropped** (only in the
draft, or listed there as "no more mentioned"), **kept** (same paragraphs) or
**renumbered** (in both, at other paragraphs: RCPs §44/§47/§48 → §47/§50/§52).

Wordings are matched across the texts by a normalised form (case, articles, "fora" and
"forums"), and, for what is left, by the mechanisms they name ("GFMD" in the draft is the
"Global Forum on Migration and Development" of the final text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Prefetch

from gcm.models import Reference, split_paragraph
from mechanisms.models import Mechanism


class Change:
    ADDED = "added"
    KEPT = "kept"
    RENUMBERED = "renumbered"
    DROPPED = "dropped"


@dataclass
class Wording:
    """One wording as one text uses it: its paragraphs and the references behind them.

    ``paragraphs`` and ``mechanism_ids`` are computed once, when first read (after the
    references are grouped): the pairing and the page read them for every row.
    """

    wording: str
    references: list[Reference] = field(default_factory=list)

    @cached_property
    def paragraphs(self) -> list[str]:
        found = {r.paragraph for r in self.references if r.paragraph}
        return sorted(found, key=paragraph_sort_key)

    @cached_property
    def mechanism_ids(self) -> frozenset[int]:
        return frozenset(m.pk for r in self.references for m in r.mechanism_list)

    @property
    def notes(self) -> list[str]:
        return [r.note for r in self.references if r.note]


@dataclass
class Comparison:
    """A wording's fate between the earlier and the later text."""

    before: Wording | None
    after: Wording | None

    @property
    def wording(self) -> str:
        return (self.after or self.before).wording

    @property
    def paragraphs_before(self) -> list[str]:
        return self.before.paragraphs if self.before else []

    @property
    def paragraphs_after(self) -> list[str]:
        return self.after.paragraphs if self.after else []

    @property
    def group(self) -> str:
        """The reference group (ISCMs, IGOs, ...) the later text files it under."""
        return (self.after or self.before).references[0].group

    @property
    def renamed(self) -> bool:
        """Both texts use it, worded differently ("GFMD" → "Global Forum on ...")."""
        return bool(
            self.before
            and self.after
            and self.before.wording.casefold() != self.after.wording.casefold()
        )

    @cached_property
    def change(self) -> str:
        before, after = self.paragraphs_before, self.paragraphs_after
        if not after:
            return Change.DROPPED
        if not before:
            # The draft may list a wording without paragraphs ("No more mentioned") that
            # the final text uses again: it is then back, i.e. added.
            return Change.ADDED
        if before == after:
            return Change.KEPT
        return Change.RENUMBERED

    @property
    def added_paragraphs(self) -> list[str]:
        """Paragraphs beyond the draft's count of occurrences (the final text uses it more)."""
        extra = len(self.paragraphs_after) - len(self.paragraphs_before)
        return self.paragraphs_after[-extra:] if extra > 0 and self.paragraphs_before else []


def paragraph_sort_key(paragraph: str) -> tuple[int, str]:
    try:
        return split_paragraph(paragraph)
    except ValueError:
        return (10_000, paragraph)


_ARTICLES = re.compile(r"\b(the|a|an)\b")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalise(wording: str) -> str:
    """The form wordings are matched by: "Existing global and regional fora" equals
    "existing global and regional forums"; "at global ... levels" equals "at the global ..."."""
    text = wording.casefold().replace("\\", "/")
    text = re.sub(r"\bfora\b", "forums", text)
    text = re.sub(r"\bprocesses\b", "process", text)
    text = _ARTICLES.sub(" ", text)
    return _NON_WORD.sub(" ", text).strip()


def group_wordings(references) -> dict[str, Wording]:
    """References of one text grouped by normalised wording, in first-seen order."""
    grouped: dict[str, Wording] = {}
    for ref in references:
        key = normalise(ref.wording)
        grouped.setdefault(key, Wording(ref.wording)).references.append(ref)
    return grouped


def prefetch_mechanism_ids() -> Prefetch:
    """The references' mechanisms as a list of bare rows: the pairing needs only their keys.

    Into a list (``to_attr``): a plain prefetch builds a queryset per reference to hold its
    rows, which cost more than the rest of the comparison.
    """
    return Prefetch("mechanisms", queryset=Mechanism.objects.only("pk"), to_attr="mechanism_list")


def compare_wordings(before_refs, after_refs) -> list[Comparison]:
    """Pair the wordings of two texts and say what became of each.

    ``before_refs``/``after_refs`` are the references of the earlier and the later text,
    with their mechanisms prefetched into ``mechanism_list`` (``prefetch_mechanism_ids``).
    The result lists the later text's wordings in its order, then what the earlier text had
    and the later one dropped.
    """
    before = group_wordings(before_refs)
    after = group_wordings(after_refs)
    pairs: dict[str, str] = {key: key for key in after if key in before}

    # Second pass: a wording on each side naming the same mechanisms, when that pairing
    # is unambiguous (exactly one candidate on each side).
    unpaired_before = [k for k in before if k not in pairs.values()]
    unpaired_after = [k for k in after if k not in pairs]
    for key_after in unpaired_after:
        mechanisms = after[key_after].mechanism_ids
        if not mechanisms:
            continue
        candidates = [k for k in unpaired_before if before[k].mechanism_ids == mechanisms]
        rivals = [k for k in unpaired_after if after[k].mechanism_ids == mechanisms]
        if len(candidates) == 1 and len(rivals) == 1:
            pairs[key_after] = candidates[0]
            unpaired_before.remove(candidates[0])

    comparisons = [Comparison(before.get(pairs.get(key, "")), after[key]) for key in after]
    comparisons += [Comparison(before[key], None) for key in before if key not in pairs.values()]
    return comparisons


def compare_documents(before_document, after_document) -> list[Comparison]:
    """Compare two texts' references as stored (a fixed number of queries)."""

    def refs(document):
        return (
            Reference.objects.filter(document=document)
            .prefetch_related(prefetch_mechanism_ids())
            .order_by("paragraph_number", "paragraph", "pk")
        )

    return compare_wordings(list(refs(before_document)), list(refs(after_document)))
