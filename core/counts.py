"""Counts of related rows as correlated subqueries.

Two ``Count(..., distinct=True)`` annotations over different relations join both tables at
once: their product per row (at scale 1, 30,000 objective links x 100,000 references for
the objectives page) ran into the statement timeout. A subquery per count reads each
relation once, through its foreign-key index.
"""

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce


def count_of(queryset, fk: str):
    """The number of ``queryset`` rows whose ``fk`` is the outer row, 0 when none."""
    counted = (
        queryset.filter(**{fk: OuterRef("pk")})
        .order_by()
        .values(fk)
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))
