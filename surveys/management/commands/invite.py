"""``manage.py invite --survey SLUG``: e-mail invitations to mechanisms not yet invited."""

from django.core.management.base import BaseCommand, CommandError

from surveys.mail import invitations_send
from surveys.models import Survey


class Command(BaseCommand):
    help = "E-mail the survey's invitation to every invited mechanism not yet mailed."

    def add_arguments(self, parser):
        parser.add_argument("--survey", required=True, help="The survey's slug.")
        parser.add_argument("--resend", action="store_true", help="Mail those already invited too.")

    def handle(self, *args, survey, resend, **options):
        try:
            survey_obj = Survey.objects.get(slug=survey)
        except Survey.DoesNotExist:
            raise CommandError(f"No survey with slug '{survey}'.") from None
        report = invitations_send(survey=survey_obj, resend=resend)
        for invitation in report.no_address:
            self.stderr.write(f"no secretariat e-mail for {invitation.mechanism.slug}")
        self.stdout.write(
            f"{len(report.sent)} invitation(s) sent; "
            f"{len(report.no_address)} mechanism(s) without an address."
        )
