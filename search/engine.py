"""Ranked search over every kind of record, one registry of kinds, two back ends.

PostgreSQL: full text with English stemming over unaccented text (``SearchVector`` /
``SearchQuery`` / ``SearchRank``), plus trigram word similarity on each kind's title so a
small typo still finds it. Elsewhere (SQLite): every word of the query, folded (case and
accents) and crudely stemmed, must occur in one of the kind's fields; the rank counts
weighted field hits. Both rank inside the database and read one page per kind.

A new kind plugs in with one ``register(SearchKind(...))`` call (see ``search/kinds.py``).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, Greatest

from core.text import Fold, fold
from search.text import highlight, terms

MAX_QUERY_LENGTH = 200
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}
TRIGRAM_THRESHOLD = 0.62


@dataclass(frozen=True)
class Related:
    """Rows of another table that find their parent: a mechanism's former names."""

    queryset: Callable[[], QuerySet]
    parent: str  # the foreign key to the kind's model
    fields: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class SearchKind:
    key: str
    label: str
    plural: str
    queryset: Callable[[], QuerySet]
    fields: tuple[tuple[str, str], ...]  # (path, weight A–D); the first is the title field
    title: Callable[[object], str]
    url: Callable[[object], str]
    snippet: Callable[[object], str] = lambda obj: ""
    context: Callable[[object], str] = lambda obj: ""
    # The title as HTML where part of it may be English on a French or Spanish page (marked
    # "not translated"); ``title`` stays plain text for sorting and the API.
    title_html: Callable[[object], str] | None = None
    related: tuple[Related, ...] = ()
    # Matches the database cannot see (a State's ISO name lives in django-countries): a Q
    # for the query, ranked as a title hit.
    matches_also: Callable[[str], Q] | None = None
    order: int = 100


KINDS: dict[str, SearchKind] = {}


def register(kind: SearchKind) -> SearchKind:
    KINDS[kind.key] = kind
    return kind


def kinds() -> list[SearchKind]:
    from search import kinds as _registered  # noqa: F401  (fills KINDS)

    return sorted(KINDS.values(), key=lambda k: (k.order, k.key))


@dataclass
class Hit:
    kind: SearchKind
    obj: object
    rank: float
    title: str = ""
    title_html: str = ""
    url: str = ""
    snippet: str = ""
    context: str = ""


@dataclass
class KindResult:
    kind: SearchKind
    total: int
    hits: list[Hit] = field(default_factory=list)


# --- back ends -------------------------------------------------------------------------


class IndexedFold(Fold):
    """``Fold`` through ``iscm_fold()``, which the search migration (0001) declares
    IMMUTABLE on PostgreSQL (``unaccent`` itself is only STABLE), so the GIN expression
    indexes over it can serve the search."""

    def as_postgresql(self, compiler, connection, **extra):
        return Func.as_sql(
            self, compiler, connection, template="iscm_fold(%(expressions)s::text)", **extra
        )


def search_vector(fields):
    """The weighted document of a kind's fields, as the search and its indexes spell it."""
    from django.contrib.postgres.search import SearchVector

    vector = None
    for path, weight in fields:
        part = SearchVector(IndexedFold(F(path)), weight=weight, config="english")
        vector = part if vector is None else vector + part
    return vector


