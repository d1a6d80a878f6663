"""Filtering that never answers a silently unfiltered (or wrongly filtered) list.

django-filter already turns an unknown slug or choice into a 400; this backend also refuses
query parameters it does not know (a typo such as ``?knd=rcp`` would otherwise return every
row), values carrying NUL bytes, which PostgreSQL cannot even compare, and a repeat of a
parameter that takes one value (``?search=a&search=b`` would keep only the last, silently).
A filter on a key or a choice takes repeats as OR (``?kind=rcp&kind=irf``): see
``takes_repeats``.
"""

from functools import lru_cache, reduce
from operator import or_

from django import forms
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connections
from django.db.models import AutoField, IntegerField, Q, QuerySet
from django.db.models.constants import LOOKUP_SEP
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from django_filters.fields import ModelMultipleChoiceField
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ErrorDetail, ValidationError

# Parameters every endpoint understands besides its filters.
# ``lang`` chooses the language of translated fields and messages (core.i18n).
COMMON_PARAMETERS = frozenset({"page", "page_size", "format", "lang"})
SEARCH_MAX_LENGTH = 200
# The largest integer every database column here can hold (PostgreSQL's integer).
INT32 = 2**31 - 1


class StrictFilterBackend(filters.DjangoFilterBackend):
    def filter_queryset(self, request, queryset, view):
        allowed = set(COMMON_PARAMETERS)
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None:
            allowed.update(filterset_class.base_filters)
        errors = {}
        filters_ = filterset_class.base_filters if filterset_class is not None else {}
        for name, values in request.query_params.lists():
            if name not in allowed:
                errors[name[:60]] = [
                    ErrorDetail(
                        _("Unknown query parameter. Known here: %(known)s.")
                        % {"known": ", ".join(sorted(allowed))},
                        code="unknown_parameter",
                    )
                ]
            elif any("\x00" in value for value in values):
                errors[name] = [
                    ErrorDetail(_("NUL characters are not allowed."), code="null_character")
                ]
            elif not all(values):
                # An empty value would mean "no filter" to django-filter for some filters
                # and "no such key" for others: name it rather than guess.
                errors[name] = [
                    ErrorDetail(
                        _("Empty value: give a value or leave the parameter out."), code="blank"
                    )
                ]
            elif len(values) > 1 and not (name in filters_ and takes_repeats(filters_[name])):
                errors[name] = [
                    ErrorDetail(
                        _(
                            "Given %(count)s times; this parameter takes one value "
                            "(only key and choice filters take repeats, as OR)."
                        )
                        % {"count": len(values)},
                        code="repeated",
                    )
                ]
        if errors:
            raise ValidationError(errors)
        if filterset_class is not None and not any(
            name in filterset_class.base_filters for name in request.query_params
        ):
            # No filter asked for: building and validating the filterset's form (a deep
            # copy of every filter, a field per filter) would only return the queryset as
            # it came. No filterset here has a required or always-applied filter.
            return queryset
        return super().filter_queryset(request, queryset, view)

    def get_filterset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return None
        named = frozenset(request.query_params).intersection(filterset_class.base_filters)
        narrowed = narrowed_filterset(filterset_class, named)
        return narrowed(**self.get_filterset_kwargs(request, queryset, view))


def takes_repeats(flt) -> bool:
    """Whether a filter reads every value of a repeated parameter (and ORs them): the
    multiple-choice filters do (natural keys, ids, choices); every other filter would keep
    only the last, so a repeat of it is refused."""
    return isinstance(flt, filters.MultipleChoiceFilter | filters.ModelMultipleChoiceFilter)


NOT_STATED = "not-stated"


