"""``manage.py remind --survey SLUG``: e-mail the mechanisms that have not submitted yet."""

from django.core.management.base import BaseCommand, CommandError

from surveys.mail import reminders_send
from surveys.models import Survey


class Command(BaseCommand):
    help = "Send a reminder to every invited mechanism that has not submitted its answers."

    def add_arguments(self, parser):
        parser.add_argument("--survey", required=True, help="The survey's slug.")

    def handle(self, *args, survey, **options):
        try:
            survey_obj = Survey.objects.get(slug=survey)
        except Survey.DoesNotExist:
            raise CommandError(f"No survey with slug '{survey}'.") from None
        report = reminders_send(survey=survey_obj)
        for invitation in report.sent:
            self.stdout.write(f"reminded {invitation.mechanism.slug}")
        for invitation in report.no_address:
            self.stderr.write(f"no secretariat e-mail for {invitation.mechanism.slug}")
        self.stdout.write(
            f"{len(report.sent)} reminder(s) sent; "
            f"{len(report.no_address)} mechanism(s) without an address."
        )
