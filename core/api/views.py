"""The one base class every registry viewset shares: atomic writes checked against the
version the client read, guarded deletes, permanent keys."""

from functools import cache

from django.db import connection, transaction
from rest_framework import exceptions, status, viewsets
from rest_framework.response import Response

from core.api.renderers import stream_csv, wants_whole_csv
from core.api.versions import check_if_match, etag_of
from core.deletion import delete_unreferenced


class WholeCSVMixin:
    """``?format=csv`` without ``?page=`` answers every matching row, streamed."""

    def list(self, request, *args, **kwargs):
        if wants_whole_csv(request):
            return stream_csv(self, request)
        return super().list(request, *args, **kwargs)


class MethodCheckedFirstMixin:
    """A method the route does not have is a 405 (with ``Allow``) whoever sends it.

    DRF authenticates and checks permissions before it looks for the method's handler, so
    an anonymous POST to a read-only record answered 401: a client (or the fuzz) is told to
    log in for something no login allows. Content negotiation has run by now, so the 405
    is rendered like every other error.
    """

    def perform_authentication(self, request):
        if request.method.upper() not in self.allowed_methods:
            raise exceptions.MethodNotAllowed(request.method)
        super().perform_authentication(request)


class ReadOnlyRegistryViewSet(
    MethodCheckedFirstMixin, WholeCSVMixin, viewsets.ReadOnlyModelViewSet
):
    """A read-only list and detail, with the whole CSV like every other list."""


class RegistryViewSet(MethodCheckedFirstMixin, WholeCSVMixin, viewsets.ModelViewSet):
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

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        response["ETag"] = etag_of(response.data)
        return response

    # Writes of one record (``core.api.versions``): the row is locked, then read afresh, so
    # concurrent writes of one record apply one after the other, each to the other's result;
    # ``If-Match`` is checked against that fresh state.
    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        with transaction.atomic():
            instance = self.get_locked_object()
            self.check_version(instance)
            serializer = self.get_serializer(instance, data=request.data, partial=partial)
            serializer.is_valid(raise_exception=True)
            self.perform_update(serializer)
            # Read back as a GET shows it (prefetches, visibility), with its new ETag.
            data = self.get_serializer(self.get_object()).data
        return Response(data, headers={"ETag": etag_of(data)})

    def destroy(self, request, *args, **kwargs):
        with transaction.atomic():
            instance = self.get_locked_object()
            self.check_version(instance)
            self.perform_destroy(instance)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def get_locked_object(self):
        instance = self.get_object()
        if connection.features.has_select_for_update:
            model = type(instance)
            list(model._base_manager.select_for_update().filter(pk=instance.pk).values_list("pk"))
            instance = self.get_object()  # as committed by whoever held the lock before us
        return instance

    def check_version(self, instance):
        check_if_match(self.request, lambda: etag_of(self.get_serializer(instance).data))

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
