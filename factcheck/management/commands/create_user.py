"""python manage.py create_user NAME --group Editors|Viewers [--reset-password]"""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

GROUPS = ["Editors", "Viewers"]


class Command(BaseCommand):
    help = "Create a newsroom user in a group and print a fresh random password."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--group", choices=GROUPS, required=True)
        parser.add_argument(
            "--reset-password",
            action="store_true",
            help="if the user exists, give it a new password instead of failing",
        )

    @transaction.atomic
    def handle(self, *args, username, group, reset_password, **options):
        User = get_user_model()
        try:
            group_row = Group.objects.get(name=group)
        except Group.DoesNotExist:
            raise CommandError(f"group {group!r} does not exist; run migrate first") from None
        user = User.objects.filter(username=username).first()
        if user and not reset_password:
            raise CommandError(f"user {username!r} exists; pass --reset-password to renew it")
        if user is None:
            user = User(username=username)
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.save()
        user.groups.add(group_row)
        self.stdout.write(f"login: {username}  password: {password}  ({group})")
