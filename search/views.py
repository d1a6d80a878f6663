"""The search page (``/search/?q=``) and its API twin (``/api/v1/search/``)."""

from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import APIView

import search.kinds  # noqa: F401  (registers the kinds before the schema reads them)
from core.api.pagination import RegistryPagination, single
from search.engine import (
    KINDS,
    MAX_QUERY_LENGTH,
    SEARCH_DEPTH,
    kinds,
    search_all,
    search_kind,
    search_merged,
)
from search.forms import SearchForm

PAGE_SIZE = 20
PER_KIND = 5
# Across kinds a page needs every kind's first offset+limit hits: bound that depth.
MAX_MERGED_DEPTH = 1000


class SearchView(TemplateView):
    template_name = "search/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SearchForm(self.request.GET or None)
        context.update(form=form, query="", groups=[], kind=None, page=None)
        if not form.is_bound or not form.is_valid():
            return context
        query, kind_key = form.cleaned_data["q"], form.cleaned_data["kind"]
        context["query"] = query
        if kind_key:
            kind = KINDS[kind_key]
            result = search_kind(kind, query, limit=1)
            paginator = Paginator(range(result.total), PAGE_SIZE)
            page = paginator.get_page(self.request.GET.get("page"))
            result = search_kind(kind, query, offset=page.start_index() - 1, limit=PAGE_SIZE)
            context.update(kind=kind, groups=[result] if result.total else [], page=page)
        else:
            context["groups"] = search_all(query, per_kind=PER_KIND)
        context["total"] = sum(g.total for g in context["groups"])
        context["capped"] = any(g.capped for g in context["groups"])
        return context


def _hit_json(request, hit):
    return {
        "kind": hit.kind.key,
        "id": hit.obj.pk,
        "title": hit.title,
        "url": request.build_absolute_uri(hit.url),
        "snippet": str(hit.snippet),
        "context": hit.context,
        "rank": round(hit.rank, 6),
    }


HIT = inline_serializer(
    "SearchHit",
    many=True,
    fields={
        "kind": serializers.CharField(help_text="The kind of record (see the `kind` filter)."),
        "id": serializers.IntegerField(help_text="The record's database id within its kind."),
        "title": serializers.CharField(),
        "url": serializers.URLField(help_text="The record's public page."),
        "snippet": serializers.CharField(
            help_text="An HTML-escaped excerpt; the words that matched are in <mark>."
        ),
        "context": serializers.CharField(),
        "rank": serializers.FloatField(help_text="Higher is better; comparable across kinds."),
    },
)


class SearchAPIView(APIView):
    """Ranked hits across every kind of record, best first."""

    pagination = RegistryPagination
    # Public records only (published answers, no drafts): anyone reads, nobody writes.
    permission_classes = [AllowAny]
    http_method_names = ["get", "head", "options"]

    @extend_schema(
        operation_id="search",
        parameters=[
            OpenApiParameter(
                "q",
                {"type": "string", "minLength": 1, "maxLength": MAX_QUERY_LENGTH, "pattern": r"\S"},
                required=True,
                description=f"Words to find (1–{MAX_QUERY_LENGTH} characters, not only spaces).",
            ),
            OpenApiParameter(
                "kind",
                OpenApiTypes.STR,
                enum=sorted(KINDS) or None,
                many=True,
                description="Only these kinds of record (repeat for several).",
            ),
            OpenApiParameter(
                "page",
                {"type": "integer", "minimum": 1},
                description="Page number, from 1; a page past the last is a 400.",
            ),
            OpenApiParameter(
                "page_size",
                {"type": "integer", "minimum": 1, "maximum": RegistryPagination.max_page_size},
                description=f"Hits per page, 1–{RegistryPagination.max_page_size}.",
            ),
        ],
        responses=inline_serializer(
            "SearchPage",
            {
                "count": serializers.IntegerField(
                    help_text=(
                        f"The hits one can page through. A kind of record that matches more "
                        f"than {SEARCH_DEPTH:,} counts {SEARCH_DEPTH:,}: its best-ranked "
                        f"among its first matches; add words to narrow the search."
                    )
                ),
                "next": serializers.URLField(allow_null=True),
                "previous": serializers.URLField(allow_null=True),
                "results": HIT,
            },
        ),
    )
    def get(self, request):
        kinds()  # fills the registry
        errors = {}
        # One value each: a repeated q, page or page_size is a 400, never the last one wins.
        for name in ("q", "page"):
            try:
                single(request, name)
            except ValidationError as exc:
                errors.update(exc.detail)
        raw_query = request.query_params.get("q") or ""
        query = raw_query.strip()
        if not query:
            errors["q"] = [_("Give the words to find, e.g. ?q=remittances.")]
        elif len(raw_query) > MAX_QUERY_LENGTH:
            errors["q"] = [
                _("A query has at most %(count)s characters.") % {"count": MAX_QUERY_LENGTH}
            ]
        only = request.query_params.getlist("kind")
        unknown = [k for k in only if k not in KINDS]
        if unknown:
            errors["kind"] = [
                _("Unknown kind %(value)s; one of: %(known)s.")
                % {"value": repr(unknown[0][:40]), "known": ", ".join(sorted(KINDS))}
            ]
        known_params = {"q", "kind", "page", "page_size", "format", "lang"}
        for name in request.query_params:
            if name not in known_params:
                errors[name] = [
                    _("Unknown parameter; this endpoint takes %(known)s.")
                    % {"known": ", ".join(sorted(known_params))}
                ]
        paginator = self.pagination()
        try:
            page_size = paginator.get_page_size(request)
        except ValidationError as exc:
            errors.update(exc.detail)
            page_size = paginator.page_size
        raw_page = request.query_params.get("page", "1")
        try:
            page = int(raw_page)
            if page < 1:
                raise ValueError
        except ValueError:
            errors["page"] = [
                _("A page is a whole number from 1; got %(value)s.")
                % {"value": repr(raw_page[:40])}
            ]
            page = 1
        if errors:
            raise ValidationError(errors)
        past_the_end = "invalid_page"  # as for every list (core.api.pagination)
        offset = (page - 1) * page_size
        only = sorted(set(only)) or None
        if only and len(only) == 1:
            result = search_kind(KINDS[only[0]], query, offset=offset, limit=page_size)
            hits, total = result.hits, result.total
        else:
            if offset + page_size > MAX_MERGED_DEPTH:
                raise ValidationError(
                    {
                        "page": [
                            _(
                                "Across kinds, search pages reach the first %(count)s hits; "
                                "choose one kind to page further."
                            )
                            % {"count": MAX_MERGED_DEPTH}
                        ]
                    },
                    code=past_the_end,
                )
            hits, total = search_merged(query, offset=offset, limit=page_size, only=only)
        if page > 1 and offset >= total:
            raise ValidationError(
                {
                    "page": [
                        _("Page %(page)s is past the last page of %(total)s hits.")
                        % {"page": page, "total": total}
                    ]
                },
                code=past_the_end,
            )
        url = request.build_absolute_uri()
        next_url = (
            replace_query_param(url, "page", page + 1) if offset + page_size < total else None
        )
        if page <= 1:
            previous_url = None
        elif page == 2:
            previous_url = remove_query_param(url, "page")
        else:
            previous_url = replace_query_param(url, "page", page - 1)
        response = Response(
            {
                "count": total,
                "next": next_url,
                "previous": previous_url,
                "results": [_hit_json(request, h) for h in hits],
            }
        )
        response["X-Total-Count"] = str(total)
        return response
