from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core.synthetic import Plan, clear, synthesize, synthetic_counts


def _database_name() -> str:
    return str(connection.settings_dict["NAME"])


class Command(BaseCommand):
    help = (
        "Fill the database with synthetic but valid data for benchmarks (scale 1: 10,000 "
        "mechanisms, 100,000 references, 50,000 answers), marked 'synthetic-' / '[synthetic]'. "
        "Never touches seeded rows; --clear removes only synthetic rows."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        size = parser.add_mutually_exclusive_group()
        size.add_argument("--scale", type=float, help="1 = 10,000 mechanisms; 0.001 = 10.")
        size.add_argument(
            "--mechanisms", type=int, help="Size by mechanism count (sets the scale)."
        )
        parser.add_argument(
            "--clear",
            action="store_true",
            help="Remove the synthetic rows first (alone: only remove them).",
        )
        confirm = parser.add_mutually_exclusive_group()
        confirm.add_argument(
            "--yes", action="store_true", help="Confirm writing to the configured database."
        )
        confirm.add_argument(
            "--database-name",
            metavar="NAME",
            help="Confirm by naming the database; refused unless it is the one configured.",
        )
        parser.add_argument("--batch-size", type=int, default=5000)

    def handle(self, *args, scale, mechanisms, clear: bool, yes, database_name, **options):
        if scale is None and mechanisms is None and not clear:
            raise CommandError("Say how much: --scale N or --mechanisms N (or --clear).")
        name = _database_name()
        if not yes and database_name is None:
            raise CommandError(
                f"synthesize writes synthetic rows into the database {name!r}. To confirm, run "
                f"again with --yes or --database-name {name}."
            )
        if database_name is not None and database_name != name:
            raise CommandError(
                f"--database-name {database_name!r} is not the configured database {name!r}; "
                "nothing was written."
            )
        try:
            plan = (
                Plan.for_mechanisms(mechanisms)
                if mechanisms is not None
                else Plan.at_scale(scale)
                if scale is not None
                else None
            )
        except ValueError as error:
            raise CommandError(str(error)) from None

        if clear:
            _clear_and_report(self)
            if plan is None:
                return
        elif existing := synthetic_counts():
            listed = ", ".join(f"{n} {label}" for label, n in existing.items())
            raise CommandError(
                f"The database already holds synthetic rows ({listed}). Add --clear to "
                "replace them."
            )
        counts = synthesize(plan, batch_size=options["batch_size"])
        listed = ", ".join(f"{n:,} {label}" for label, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Synthesized in {name!r}: {listed}."))


def _clear_and_report(command) -> None:
    removed = clear()
    listed = ", ".join(f"{n:,} {label}" for label, n in removed.items()) or "nothing"
    command.stdout.write(f"Removed synthetic rows: {listed}.")
