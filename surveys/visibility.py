"""Who sees which responses and answers.

A draft is the mechanism's own working copy until it is submitted: only that mechanism's
secretariat (its members) and staff who may read responses see it. An answer to a question
that asks for personal data (``Question.personal_data``: the respondent's name, institution,
position) is shown only to those same people, on the pages they log in to; never on a public
page, in the API or in the dump.
"""

from __future__ import annotations

from django.db.models import Q


def reads_all_responses(user) -> bool:
    return user.is_authenticated and user.has_perm("surveys.view_response")


def member_mechanism_ids(user):
    from secretariats.models import Membership

    return Membership.objects.mechanism_ids(user)


def visible_responses(user) -> Q:
    """A ``Response`` filter: submitted ones, plus drafts ``user`` may see."""
    if reads_all_responses(user):
        return Q()
    visible = Q(status="submitted")
    if user.is_authenticated:
        visible |= Q(mechanism__in=member_mechanism_ids(user))
    return visible


def sees_personal_answers(user, mechanism) -> bool:
    """Whether ``user`` may see ``mechanism``'s answers to personal-data questions."""
    if reads_all_responses(user):
        return True
    return (
        user.is_authenticated
        and member_mechanism_ids(user).filter(mechanism_id=mechanism.pk).exists()
    )


# An ``Answer`` filter for every public reader (API, dump, results): no personal data.
PUBLIC_ANSWERS = Q(question__personal_data=False)
