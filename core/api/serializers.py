"""Serializer helpers: relations by natural key, and the model's own ``clean()`` rules."""

from copy import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
from rest_framework.fields import get_error_detail

from sources.models import Document


def natural_keys(queryset, key="slug", **kwargs):
    """A to-many relation written and read as the related records' natural keys."""
    return serializers.SlugRelatedField(slug_field=key, queryset=queryset, many=True, **kwargs)


def natural_key(queryset, key="slug", **kwargs):
    return serializers.SlugRelatedField(slug_field=key, queryset=queryset, **kwargs)


def sources_field():
    """The IOM note(s) a record cites, by slug."""
    return natural_keys(
        Document.objects.notes(),
        required=False,
        help_text="Slugs of the IOM notes this record comes from.",
    )


class CleanModelSerializer(serializers.ModelSerializer):
    """Runs the model's ``clean()`` so the API enforces the same cross-field rules as admin.

    ``Meta.derived_fields`` names attributes ``clean()`` computes (a reference's paragraph
    number and objective), copied back into the validated data.
    """

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        many_to_many = {field.name for field in model._meta.many_to_many}
        instance = copy(self.instance) if self.instance is not None else model()
        for name, value in attrs.items():
            if name not in many_to_many:
                setattr(instance, name, value)
        try:
            instance.clean()
        except DjangoValidationError as exc:
            raise serializers.ValidationError(get_error_detail(exc)) from None
        for name in getattr(self.Meta, "derived_fields", ()):
            attrs[name] = getattr(instance, name)
        return attrs
