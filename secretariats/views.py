"""A secretariat user chooses the language of their questionnaires and mails."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_POST

from core.i18n import remember_language

from .models import Membership


@require_POST
@login_required
def choose_language(request):
    """``POST language=fr``: every membership of the user takes that language (invitations,
    reminders and the questionnaire follow it); the site switches to it too."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        return HttpResponseBadRequest("Unknown language.")
    for membership in Membership.objects.filter(user=request.user).exclude(language=language):
        membership.language = language  # one save each: the history records every change
        membership.save(update_fields=["language"])
    with translation.override(language):
        target = reverse("surveys:mine")
    return remember_language(HttpResponseRedirect(target), language)
