from django.core.management.base import BaseCommand, CommandError

from core.dump import DumpError, load_dump


class Command(BaseCommand):
    # Like dumpdata/loaddata: moving data does not depend on admin or URL checks passing.
    requires_system_checks = []
    help = (
        "Load a dump made by 'manage.py dump' into a database whose registry tables are "
        "empty (run 'migrate' on a new database first). All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The dump's zip file.")

    def handle(self, *args, path, **options):
        try:
            with open(path, "rb") as stream:
                report = load_dump(stream)
        except FileNotFoundError:
            raise CommandError(f"No such file: {path}") from None
        except DumpError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {report.total} rows in {len(report.rows)} tables from {path} "
                f"(dump made {report.manifest.get('created_at')})."
            )
        )
