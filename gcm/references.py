"""Which places in the compact texts concern a mechanism: by name, or by its kind.

A reference concerns a mechanism when the gcm-data records link it to the mechanism
(GFMD, IDM, IMRF are named in the texts) or when its wording names the mechanism's kind:
every RCP is concerned by "regional consultative processes" (final GCM §47, §50, §52).
"""

from django.db.models import Q

from gcm.models import Reference
from mechanisms.models import Mechanism, MechanismKind

# Lower-case fragments of a wording that name a kind of mechanism.
KIND_WORDINGS = {
    MechanismKind.RCP: ("regional consultative process",),
    MechanismKind.IRF: ("inter-regional", "interregional", "cross-regional"),
}


def kind_wording_q(kind: str) -> Q | None:
    fragments = KIND_WORDINGS.get(kind, ())
    if not fragments:
        return None
    condition = Q()
    for fragment in fragments:
        condition |= Q(wording__icontains=fragment)
    return condition


def references_concerning(mechanism: Mechanism):
    """References naming the mechanism or its kind, final GCM first, in paragraph order."""
    condition = Q(mechanisms=mechanism)
    if (by_kind := kind_wording_q(mechanism.kind)) is not None:
        condition |= by_kind
    # Filter by primary keys from a subquery rather than .distinct(): DISTINCT over a
    # TextField (the quote) is fine on PostgreSQL but makes ordering awkward.
    ids = Reference.objects.filter(condition).values("pk")
    return (
        Reference.objects.filter(pk__in=ids)
        .select_related("document", "objective")
        .prefetch_related("sources")
        .order_by("-document__date", "document__slug", "paragraph_number", "paragraph", "wording")
    )
