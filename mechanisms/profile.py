"""A mechanism's profile in plain language: a lead composed from the recorded facts.

Nothing is invented: a fact the notes do not give is left out of the sentence rather than
guessed. Each fact's source stays on the page (footnotes); the lead only says what is known.
"""

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.models import translated

KIND_PHRASES = {
    "rcp": gettext_lazy("a regional consultative process on migration (RCP)"),
    "irf": gettext_lazy("an inter-regional forum on migration (IRF)"),
    "global": gettext_lazy("a global process on migration"),
}


def _and_list(items):
    items = [str(i) for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def compose_lead(mechanism, *, regions, members=None, chairs=None) -> list[str]:
    """Plain sentences: what it is, where, since when, who runs it, who belongs to it.

    Names read in the page's language where an editor translated them (core.models)."""
    name = translated(mechanism, "name")[0]
    if mechanism.acronym and mechanism.acronym not in name:
        name = f"{name} ({mechanism.acronym})"
    what = KIND_PHRASES.get(mechanism.kind) or _(
        "an inter-State consultation mechanism on migration"
    )
    english = translation.get_language() in (None, "en")
    region_names = [translated(r, "name")[0] for r in regions]
    if region_names:
        where = _and_list(
            ("the Americas" if n == "Americas" and english else n) for n in region_names
        )
        sentence = _("%(name)s is %(what)s in %(regions)s") % {
            "name": name,
            "what": what,
            "regions": where,
        }
    elif mechanism.region_label:
        sentence = _("%(name)s is %(what)s (%(label)s)") % {
            "name": name,
            "what": what,
            "label": mechanism.region_label,
        }
    else:
        sentence = _("%(name)s is %(what)s") % {"name": name, "what": what}
    if mechanism.year_established:
        sentence += ", " + _("established in %(year)s") % {"year": mechanism.year_established}
    sentences = [sentence + "."]
    if mechanism.status:
        sentences.append(
            _("The notes describe it as %(status)s.")
            % {"status": mechanism.get_status_display().lower()}
        )
    secretariat = mechanism.secretariat or mechanism.secretariat_organization
    if secretariat:
        sentences.append(_("Its secretariat: %(who)s.") % {"who": str(secretariat).rstrip(".")})
    if members:
        sentences.append(
            ngettext(
                "%(count)d member State is recorded.",
                "%(count)d member States are recorded.",
                members,
            )
            % {"count": members}
        )
    if chairs:
        sentences.append(_("Chaired by %(chairs)s.") % {"chairs": _and_list(chairs)})
    return sentences


def group_objective_links(links):
    """One entry per distinct supporting sentence, with the objectives it bears on.

    A note often ties one sentence ("New working groups were created…") to five objectives:
    the profile shows it once, listing the five.
    """
    groups = {}
    for link in links:
        key = link.statement.strip()
        entry = groups.setdefault(key, {"statement": key, "objectives": [], "sources": {}})
        entry["objectives"].append(link.objective)
        for doc in link.sources.all():
            entry["sources"].setdefault(doc.pk, doc)
    return [{**entry, "sources": list(entry["sources"].values())} for entry in groups.values()]


# The roles the lead names, in this order ("Chaired by …").
_LEAD_ROLES = ["chair", "co-chair", "incoming-chair", "secretariat"]


def _role_sentence(role: str, count: int) -> str:
    if role == "chair":
        return ngettext("Chaired by %(states)s.", "Chaired by %(states)s.", count)
    if role == "co-chair":
        return ngettext("Co-chaired by %(states)s.", "Co-chaired by %(states)s.", count)
    if role == "incoming-chair":
        return ngettext("Incoming chair: %(states)s.", "Incoming chairs: %(states)s.", count)
    return ngettext("Secretariat held by %(states)s.", "Secretariat held by %(states)s.", count)


def _state_with_time(membership) -> str:
    when = membership.period or (str(membership.year) if membership.year else "")
    return f"{membership.country.name} ({when})" if when else membership.country.name


def _sources_of(records) -> list:
    seen = {}
    for record in records:
        for doc in record.sources.all():
            seen.setdefault(doc.pk, doc)
    return list(seen.values())


def compose_membership_lead(memberships, figures) -> list[tuple[str, list]]:
    """Sentences on who belongs to and who chairs the mechanism, each with its sources.

    ``memberships``: the mechanism's States in their roles (country and sources prefetched);
    ``figures``: published sizes given without a list ("50 States"), said as printed.
    """
    parts = []
    members = [m for m in memberships if m.role == "member"]
    if members:
        count = len(members)
        sentence = ngettext(
            "The notes name %(count)d member State.",
            "The notes name %(count)d member States.",
            count,
        ) % {"count": count}
        parts.append((sentence, _sources_of(members)))
    for figure in figures:
        what = figure.size
        if figure.scope:
            sentence = _("The notes count %(what)s for %(scope)s.") % {
                "what": what,
                "scope": figure.scope,
            }
        else:
            sentence = _("The notes count %(what)s taking part.") % {"what": what}
        parts.append((sentence, _sources_of([figure])))
    for role in _LEAD_ROLES:
        holders = [m for m in memberships if m.role == role]
        if holders:
            states = _and_list(_state_with_time(m) for m in holders)
            sentence = _role_sentence(role, len(holders)) % {"states": states}
            parts.append((sentence, _sources_of(holders)))
    return parts


ROLE_SHADES = {
    "chair": "role-chair",
    "co-chair": "role-chair",
    "incoming-chair": "role-chair",
    "former-chair": "role-former",
    "secretariat": "role-secretariat",
    "member": "role-member",
    "observer": "role-observer",
}
# When a State holds several roles the map shows the first of these.
_ROLE_ORDER = ["role-chair", "role-secretariat", "role-member", "role-observer", "role-former"]


def membership_shades(memberships) -> dict:
    """{State: map shade class} for the mechanism's States, one shade per State."""
    shades = {}
    for m in memberships:
        shade = ROLE_SHADES.get(m.role, "role-member")
        current = shades.get(m.country_id)
        if current is None or _ROLE_ORDER.index(shade) < _ROLE_ORDER.index(current[1]):
            shades[m.country_id] = (m.country, shade)
    return dict(shades.values())