class ChoicesFilter(filters.MultipleChoiceFilter):
    """One of a field's choices; repeat for OR. With ``not_stated``, the value
    ``not-stated`` matches the rows whose field is blank (the source does not say)."""

    def __init__(self, *args, choices, not_stated=False, **kwargs):
        self.not_stated = not_stated
        if not_stated:
            choices = [*choices, (NOT_STATED, "Not stated (blank)")]
        super().__init__(*args, choices=choices, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        blank = NOT_STATED in value
        wanted = [v for v in value if v != NOT_STATED]
        condition = Q(**{f"{self.field_name}__in": wanted}) if wanted else Q(pk__in=[])
        if blank:
            condition |= Q(**{self.field_name: ""})
        return qs.filter(condition)


def choice_filter(choices, not_stated=False, **kwargs) -> ChoicesFilter:
    return ChoicesFilter(choices=choices, not_stated=not_stated, **kwargs)


@lru_cache(maxsize=512)
def narrowed_filterset(filterset_class, names: frozenset):
    """``filterset_class`` with only the filters ``names``: a FilterSet deep-copies every
    filter (querysets included) and builds a form field for each on every request, most
    of a filtered list's Python time when a request names one or two of ten filters.
    Unnamed filters do nothing anyway (no filterset here has a required filter)."""
    narrowed = type(filterset_class.__name__, (filterset_class,), {})
    narrowed.base_filters = {
        name: flt for name, flt in filterset_class.base_filters.items() if name in names
    }
    return narrowed


@extend_schema_field({"type": "integer", "format": "int32", "minimum": -INT32, "maximum": INT32})
class IntegerFilter(filters.NumberFilter):
    """A whole number: ``?year=0.5`` is a 400, not a silent empty match.

    Bounded to 32 bits so no database is asked to compare a number it cannot hold.
    """

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", -INT32)
        kwargs.setdefault("max_value", INT32)
        super().__init__(*args, **kwargs)


def text_matches(queryset: QuerySet, value: str, fields: list[str]) -> QuerySet:
    """Rows whose ``fields`` match ``value``: full-text on PostgreSQL, substrings elsewhere.

    On PostgreSQL ``value`` is read as a web-search query (words, "quoted phrases", -not),
    stemmed in English, so "dialogues" finds "Dialogue". SQLite has no full-text search
    in Django, so it falls back to a case-insensitive substring match on any field.
    """
    if connections[queryset.db].vendor == "postgresql":
        return queryset.annotate(_search_document=SearchVector(*fields, config="english")).filter(
            _search_document=SearchQuery(value, config="english", search_type="websearch")
        )
    return queryset.filter(reduce(or_, (Q(**{f"{f}__icontains": value}) for f in fields)))


def search_filter(**kwargs) -> filters.CharFilter:
    return filters.CharFilter(
        method="filter_search",
        max_length=SEARCH_MAX_LENGTH,
        label="Full-text search (PostgreSQL; substring match on SQLite).",
        **kwargs,
    )


class NaturalKeyField(ModelMultipleChoiceField):
    """Refuses numbers no database column holds before they reach the database.

    ``?objective=99999999999999999999`` would otherwise overflow SQLite's integer (a 500)
    or PostgreSQL's smallint; it is simply not a valid choice.
    """

    def _check_values(self, value):
        meta = self.queryset.model._meta
        field = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
        if isinstance(field, IntegerField | AutoField):
            for item in value:
                text = str(item).strip()
                if not text.lstrip("-").isdigit() or abs(int(text)) > INT32:
                    raise DjangoValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": text[:40]},
                    )
        return super()._check_values(value)

    def clean(self, value):
        # Django answers an empty optional value with ``queryset.none()``, which
        # django-filter then tests for truth: that compiles a query per absent filter.
        if not self.required and not value:
            return []
        return super().clean(value)


def crosses_to_many(model, path: str) -> bool:
    """Whether the lookup ``path`` from ``model`` follows a many-to-many or reverse relation.

    Only such a join can repeat a row; a forward foreign key cannot.
    """
    for name in path.split(LOOKUP_SEP):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return True  # unknown (e.g. a lookup suffix): stay on the safe side
        if field.many_to_many or field.one_to_many:
            return True
        if not field.is_relation:
            return False
        model = field.related_model
    return False


class NaturalKeyFilter(filters.ModelMultipleChoiceFilter):
    """Matches the related records themselves, not their ``to_field_name`` value.

    django-filter would compare ``regions=<slug>`` (a primary key against a slug).
    ``SELECT DISTINCT`` (django-filter's default here) is applied only when the path
    crosses a to-many relation: over a plain foreign key it only makes the database
    sort and compare every column of every row.
    """

    field_class = NaturalKeyField

    def get_filter_predicate(self, v):
        return {self.field_name: v}

    def filter(self, qs, value):
        self.distinct = crosses_to_many(qs.model, self.field_name)
        return super().filter(qs, value)


def slug_filter(field_name, queryset, to_field_name="slug", label=None):
    """Filter on a relation by its natural key; repeat the parameter for OR."""
    return NaturalKeyFilter(
        field_name=field_name,
        queryset=queryset,
        to_field_name=to_field_name,
        label=label,
    )


def id_filter(field_name, queryset, label=None):
    """The ``<fk>_id`` twin of a natural-key filter: the related record's primary key."""
    return NaturalKeyFilter(field_name=field_name, queryset=queryset, label=label)
