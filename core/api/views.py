"""The one base class every registry viewset shares: atomic writes, guarded deletes."""

from django.db import transaction
from rest_framework import viewsets

from core.deletion import delete_unreferenced


class RegistryViewSet(viewsets.ModelViewSet):
    """A thin ``ModelViewSet`` whose writes run in one transaction.

    A delete goes through ``delete_unreferenced`` so a record others cite answers 409
    naming them (see ``core.api.exceptions``) instead of vanishing with its links.
    """

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
