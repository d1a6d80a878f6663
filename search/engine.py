"""Ranked search over every kind of record, one registry of kinds, two back ends.

PostgreSQL: full text with English stemming over unaccented text (``SearchVector`` /
``SearchQuery`` / ``SearchRank``), plus trigram word similarity on each kind's title so a
small typo still finds it. The tables that grow keep the weighted document in a stored
column (``SearchKind.document``, search/migrations/0002), so neither the match nor the rank
recomputes it. Elsewhere (SQLite): every word of the query, folded (case and accents) and
crudely stemmed, must occur in one of the kind's fields; the rank counts weighted field
hits. Both rank inside the database and read one page per kind.

Bounded work per kind: each way a record can match (its document, its title's trigrams,
another table's rows, ``matches_also``) gives at most ``SEARCH_DEPTH + 1`` candidates, the
first by id, and only the candidates are ranked and counted. A kind that matches more says
so (``KindResult.capped``: "more than 1,000") and pages through its best-ranked
``SEARCH_DEPTH``; below that the results are exactly the full ranking's.

A new kind plugs in with one ``register(SearchKind(...))`` call (see ``search/kinds.py``).
"""

from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db import connection, transaction
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
from django.db.models.expressions import Col, Expression
from django.db.models.functions import Coalesce, Greatest

from core.text import Fold, IndexedFold, fold
from search.text import highlight, terms

MAX_QUERY_LENGTH = 200
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}
TRIGRAM_THRESHOLD = 0.62
# Per kind and per way of matching, the candidates ranked; past it a kind is "capped".
SEARCH_DEPTH = 1000


@dataclass(frozen=True)
class Related:
    """Rows of another table that find their parent: a mechanism's former names."""

    queryset: Callable[[], QuerySet]
    parent: str  # the foreign key to the kind's model
    fields: tuple[tuple[str, str], ...]
    document: str | None = None  # as SearchKind.document


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
    # PostgreSQL: the column holding ``search_vector(fields)``, kept by a trigger
    # (search/migrations/0002); None: the document is computed from the fields.
    document: str | None = None


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
    total: int  # the hits one can page through: at most SEARCH_DEPTH
    hits: list[Hit] = field(default_factory=list)
    capped: bool = False  # more than SEARCH_DEPTH records match

    @property
    def count_label(self) -> str:
        """The total as a page shows it: "25", or "more than 1000" for a capped kind."""
        from django.utils.translation import gettext

        if self.capped:
            return gettext("more than %(count)s") % {"count": self.total}
        return str(self.total)


# --- back ends -------------------------------------------------------------------------


class StoredColumn(Expression):
    """A column of the queried table that is no model field (the stored search document):
    resolves to the table's ``Col``, so subqueries relabel it like any other."""

    def __init__(self, column, output_field):
        super().__init__(output_field=output_field)
        self.column = column

    def resolve_expression(self, query=None, *args, **kwargs):
        target = self.output_field.clone()
        target.set_attributes_from_name(self.column)
        target.model = query.model
        return Col(query.get_initial_alias(), target)


def document(fields, column=None):
    """The kind's weighted document: its stored column on PostgreSQL when it has one."""
    from django.contrib.postgres.search import SearchVectorField

    if column is not None:
        return StoredColumn(column, SearchVectorField())
    return search_vector(fields)


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


class TrigramBonus(Func):
    """Half the title's similarity when it reaches ``TRIGRAM_THRESHOLD``, else 0
    (PostgreSQL). A ``CASE`` would compute the similarity twice per ranked row (for an
    answer's text, 60 µs each); here it is computed once, in a subquery the planner keeps
    apart (``OFFSET 0``)."""

    output_field = FloatField()
    template = (
        "(SELECT CASE WHEN _s.v >= %(threshold)s::float8 THEN _s.v * 0.5::float8 "
        "ELSE 0.0::float8 END FROM (SELECT %(expressions)s AS v OFFSET 0) _s)"
    )

    def __init__(self, similarity):
        super().__init__(similarity, threshold=float(TRIGRAM_THRESHOLD))


