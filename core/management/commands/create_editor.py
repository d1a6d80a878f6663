"""Create (or complete) a staff account in the Editors or Viewers group.

    manage.py create_editor alice --email alice@iom.int            # asks for a password
    manage.py create_editor bob --viewer                           # read-only account
    ISCM_EDITOR_PASSWORD=... manage.py create_editor alice --no-input

A group alone does not let anyone into the admin: Django requires staff status too. This
command sets both, so an editor can log in at /admin/ straight away.
"""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.groups import EDITORS, VIEWERS, ensure_groups


class Command(BaseCommand):
    help = "Create a staff account in the Editors group (or Viewers with --viewer)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--viewer", action="store_true", help="Viewers group (read only).")
        parser.add_argument(
            "--no-input",
            action="store_true",
            help="Read the password from ISCM_EDITOR_PASSWORD instead of asking.",
        )

    def handle(self, *args, username, email, viewer, no_input, **options):
        ensure_groups()
        group = Group.objects.get(name=VIEWERS if viewer else EDITORS)
        users = get_user_model()
        user = users.objects.filter(username=username).first()
        password = None
        if user is None or not user.has_usable_password():
            password = self._password(no_input, username)
        with transaction.atomic():
            created = user is None
            if created:
                user = users(username=username, email=email)
            elif email:
                user.email = email
            if password is not None:
                user.set_password(password)
            user.is_staff = True  # without it the admin refuses the login
            user.save()
            user.groups.add(group)
        verb = "Created" if created else "Updated"
        self.stdout.write(
            f"{verb} {username}: staff, in the {group.name} group. Log in at /admin/."
        )

    def _password(self, no_input, username):
        if no_input:
            password = os.environ.get("ISCM_EDITOR_PASSWORD", "")
            if not password:
                raise CommandError("Set ISCM_EDITOR_PASSWORD (or run without --no-input).")
        else:
            password = getpass.getpass(f"Password for {username}: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The two passwords differ.")
        try:
            validate_password(password)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        return password
