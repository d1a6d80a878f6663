"""Serializer helpers: JSON types held to, relations by natural key, and the model's own
``clean()`` rules."""

import re
from collections.abc import Mapping
from copy import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import AutoField, IntegerField
from django.utils import translation
from rest_framework import serializers
from rest_framework.fields import get_error_detail
from rest_framework.relations import (
    ManyRelatedField,
    PrimaryKeyRelatedField,
    RelatedField,
    SlugRelatedField,
)
from rest_framework.serializers import raise_errors_on_nested_writes
from rest_framework.utils import model_meta

from core.models import TRANSLATED_LANGUAGES, translated_fields
from sources.models import Document


def natural_keys(queryset, key="slug", **kwargs):
    """A to-many relation written and read as the related records' natural keys."""
    return serializers.SlugRelatedField(slug_field=key, queryset=queryset, many=True, **kwargs)


def natural_key(queryset, key="slug", **kwargs):
    return serializers.SlugRelatedField(slug_field=key, queryset=queryset, **kwargs)


def attached_keys(name: str, **kwargs):
    """A list row's to-many relation, read from the keys ``core.api.keys.attach_m2m_keys``
    set on each row as ``<name>_keys`` (no prefetch, no model instance per related row)."""
    return serializers.ListField(
        child=serializers.SlugField(), source=f"{name}_keys", read_only=True, **kwargs
    )


SOURCES_HELP = "Slugs of the IOM notes this record comes from."


def sources_field():
    """The IOM note(s) a record cites, by slug."""
    return natural_keys(
        Document.objects.notes(),
        required=False,
        help_text=SOURCES_HELP,
    )


def decimal_pattern(field: serializers.DecimalField) -> str:
    """The decimals a ``DecimalField`` takes, written out (the schema shows this pattern)."""
    places = field.decimal_places or 0
    whole = (field.max_digits - places) if field.max_digits else None
    digits = f"[0-9]{{1,{whole}}}" if whole else "[0-9]+"
    sign = "" if field.min_value is not None and field.min_value >= 0 else "-?"
    if not places:
        return f"^{sign}{digits}$"
    return f"^{sign}(?:{digits}(?:\\.[0-9]{{0,{places}}})?|\\.[0-9]{{1,{places}}})$"


def _json_types(field) -> tuple[tuple[type, ...], str] | None:
    """The JSON types a field accepts and how to name them; None for anything goes."""
    if isinstance(field, serializers.BooleanField):
        return (bool,), "true or false"
    if isinstance(field, serializers.IntegerField | PrimaryKeyRelatedField):
        return (int,), "an integer"
    if isinstance(field, serializers.FloatField):
        return (int, float), "a number"
    if isinstance(field, serializers.DecimalField):
        # Decimals travel as strings both ways (as the API writes them): a JSON number may
        # already have lost digits in the client's floating point.
        return (str,), 'a decimal number written as a string, e.g. "12.50"'
    if isinstance(field, serializers.ChoiceField):
        if field.choices and all(isinstance(key, int) for key in field.choices):
            return (int,), "an integer"
        return (str,), "a string"
    if isinstance(field, SlugRelatedField):
        model_field = field.queryset.model._meta.get_field(field.slug_field)
        if isinstance(model_field, IntegerField | AutoField):
            return (int,), "an integer"
        return (str,), "a string"
    if isinstance(
        field,
        serializers.CharField
        | serializers.DateField
        | serializers.DateTimeField
        | serializers.TimeField,
    ):
        return (str,), "a string"
    return None


def json_type_error(field, value) -> str | None:
    """Why ``value``, parsed from JSON, cannot be meant for ``field`` (None when it can).

    DRF coerces generously (``"title": 0`` becomes "0", ``"required": "yes"`` becomes
    True, ``{"a": 1}`` a list of its keys): a client that sent the wrong type has a bug we
    should tell it about, not guess around. Null is left to the field's ``allow_null``.
    """
    if value is None:
        return None
    if isinstance(field, ManyRelatedField | serializers.ListField):
        if not isinstance(value, list):
            return "Expected a list."
        child = field.child_relation if isinstance(field, ManyRelatedField) else field.child
        for item in value:
            error = json_type_error(child, item)
            if error:
                return f"Each item: {error}"
        return None
    if value == "" and isinstance(field, RelatedField):
        # DRF reads "" as null for a nullable relation (a habit of HTML forms).
        return "Expected a key; send null for none."
    expected = _json_types(field)
    if expected is None:
        return None
    types, name = expected
    if isinstance(value, bool) and bool not in types:
        return f"Expected {name}, got a boolean."
    if not isinstance(value, types):
        return f"Expected {name}, got {_json_name(value)}."
    if isinstance(field, serializers.DecimalField) and not re.match(decimal_pattern(field), value):
        return f"Expected {name}, with at most {field.decimal_places} decimal places."
    # Length as sent: DRF would measure it only after trimming surrounding whitespace.
    too_long = getattr(field, "max_length", None) is not None and len(value) > field.max_length
    if isinstance(field, serializers.CharField) and too_long:
        return f"Ensure this field has no more than {field.max_length} characters."
    return None