def _postgres(query: str):
    from django.contrib.postgres.lookups import TrigramWordSimilar
    from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity

    search_query = SearchQuery(fold(query), config="english", search_type="websearch")
    folded = " ".join(terms(query))
    # Typos are forgiven on real words only: short fragments are similar to everything.
    fuzzy = bool(folded) and max(len(t) for t in terms(query)) >= 4

    def annotate(queryset, fields, stored=None):
        # Each condition is served by a GIN index: the document by its tsvector index
        # (search/migrations/0002 on the stored column, 0001 on the expression), the typo
        # by the title's trigram index (``%>`` is word_similarity >= pg_trgm's threshold,
        # 0.6, below ours).
        title = IndexedFold(F(fields[0][0]))
        conditions = [Q(_doc=search_query)]
        if fuzzy:
            similarity = TrigramWordSimilarity(Value(folded), title)
            conditions.append(
                Q(TrigramWordSimilar(title, Value(folded)), _sim__gte=TRIGRAM_THRESHOLD)
            )
        else:
            similarity = Value(0.0, output_field=FloatField())
        queryset = queryset.alias(_doc=document(fields, stored), _sim=similarity)
        bonus = TrigramBonus(F("_sim")) if fuzzy else Value(0.0, output_field=FloatField())
        rank = SearchRank(F("_doc"), search_query) + bonus
        return queryset, conditions, rank

    return annotate


def _fallback(query: str):
    words = terms(query)

    def annotate(queryset, fields, stored=None):
        aliases = {f"_f{i}": Fold(F(path)) for i, (path, _) in enumerate(fields)}
        queryset = queryset.alias(**aliases)
        condition = Q()
        scores = []
        for word in words:
            any_field = Q()
            for i, (_, weight) in enumerate(fields):
                hit = Q(**{f"_f{i}__contains": word})
                any_field |= hit
                scores.append(
                    Case(
                        When(hit, then=Value(WEIGHTS[weight])),
                        default=Value(0.0),
                        output_field=FloatField(),
                    )
                )
            condition &= any_field
        if not words:
            condition = Q(pk__in=[])
        return queryset, [condition], _balanced_sum(scores)

    return annotate


def _balanced_sum(parts):
    """``a + b + c + …`` as a balanced tree: summed one after the other, a query of many words
    over a kind of many fields nested its parentheses past SQLite's parser stack ("parser stack
    overflow" for seven words over an event's sixteen fields)."""
    if not parts:
        return Value(0.0, output_field=FloatField())
    while len(parts) > 1:
        pairs = [parts[i : i + 2] for i in range(0, len(parts), 2)]
        parts = [pair[0] + pair[1] if len(pair) == 2 else pair[0] for pair in pairs]
    return parts[0]


def _backend(query: str):
    return _postgres(query) if connection.vendor == "postgresql" else _fallback(query)


def _any(conditions):
    combined = Q()
    for condition in conditions:
        combined |= condition
    return combined


def _one_of(ids):
    """pk among ``ids`` (a sliced subquery): on PostgreSQL ``pk = ANY(ARRAY(...))``, an
    index lookup that can sit in an OR (``IN`` there becomes a scan of the whole table)."""
    if connection.vendor == "postgresql":
        return Q(AnyOf(F("pk"), Subquery(ids)))
    return Q(pk__in=ids)


def _matches(queryset, conditions, key, bounded):
    """Conditions on the kind's pk: its rows (or, through ``key``, its related rows') that
    match any of ``conditions``.

    ``bounded`` (a table that grows, with a stored document): for each condition only the
    first ``SEARCH_DEPTH + 1`` values of ``key`` by value, an index-served subquery each,
    so a common word ranks a thousand rows, not ninety thousand. The first condition is
    the document's; the others (typos) are only asked when the document matches no more
    than ``SEARCH_DEPTH`` rows: for a common word a typo is moot, and a trigram match costs
    a computation per row the trigram index offers (16,000 answers for "dialogue" at
    scale 1: half a second). Otherwise (a small table) the conditions as they are: a
    subquery costs more to build than such a table costs to read.
    """
    if not bounded:
        condition = _any(conditions)
        if key == "pk":
            return [condition]
        return [_one_of(queryset.filter(condition).values(key))]
    limit = SEARCH_DEPTH + 1

    def first(condition):
        return queryset.filter(condition).order_by(key).values(key).distinct()[:limit]

    primary, *others = conditions
    found = [_one_of(first(primary))]
    if others:
        # No (SEARCH_DEPTH + 1)th document match: an uncorrelated EXISTS, evaluated once.
        few = ~Exists(queryset.filter(primary).values(key)[SEARCH_DEPTH:limit])
        found += [_one_of(first(condition & few)) for condition in others]
    return found


