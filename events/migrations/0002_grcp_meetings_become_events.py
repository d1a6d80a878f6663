"""Every GRCP meeting becomes an event of kind ``grcp``.

Forward: one Event per existing mechanisms.Meeting (slug ``grcp-<number>``, citing the
meeting's sources); the meeting keeps its number, report, participations and survey links.
Backward: those events go again; the meetings are untouched, so nothing is lost either way.
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
    Event = apps.get_model("events", "Event")
    Event.objects.filter(kind="grcp").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("mechanisms", "0003_ordering_by_fk_id"),
    ]

    operations = [migrations.RunPython(meetings_to_events, events_to_meetings)]
