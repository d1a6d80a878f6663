"""Which places in the compact texts concern a mechanism: by name, or by its kind.

A reference concerns a mechanism when the gcm-data records link it to the mechanism
(GFMD, IDM, IMRF are named in the texts) or when its wording names the mechanism's kind:
every RCP is concerned by "regional consultative processes" (final GCM §47, §50, §52).
"""

from django.db import connection
from django.db.models import Q

from core.text import IndexedFold, fold
from gcm.models import Reference
from mechanisms.models import Mechanism, MechanismKind

# Lower-case fragments of a wording that name a kind of mechanism.
KIND_WORDINGS = {
    MechanismKind.RCP: ("regional consultative process",),
    MechanismKind.IRF: ("inter-regional", "interregional", "cross-regional"),
}


def kind_wording_q(kind: str, lookup: str = "wording__icontains") -> Q | None:
    """Wordings naming ``kind``, case aside (``lookup``: on the wording, or on a folded
    alias of it with ``folded__contains``)."""
    fragments = KIND_WORDINGS.get(kind, ())
    if not fragments:
        return None
    condition = Q()
    for fragment in fragments:
        condition |= Q(**{lookup: fold(fragment)})
    return condition


def _ids_concerning(mechanism: Mechanism):
    if connection.vendor != "postgresql":
        # One condition over the link and the wording: fine where every wording is read
        # anyway (SQLite has no index for a fragment of text).
        condition = Q(mechanisms=mechanism)
        if (by_kind := kind_wording_q(mechanism.kind)) is not None:
            condition |= by_kind
        return Reference.objects.filter(condition).values("pk")
    # PostgreSQL: the two ways a reference concerns a mechanism, each through its own index
    # (the link table's, the trigram index of search/migrations/0001 on the folded
    # wording), united. One condition with an OR across the link table made it read all
    # 100,000 references at scale 1: 0.5 s a profile.
    ids = Reference.mechanisms.through.objects.filter(mechanism=mechanism)
    ids = ids.order_by().values("reference_id")
    if (by_kind := kind_wording_q(mechanism.kind, "folded__contains")) is not None:
        named = Reference.objects.alias(folded=IndexedFold("wording")).filter(by_kind)
        ids = ids.union(named.order_by().values("pk"), all=True)
    return ids


def references_concerning(mechanism: Mechanism):
    """References naming the mechanism or its kind, final GCM first, in paragraph order."""
    # Filter by primary keys from a subquery rather than .distinct(): DISTINCT over a
    # TextField (the quote) is fine on PostgreSQL but makes ordering awkward.
    return (
        Reference.objects.filter(pk__in=_ids_concerning(mechanism))
        .select_related("document", "objective")
        .prefetch_related("sources")
        .order_by("-document__date", "document__slug", "paragraph_number", "paragraph", "wording")
    )