def ranked(kind: SearchKind, query: str):
    """The kind's matching rows as a queryset annotated ``search_rank``, best first.

    For a kind with a stored document at most ``SEARCH_DEPTH + 1`` rows per way of
    matching are ranked (``_matches``).
    """
    annotate = _backend(query)
    queryset, conditions, rank = annotate(kind.queryset().order_by(), kind.fields, kind.document)
    matches = _matches(queryset, conditions, "pk", kind.document is not None)
    for related in kind.related:
        sub, sub_conditions, sub_rank = annotate(
            related.queryset().order_by().filter(**{related.parent: OuterRef("pk")}),
            related.fields,
            related.document,
        )
        rows, rows_conditions, _ = annotate(
            related.queryset().order_by(), related.fields, related.document
        )
        matches += _matches(rows, rows_conditions, related.parent, related.document is not None)
        best = sub.filter(_any(sub_conditions)).annotate(_r=sub_rank).order_by("-_r")
        best = best.values("_r")[:1]
        rank = Greatest(rank, Coalesce(Subquery(best, output_field=FloatField()), Value(0.0)))
    if kind.matches_also is not None and (also := kind.matches_also(query)) is not None:
        matches.append(also)
        rank = rank + Case(
            When(also, then=Value(WEIGHTS["A"])), default=Value(0.0), output_field=FloatField()
        )
    return queryset.filter(_any(matches)).annotate(search_rank=rank).order_by("-search_rank", "pk")


_SERIAL = ContextVar("search_serial", default=False)


@contextmanager
def serial():
    """PostgreSQL: no parallel workers for the search's statements, for the rest of the
    transaction (the request's, with ATOMIC_REQUESTS). Each reads a few thousand rows at
    most, and starting workers costs more: 30 ms on two cores, even for a branch a one-time
    filter then skips."""
    if connection.vendor != "postgresql" or _SERIAL.get():
        yield
        return
    token = _SERIAL.set(True)
    try:
        with transaction.atomic(savepoint=False):
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
            yield
    finally:
        _SERIAL.reset(token)


@serial()
def search_kind(kind: SearchKind, query: str, *, offset: int = 0, limit: int = 5) -> KindResult:
    """One page of one kind: two queries (ids with the total, then the records).

    Pages reach the first ``SEARCH_DEPTH`` hits; ``capped`` says more matched.
    """
    end = min(offset + limit, SEARCH_DEPTH)
    rows = (
        list(
            ranked(kind, query)
            .annotate(search_total=Window(Count("pk")))
            .values_list("pk", "search_rank", "search_total")[offset:end]
        )
        if offset < end
        else []
    )
    if not rows:
        total = ranked(kind, query).count() if offset else 0
        return KindResult(kind=kind, total=min(total, SEARCH_DEPTH), capped=total > SEARCH_DEPTH)
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
    total = rows[0][2]
    return KindResult(
        kind=kind,
        total=min(total, SEARCH_DEPTH),
        hits=hits,
        capped=total > SEARCH_DEPTH,
    )


@serial()
def search_all(query: str, *, per_kind: int = 5, only: list[str] | None = None):
    """Each kind's best ``per_kind`` hits and total, kinds with hits first in registry order."""
    results = [
        search_kind(kind, query, limit=per_kind)
        for kind in kinds()
        if only is None or kind.key in only
    ]
    return [r for r in results if r.total]


@serial()
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
