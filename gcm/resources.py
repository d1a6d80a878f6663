"""CSV/XLSX import and export of references, keyed by document slug, wording and paragraph."""

from import_export import fields

from core.resources import (
    NaturalKeyForeignKeyWidget,
    NaturalKeyManyToManyWidget,
    RegistryResource,
)
from mechanisms.models import Mechanism
from sources.models import Document

from .models import Objective, Reference


class ReferenceResource(RegistryResource):
    """One row per wording per paragraph. ``objective`` may stay empty: the model derives it
    from the paragraph number and refuses one that disagrees."""

    document = fields.Field(
        attribute="document",
        column_name="document",
        widget=NaturalKeyForeignKeyWidget(Document, field="slug"),
    )
    mechanisms = fields.Field(
        attribute="mechanisms",
        column_name="mechanisms",
        widget=NaturalKeyManyToManyWidget(Mechanism),
    )
    objective = fields.Field(
        attribute="objective",
        column_name="objective",
        widget=NaturalKeyForeignKeyWidget(Objective, field="number"),
    )

    class Meta:
        model = Reference
        import_id_fields = ("document", "wording", "paragraph")
        fields = (
            "document",
            "paragraph",
            "wording",
            "group",
            "heading",
            "quote",
            "note",
            "mechanisms",
            "objective",
            "sources",
        )
        export_order = fields
