"""Writes that keep a GRCP meeting and its event together."""

from django.db import transaction

from events.models import Event, EventKind


@transaction.atomic
def event_for_meeting(*, meeting) -> Event:
    """The GRCP event of ``meeting``, created (slug ``grcp-<number>``, the meeting's sources)
    if it has none yet: every GRCP meeting is an event."""
    event = Event.objects.filter(meeting=meeting).first()
    if event is None:
        event = Event(slug=f"grcp-{meeting.number}", kind=EventKind.GRCP, meeting=meeting)
        event.full_clean()
        event.save()
        event.sources.set(meeting.sources.all())
    return event
