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
