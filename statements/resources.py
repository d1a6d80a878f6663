"""CSV/XLSX import and export of statements, relations by natural key (``a|b``)."""

from import_export import fields

from core.resources import NaturalKeyForeignKeyWidget, NaturalKeyManyToManyWidget, RegistryResource
from countries.models import Country
from events.models import Event, Person
from gcm.models import Objective
from mechanisms.models import Mechanism, Organization
from sources.models import Document

from .models import Statement


class StatementResource(RegistryResource):
    """One row per statement, keyed by slug; the document and event by slug, objectives by
    number, States by ISO code, mechanisms and organisations by slug."""

    document = fields.Field(
        attribute="document",
        column_name="document",
        widget=NaturalKeyForeignKeyWidget(Document, field="slug"),
    )
    event = fields.Field(
        attribute="event", column_name="event", widget=NaturalKeyForeignKeyWidget(Event, "slug")
    )
    speaker = fields.Field(
        attribute="speaker",
        column_name="speaker",
        widget=NaturalKeyForeignKeyWidget(Person, field="slug"),
    )
    restates = fields.Field(
        attribute="restates",
        column_name="restates",
        widget=NaturalKeyForeignKeyWidget(Statement, field="slug"),
    )
    objectives = fields.Field(
        attribute="objectives",
        column_name="objectives",
        widget=NaturalKeyManyToManyWidget(Objective, field="number"),
    )
    mechanisms = fields.Field(
        attribute="mechanisms",
        column_name="mechanisms",
        widget=NaturalKeyManyToManyWidget(Mechanism),
    )
    organizations = fields.Field(
        attribute="organizations",
        column_name="organizations",
        widget=NaturalKeyManyToManyWidget(Organization),
    )
    countries = fields.Field(
        attribute="countries",
        column_name="countries",
        widget=NaturalKeyManyToManyWidget(Country, field="code"),
    )

    class Meta:
        model = Statement
        import_id_fields = ("slug",)
        fields = (
            "slug",
            "kind",
            "text",
            "document",
            "place",
            "position",
            "event",
            "speaker",
            "objectives",
            "mechanisms",
            "organizations",
            "countries",
            "actors",
            "restates",
            "sources",
        )
        export_order = fields
