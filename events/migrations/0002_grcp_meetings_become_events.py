"""Every GRCP meeting becomes an event of kind ``grcp``.

Forward: one Event per existing mechanisms.Meeting (slug ``grcp-<number>``, citing the
meeting's sources); the meeting keeps its number, report, participations and survey links.
Backward: those events go again unless they have gained sessions, roles, counts, documents,
dates or statements since; the meetings are untouched, so nothing is lost either way.
"""

from django.db import migrations


def meetings_to_events(apps, schema_editor):
    Meeting = apps.get_model("mechanisms", "Meeting")
    Event = apps.get_model("events", "Event")
    for meeting in Meeting.objects.all():
        if Event.objects.filter(meeting=meeting).exists():
            continue
        event = Event.objects.create(
            slug=f"grcp-{meeting.number}", kind="grcp", meeting=meeting, year=meeting.year
        )
        event.sources.set(meeting.sources.all())


def events_to_meetings(apps, schema_editor):
    """Remove only the bare events this migration made: an event that has gained sessions,
    roles, counts, documents, dates or statements since stays (nothing is lost)."""
    Event = apps.get_model("events", "Event")
    bare = Event.objects.filter(
        kind="grcp",
        start_date__isnull=True,
        sessions__isnull=True,
        roles__isnull=True,
        figures__isnull=True,
        event_documents__isnull=True,
    )
    try:
        Statement = apps.get_model("statements", "Statement")
    except LookupError:  # statements not migrated (or already unapplied)
        pass
    else:
        bare = bare.exclude(pk__in=Statement.objects.filter(event__isnull=False).values("event"))
    Event.objects.filter(pk__in=list(bare.values_list("pk", flat=True))).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("mechanisms", "0003_ordering_by_fk_id"),
    ]

    operations = [migrations.RunPython(meetings_to_events, events_to_meetings)]
