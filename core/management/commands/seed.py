from django.core.management.base import BaseCommand

from core.seeding import seed


class Command(BaseCommand):
    help = (
        "Load the registry's seed data from fixtures/. Adds what is missing; reports records "
        "editors have changed instead of overwriting them (use --reset to restore the notes)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Restore records that differ from the notes to the notes' values.",
        )

    def handle(self, *args, reset=False, **options):
        report = seed(reset=reset)
        for difference in report.differences:
            self.stdout.write(self.style.WARNING(f"differs: {difference}"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Seed: {report.created} created, {report.unchanged} unchanged, "
                f"{report.reset} reset, {report.differing_records} differing "
                f"(from {len(report.files)} files)."
            )
        )
        if report.differing_records and not reset:
            self.stdout.write("Run 'manage.py seed --reset' to restore the notes' values.")
