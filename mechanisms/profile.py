"""A mechanism's profile in plain language: a lead composed from the recorded facts.

Nothing is invented: a fact the notes do not give is left out of the sentence rather than
guessed. Each fact's source stays on the page (footnotes); the lead only says what is known.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

KIND_PHRASES = {
    "rcp": "a regional consultative process on migration (RCP)",
    "irf": "an inter-regional forum on migration (IRF)",
    "global": "a global process on migration",
}


def _and_list(items):
    items = [str(i) for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + _(" and ") + items[-1]


def compose_lead(mechanism, *, regions, members=None, chairs=None) -> list[str]:
    """Plain sentences: what it is, where, since when, who runs it, who belongs to it."""
    name = mechanism.name
    if mechanism.acronym and mechanism.acronym not in name:
        name = f"{name} ({mechanism.acronym})"
    what = KIND_PHRASES.get(mechanism.kind, _("an inter-State consultation mechanism on migration"))
    sentence = f"{name} " + _("is") + f" {what}"
    region_names = [r.name for r in regions]
    if region_names:
        sentence += (
            " "
            + _("in")
            + " "
            + _and_list(("the Americas" if n == "Americas" else n) for n in region_names)
        )
    elif mechanism.region_label:
        sentence += f" ({mechanism.region_label})"
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
