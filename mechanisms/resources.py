"""CSV/XLSX import and export of mechanisms, with relations written as slugs."""

from import_export import fields

from core.resources import (
    NaturalKeyForeignKeyWidget,
    NaturalKeyManyToManyWidget,
    RegistryResource,
)

from .models import Mechanism, Organization, Region


class MechanismResource(RegistryResource):
    """One row per mechanism, keyed by slug; regions, partners and sources as ``a|b`` slugs."""

    regions = fields.Field(
        attribute="regions",
        column_name="regions",
        widget=NaturalKeyManyToManyWidget(Region),
    )
    secretariat_organization = fields.Field(
        attribute="secretariat_organization",
        column_name="secretariat_organization",
        widget=NaturalKeyForeignKeyWidget(Organization, field="slug"),
    )
    partners = fields.Field(
        attribute="partners",
        column_name="partners",
        widget=NaturalKeyManyToManyWidget(Organization),
    )

    class Meta:
        model = Mechanism
        import_id_fields = ("slug",)
        fields = (
            "slug",
            "acronym",
            "name",
            "kind",
            "status",
            "regions",
            "region_label",
            "secretariat",
            "secretariat_organization",
            "partners",
            "year_established",
            "website",
            "description",
            "sources",
        )
        export_order = fields