def _json_name(value) -> str:
    names = {dict: "an object", list: "a list", str: "a string", float: "a number", int: "a number"}
    return names.get(type(value), type(value).__name__)


# Refuses JSON values of the wrong type before DRF would coerce them. (A comment: a
# docstring would become every schema component's description.)
class StrictTypesMixin:
    def to_internal_value(self, data):
        if isinstance(data, Mapping) and not hasattr(data, "getlist"):  # JSON, not a form
            errors = {}
            for field in self._writable_fields:
                if field.field_name in data:
                    error = json_type_error(field, data[field.field_name])
                    if error:
                        errors[field.field_name] = [error]
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)


# An http(s) address with a DNS host name: a subset of what Django's URLValidator takes,
# written out so the OpenAPI schema can say exactly which addresses the API accepts.
WEB_ADDRESS = (
    r"^[hH][tT][tT][pP][sS]?://"
    r"(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}"
    r"(?::[0-9]{1,4})?(?:[/?#][^\s\x00-\x1f\x7f]*)?$"
)


class WebAddressField(serializers.URLField):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.append(
            RegexValidator(
                WEB_ADDRESS,
                "Enter an http:// or https:// address with a host name, e.g. https://example.org/.",
            )
        )


# The base of every model serializer in the API. (No docstring: drf-spectacular would show
# an inherited one as the description of every schema component.)
class TranslatedTextField(serializers.CharField):
    """Read-only text in the request's language where an editor translated it, else the
    English text, e.g. ``TranslatedTextField(source="figure.label")`` in a computed result
    (model serializers translate their own fields in ``to_representation``)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        from rest_framework.fields import get_attribute

        from core.models import translated

        # DRF's own walk of the dotted source, to the record that holds the field.
        *path, field = self.source_attrs
        return translated(get_attribute(instance, path), field)[0]


class RegistryModelSerializer(StrictTypesMixin, serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.URLField: WebAddressField,
    }

    # Under ?lang=fr|es (or Accept-Language, core.i18n) a field an editor translated reads
    # in that language; the keys and every other value stay as they are.
    def to_representation(self, instance):
        data = super().to_representation(instance)
        language = translation.get_language()
        if language in TRANSLATED_LANGUAGES and isinstance(instance, models.Model):
            for name in translated_fields(type(instance)):
                if name in data:
                    version = getattr(instance, f"{name}_{language}", "")
                    if version:
                        data[name] = version
        return data

    # A PATCH writes only the columns it names (and a many-to-many only when named), so it
    # never writes back another editor's field as this request happened to read it.
    def update(self, instance, validated_data):
        if not self.partial:
            return super().update(instance, validated_data)
        raise_errors_on_nested_writes("update", self, validated_data)
        info = model_meta.get_field_info(instance)
        columns, to_many = [], []
        for attr, value in validated_data.items():
            if attr in info.relations and info.relations[attr].to_many:
                to_many.append((attr, value))
            else:
                setattr(instance, attr, value)
                columns.append(attr)
        concrete = {f.name for f in instance._meta.concrete_fields}
        if columns and concrete.issuperset(columns):
            columns += [
                f.name for f in instance._meta.concrete_fields if getattr(f, "auto_now", False)
            ]
            instance.save(update_fields=columns)
        else:
            instance.save()  # links only: still one history version
        for attr, value in to_many:
            getattr(instance, attr).set(value)
        return instance


# Runs the model's ``clean()`` so the API enforces the same cross-field rules as admin.
# ``Meta.derived_fields`` names attributes ``clean()`` computes (a reference's paragraph
# number and objective), copied back into the validated data. (A comment, not a docstring:
# drf-spectacular would show it as the description of the schema components.)
class CleanModelSerializer(RegistryModelSerializer):
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