class AnyOf(Func):
    """``expression = ANY(ARRAY(subquery))`` (PostgreSQL): the subquery runs once, and the
    condition is an index lookup, so it can sit in an OR beside the indexed matches (an
    ``EXISTS`` there makes the planner read and fold every row)."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra):
        lhs, lhs_params = compiler.compile(self.source_expressions[0])
        sub, sub_params = compiler.compile(self.source_expressions[1])
        return f"{lhs} = ANY(ARRAY{sub})", (*lhs_params, *sub_params)


def _postgres(query: str):
    from django.contrib.postgres.lookups import TrigramWordSimilar
    from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity

    search_query = SearchQuery(fold(query), config="english", search_type="websearch")
    folded = " ".join(terms(query))
    # Typos are forgiven on real words only: short fragments are similar to everything.
    fuzzy = bool(folded) and max(len(t) for t in terms(query)) >= 4

    def annotate(queryset, fields):
        # Both conditions are served by the GIN indexes of search/migrations/0001: the
        # document by its tsvector index, the typo by the title's trigram index (``%>``
        # is word_similarity >= pg_trgm's threshold, 0.6, below ours).
        title = IndexedFold(F(fields[0][0]))
        condition = Q(_doc=search_query)
        if fuzzy:
            similarity = TrigramWordSimilarity(Value(folded), title)
            condition |= Q(TrigramWordSimilar(title, Value(folded)), _sim__gte=TRIGRAM_THRESHOLD)
        else:
            similarity = Value(0.0, output_field=FloatField())
        queryset = queryset.alias(_doc=search_vector(fields), _sim=similarity)
        rank = SearchRank(F("_doc"), search_query) + Case(
            When(_sim__gte=TRIGRAM_THRESHOLD, then=F("_sim") * Value(0.5)),
            default=Value(0.0),
            output_field=FloatField(),
        )
        return queryset, condition, rank

    return annotate


def _fallback(query: str):
    words = terms(query)

    def annotate(queryset, fields):
        aliases = {f"_f{i}": Fold(F(path)) for i, (path, _) in enumerate(fields)}
        queryset = queryset.alias(**aliases)
        condition = Q()
        rank = Value(0.0, output_field=FloatField())
        for word in words:
            any_field = Q()
            for i, (_, weight) in enumerate(fields):
                hit = Q(**{f"_f{i}__contains": word})
                any_field |= hit
                rank = rank + Case(
                    When(hit, then=Value(WEIGHTS[weight])),
                    default=Value(0.0),
                    output_field=FloatField(),
                )
            condition &= any_field
        if not words:
            condition = Q(pk__in=[])
        return queryset, condition, rank

    return annotate


def _backend(query: str):
    return _postgres(query) if connection.vendor == "postgresql" else _fallback(query)


def ranked(kind: SearchKind, query: str):
    """The kind's matching rows as a queryset annotated ``search_rank``, best first."""
    annotate = _backend(query)
    queryset, condition, rank = annotate(kind.queryset().order_by(), kind.fields)
    for related in kind.related:
        sub, sub_condition, sub_rank = annotate(
            related.queryset().order_by().filter(**{related.parent: OuterRef("pk")}),
            related.fields,
        )
        sub = sub.filter(sub_condition)
        if connection.vendor == "postgresql":
            rows, rows_condition, _ = annotate(related.queryset().order_by(), related.fields)
            parents = rows.filter(rows_condition).values(related.parent)
            condition |= Q(AnyOf(F("pk"), Subquery(parents)))
        else:
            condition |= Exists(sub)
        best = sub.annotate(_r=sub_rank).order_by("-_r").values("_r")[:1]
        rank = Greatest(rank, Coalesce(Subquery(best, output_field=FloatField()), Value(0.0)))
    if kind.matches_also is not None and (also := kind.matches_also(query)) is not None:
        condition |= also
        rank = rank + Case(
            When(also, then=Value(WEIGHTS["A"])), default=Value(0.0), output_field=FloatField()
        )
    return queryset.filter(condition).annotate(search_rank=rank).order_by("-search_rank", "pk")


def search_kind(kind: SearchKind, query: str, *, offset: int = 0, limit: int = 5) -> KindResult:
    """One page of one kind: two queries (ids with the total, then the records)."""
    rows = list(
        ranked(kind, query)
        .annotate(search_total=Window(Count("pk")))
        .values_list("pk", "search_rank", "search_total")[offset : offset + limit]
    )
    if not rows:
        total = ranked(kind, query).count() if offset else 0
        return KindResult(kind=kind, total=total)
    objects = kind.queryset().in_bulk([pk for pk, _, _ in rows])
    query_terms = terms(query)
    hits = []
    for pk, rank, _ in rows:
        obj = objects.get(pk)
        if obj is None:
            continue
        hits.append(
            Hit(
                kind=kind,
                obj=obj,
                rank=float(rank or 0),
                title=kind.title(obj),
                title_html=kind.title_html(obj) if kind.title_html else "",
                url=kind.url(obj),
                snippet=highlight(kind.snippet(obj), query_terms),
                context=kind.context(obj),
            )
        )
    return KindResult(kind=kind, total=rows[0][2], hits=hits)


def search_all(query: str, *, per_kind: int = 5, only: list[str] | None = None):
    """Each kind's best ``per_kind`` hits and total, kinds with hits first in registry order."""
    results = [
        search_kind(kind, query, limit=per_kind)
        for kind in kinds()
        if only is None or kind.key in only
    ]
    return [r for r in results if r.total]


def search_merged(query: str, *, offset: int, limit: int, only: list[str] | None = None):
    """One page of hits ranked across kinds, and the total.

    The page is exact: every kind's first ``offset + limit`` hits are enough to know the
    merged ranking's first ``offset + limit``.
    """
    per_kind = [
        search_kind(kind, query, limit=offset + limit)
        for kind in kinds()
        if only is None or kind.key in only
    ]
    total = sum(r.total for r in per_kind)
    hits = sorted(
        (h for r in per_kind for h in r.hits),
        key=lambda h: (-h.rank, h.kind.order, h.title),
    )
    return hits[offset : offset + limit], total
