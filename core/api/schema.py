"""OpenAPI schema that says which values the API accepts, not just their types.

A relation written by natural key (``"document": "gcm-final"``) or filtered by one
(``?region=africa``) accepts only keys that exist; anything else is a 400.

The public schema (``/api/schema/``, what clients are generated from) describes such a key
by its type, a pattern and a description, never as an ``enum`` of the keys in the database:
a generated client would refuse a key added after it was generated, and would have to be
regenerated for every new record. Enums stay for real choices (a mechanism's ``kind``).

The fuzz (``.ci/fuzz``, ``tests/api/test_fuzz.py``) needs the existing keys to draw valid
requests. With ``SCHEMA_EXISTING_KEYS`` on (``ISCM_SCHEMA_EXISTING_KEYS=1``, set only for
the fuzz's own server and test), relation fields and relation filters list the keys read
from the database as an ``enum`` (up to ``MAX_ENUM``; past that, the bare type), on request
bodies only (``COMPONENT_SPLIT_REQUEST``: a response may name a newer record), and every
operation documents gunicorn's HTML 414 that the fuzzer's longest URLs provoke. Fields
carry the keys as ``x-existing-keys`` until ``inline_existing_keys`` (the last
postprocessing hook) makes them enums, or drops them in the public schema.
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import DatabaseError, connections
from django.db.models import AutoField, IntegerField
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.extensions import OpenApiSerializerFieldExtension

from core.api.filters import NaturalKeyFilter, takes_repeats
from core.api.serializers import decimal_pattern

MAX_ENUM = 1000
# Neither PostgreSQL text nor the API takes NUL characters (a 400 names the field).
NO_NUL = "^[^\\x00]*$"
# DRF trims text before its "may not be blank" check: a required text needs a visible char.
NON_BLANK = "^[^\\x00]*[^\\s\\x00][^\\x00]*$"
# A slug key (Django's SlugField: ASCII letters, digits, hyphens, underscores).
SLUG_PATTERN = "^[-a-zA-Z0-9_]+$"


def with_existing_keys() -> bool:
    """Whether this schema is the fuzz's variant, with the database's keys as enums."""
    return bool(getattr(settings, "SCHEMA_EXISTING_KEYS", False))


def existing_keys(queryset, key: str | None) -> list | None:
    """The values of ``key`` (the primary key when None) over ``queryset``, in a stable
    order, or None when there are more than ``MAX_ENUM`` or the database cannot be read."""
    model = queryset.model
    field = model._meta.get_field(key) if key else model._meta.pk
    try:
        values = list(
            queryset.order_by(field.attname).values_list(field.attname, flat=True)[: MAX_ENUM + 1]
        )
    except DatabaseError:
        # No database yet (``check --deploy`` in a build step generates the schema too):
        # the schema is still valid, only less precise. Inside a transaction (a request)
        # the failure is real and the transaction spoilt: let it through.
        if connections[queryset.db].in_atomic_block:
            raise
        return None
    if len(values) > MAX_ENUM:
        return None
    if isinstance(field, IntegerField | AutoField):
        return values
    return [str(value) for value in values]


KEYS = "x-existing-keys"


def keys_once(auto_schema, queryset, key: str | None) -> list | None:
    """``existing_keys``, read once per schema generation: a relation recurs in several
    components (request, patch, update) and filters, and one generation has one registry."""
    if not with_existing_keys():
        return None  # the public schema does not depend on the data
    memo = auto_schema.registry.__dict__.setdefault("_existing_keys", {})
    where = (str(queryset.query), key)  # the SQL tells notes() from texts()
    if where not in memo:
        memo[where] = existing_keys(queryset, key)
    return memo[where]


def _with_keys(schema: dict, keys: list | None, noun: str, key: str | None) -> dict:
    name = "number" if schema.get("type") == "integer" else (key or "id")
    schema.setdefault("description", f"The {name} of an existing {noun}.")
    if schema.get("type") == "string" and key == "slug":
        schema["pattern"] = SLUG_PATTERN
    if keys is not None:
        schema[KEYS] = keys
    return schema


def describe_request_text(result, generator, request, public):
    """Postprocessing hook: free-text properties of request bodies say what DRF accepts.

    No NUL character anywhere, and where the field may not be blank (``minLength: 1``), at
    least one character that is not whitespace. A web address in a request is described by
    its pattern (``core.api.serializers.WEB_ADDRESS``) alone: ``format: uri`` admits far
    more than the API does (IP hosts, any scheme, 64-character labels). In a response it is
    a plain string: an address entered in the admin need only pass Django's own check.
    """
    for name, component in result.get("components", {}).get("schemas", {}).items():
        is_request = name.endswith("Request")
        for prop in component.get("properties", {}).values():
            for schema in (prop, prop.get("items", {}), *prop.get("oneOf", [])):
                if schema.get("type") != "string":
                    continue
                if schema.get("format") == "uri" and "pattern" in schema:
                    del schema["format"]
                    if not is_request:
                        del schema["pattern"]
                elif is_request and not ({"enum", KEYS, "format", "pattern"} & set(schema)):
                    schema["pattern"] = NON_BLANK if schema.get("minLength") else NO_NUL
            _drop_needless_blank_alternative(prop)
    return result


def _drop_needless_blank_alternative(prop: dict) -> None:
    """``oneOf: [string, empty string]`` becomes the string once the first admits "" too
    (``oneOf`` must match exactly one: "" would match both)."""
    members = prop.get("oneOf", [])
    if (
        len(members) == 2
        and members[1] == {"type": "string", "maxLength": 0}
        and not ({"format", "pattern", "minLength"} & set(members[0]))
    ):
        del prop["oneOf"]
        prop.update(members[0])


GUNICORN_414 = {
    "description": "Request line too long (gunicorn's limit, before the app).",
    "content": {"text/html": {"schema": {"type": "string"}}},
}


def inline_existing_keys(result, generator, request, public):
    """Postprocessing hook: the ``x-existing-keys`` of relation fields become ``enum`` in
    the fuzz's variant (with gunicorn's 414 on every operation); nothing in the public one."""
    variant = with_existing_keys()
    if variant:
        for methods in result.get("paths", {}).values():
            for operation in methods.values():
                if isinstance(operation, dict) and "responses" in operation:
                    operation["responses"].setdefault("414", GUNICORN_414)

    def visit(node):
        if isinstance(node, dict):
            if KEYS in node:
                keys = node.pop(KEYS)
                if variant:
                    node["enum"] = keys
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(result)
    return result


class NaturalKeyRelationExtension(OpenApiSerializerFieldExtension):
    """``SlugRelatedField`` and ``PrimaryKeyRelatedField``: the existing keys, on requests."""

    target_class = "rest_framework.relations.RelatedField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        field = self.target
        schema = auto_schema._map_serializer_field(field, direction, bypass_extensions=True)
        queryset = getattr(field, "queryset", None)
        if direction != "request" or field.read_only or queryset is None:
            return schema
        key = getattr(field, "slug_field", None)
        keys = keys_once(auto_schema, queryset, key)
        if keys is not None and field.allow_null:
            keys = [*keys, None]
        return _with_keys(schema, keys, queryset.model._meta.verbose_name, key)


class DecimalStringExtension(OpenApiSerializerFieldExtension):
    """Decimals are strings: the pattern says which (drf-spectacular's also matches "")."""

    target_class = "rest_framework.fields.DecimalField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        if schema.get("type") == "string":
            schema["pattern"] = decimal_pattern(self.target)
        return schema


class RegistryFilterExtension(DjangoFilterExtension):
    """django-filter parameters, with the existing keys of natural-key filters."""

    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        for parameter in parameters:
            schema = parameter["schema"]
            values = schema.get("items", schema)
            if isinstance(filter_field, NaturalKeyFilter):
                key = filter_field.extra.get("to_field_name")
                keys = keys_once(auto_schema, filter_field.queryset, key)
                _with_keys(values, keys, filter_field.queryset.model._meta.verbose_name, key)
            if values.get("type") == "string" and not ({"enum", KEYS} & set(values)):
                _describe_text(values, filter_field)
            if schema.get("type") == "array":
                # An empty list would be sent as "?ordering=", which is refused.
                schema["minItems"] = 1
            repeats = (
                "Repeat the parameter for OR (e.g. ?{0}=a&{0}=b)."
                if takes_repeats(filter_field)
                else "One value: a repeated parameter is a 400."
            ).format(field_name)
            parameter["description"] = " ".join(
                part for part in (parameter.get("description"), repeats) if part
            )
        return parameters


def _describe_text(schema: dict, filter_field) -> None:
    """What ``StrictFilterBackend`` and the filter's form field accept as text: not empty,
    no NUL, within ``max_length``, matching the filter's own pattern if it has one."""
    schema["minLength"] = 1
    if filter_field.extra.get("max_length"):
        schema["maxLength"] = filter_field.extra["max_length"]
    patterns = [
        validator.regex.pattern
        for validator in filter_field.extra.get("validators", [])
        if isinstance(validator, RegexValidator) and not validator.inverse_match
    ]
    schema.setdefault("pattern", patterns[0] if patterns else NO_NUL)


LANGUAGE_PARAMETER = {
    "name": "lang",
    "in": "query",
    "required": False,
    "schema": {"type": "string", "enum": ["en", "fr", "es"]},
    "description": (
        "Language of translated fields (names, titles, descriptions an editor translated; "
        "the English text where none was added) and of error messages. Without it, the "
        "`Accept-Language` header chooses; English by default. Field names and keys never "
        "change. Any other value answers 400; takes one value (a repeated parameter is a 400)."
    ),
}


def document_language(result, generator, request, public):
    """Postprocessing hook: every operation takes ``?lang=en|fr|es`` (core.i18n)."""
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in ("get", "put", "patch", "post", "delete", "head"):
                continue
            parameters = operation.setdefault("parameters", [])
            if not any(p.get("name") == "lang" and p.get("in") == "query" for p in parameters):
                parameters.append(dict(LANGUAGE_PARAMETER))
    return result
