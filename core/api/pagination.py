"""Page-number pagination that refuses a page size it will not serve instead of capping it.

A silently capped page would make an analyst's ``page_size=1000`` download look complete
when it holds half the rows, so anything above ``max_page_size`` answers 400; so do a
``page`` that is not a number or is past the last page, and a repeated ``page`` or
``page_size``.
"""

from django.core.paginator import InvalidPage
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination


def single(request, name: str) -> str | None:
    """The one value of query parameter ``name`` (None when absent); a repeat is a 400."""
    values = request.query_params.getlist(name)
    if len(values) > 1:
        raise ValidationError(
            {
                name: [
                    _("Given %(count)s times; this parameter takes one value.")
                    % {"count": len(values)}
                ]
            },
            code="repeated",
        )
    return values[0] if values else None


def invalid_page(exc: NotFound) -> ValidationError:
    """A page that is not a number or past the last is a malformed request (400), not a
    missing resource: the list itself exists."""
    return ValidationError({"page": [str(exc.detail)]}, code="invalid_page")


class RegistryPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request):
        raw = single(request, self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        _(
                            "A page size is a whole number from 1 to %(max)s; got %(value)s. "
                            "Use /api/v1/dump/ for every row at once."
                        )
                        % {"max": self.max_page_size, "value": repr(raw[:40])}
                    ]
                },
                code="invalid",
            )
        return size

    def get_page_number(self, request, paginator):
        page_number = single(request, self.page_query_param) or 1
        if page_number in self.last_page_strings:
            page_number = paginator.num_pages
        return page_number

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as exc:
            raise invalid_page(exc) from exc

    def paginate_values(self, queryset, request, fields) -> list[dict]:
        """``paginate_queryset`` for JSON, the page read as ``values(*fields)`` dicts.

        The count runs on ``queryset`` itself: the values' lookups join other tables
        (document slug, objective number), and a count over those joins is slower.
        """
        self.request = request
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        page_number = self.get_page_number(request, paginator)
        try:
            self.page = paginator.page(page_number)
        except InvalidPage as exc:
            message = self.invalid_page_message.format(page_number=page_number, message=str(exc))
            raise invalid_page(NotFound(message)) from exc
        return list(self.page.object_list.values(*fields))

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        # CSV has no envelope: the Link header carries the paging for it (and for JSON too).
        links = [
            f'<{url}>; rel="{rel}"'
            for rel, url in (("next", response.data["next"]), ("prev", response.data["previous"]))
            if url
        ]
        if links:
            response["Link"] = ", ".join(links)
        response["X-Total-Count"] = str(response.data["count"])
        return response

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["description"] = (
                    "A page number from 1 to the last page; anything else (a page past the "
                    "last, not a number, a repeat) is a 400. With format=csv, without page "
                    "the CSV holds every matching row."
                )
                parameter["schema"] = {"type": "integer", "minimum": 1}
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] = (
                    f"Rows per page, 1 to {self.max_page_size} (default {self.page_size}); "
                    "a larger value answers 400. One value: a repeated parameter is a 400. "
                    "With format=csv, only together with page (a CSV without page holds "
                    "every row)."
                )
                parameter["schema"] = {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": self.max_page_size,
                }
        return parameters
