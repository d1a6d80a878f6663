"""The one base class every registry viewset shares: atomic writes, guarded deletes,
permanent keys."""

from functools import cache

from django.db import transaction
from rest_framework import viewsets

from core.api.renderers import stream_csv, wants_whole_csv
from core.deletion import delete_unreferenced


class WholeCSVMixin:
    """``?format=csv`` without ``?page=`` answers every matching row, streamed."""

    def list(self, request, *args, **kwargs):
        if wants_whole_csv(request):
            return stream_csv(self, request)
        return super().list(request, *args, **kwargs)


class RegistryViewSet(WholeCSVMixin, viewsets.ModelViewSet):
    """A thin ``ModelViewSet`` whose writes run in one transaction.

    A delete goes through ``delete_unreferenced`` so a record others cite answers 409
    naming them (see ``core.api.exceptions``) instead of vanishing with its links.

    A record's key in its URL (``lookup_field``: a slug, a number) is set when it is created
    and read-only afterwards: analysts store these URLs and join CSVs on these keys, and a
    rename through the API would silently break both. IOM staff can still correct a key
    in the admin, where the change is in the record's history.
    """

    def get_serializer(self, *args, **kwargs):
        # Here rather than in get_serializer_class, which viewsets override per action.
        if self.action in ("update", "partial_update") and self.lookup_field != "pk":
            serializer_class = keeping_key(self.get_serializer_class(), self.lookup_field)
            kwargs.setdefault("context", self.get_serializer_context())
            return serializer_class(*args, **kwargs)
        return super().get_serializer(*args, **kwargs)

    def create(self, request, *args, **kwargs):
        with transaction.atomic():
            return super().create(request, *args, **kwargs)

    def update(self, request, *args, **kwargs):
        with transaction.atomic():
            return super().update(request, *args, **kwargs)

    def destroy(self, request, *args, **kwargs):
        with transaction.atomic():
            return super().destroy(request, *args, **kwargs)

    def perform_destroy(self, instance):
        delete_unreferenced(instance)


@cache
def keeping_key(serializer_class, key: str):
    """``serializer_class`` with the field ``key`` read-only (one class per pair, so the
    OpenAPI schema names one "...Update" component for it)."""

    def get_fields(self):
        fields = serializer_class.get_fields(self)
        if key in fields:
            fields[key].read_only = True
            fields[key].required = False
        return fields

    name = serializer_class.__name__.removesuffix("Serializer") + "UpdateSerializer"
    return type(
        name,
        (serializer_class,),
        {"get_fields": get_fields, "__module__": serializer_class.__module__},
    )
