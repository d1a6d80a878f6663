"""CSV/XLSX import and export of memberships: State by ISO code, mechanism by slug."""

from import_export import fields

from core.resources import NaturalKeyForeignKeyWidget, RegistryResource
from mechanisms.models import Mechanism

from .models import Country, Membership


class MembershipResource(RegistryResource):
    """One row per State's role in a mechanism, keyed by country + mechanism + role."""

    country = fields.Field(
        attribute="country",
        column_name="country",
        widget=NaturalKeyForeignKeyWidget(Country, field="code"),
    )
    mechanism = fields.Field(
        attribute="mechanism",
        column_name="mechanism",
        widget=NaturalKeyForeignKeyWidget(Mechanism, field="slug"),
    )

    class Meta:
        model = Membership
        import_id_fields = ("country", "mechanism", "role")
        fields = ("country", "mechanism", "role", "period", "year", "quote", "note", "sources")
        export_order = fields
