"""python manage.py seed_load ARTICLES [--editors N] [--password PASSWORD] [--seed N]

Fills an empty database with ARTICLES made-up articles in stories, their claims,
evidence and verdicts, with bulk inserts (factcheck.seeding), and N Editors
(editor01 ...) for a load test. Refuses a database that already holds articles
unless --into-non-empty.
"""

import secrets
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError

from factcheck.seeding import DatabaseNotEmpty, seed_workbench


class Command(BaseCommand):
    help = "Fill an empty database with a busy workbench, for load tests."

    def add_arguments(self, parser):
        parser.add_argument("articles", type=int)
        parser.add_argument("--editors", type=int, default=20)
        parser.add_argument(
            "--password", default="", help="the editors' password (default: a random one, printed)"
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--into-non-empty",
            action="store_true",
            help="seed even though the database holds articles (never on real data)",
        )

    def handle(self, *args, articles, editors, password, seed, into_non_empty, **options):
        password = password or secrets.token_urlsafe(12)
        started = time.perf_counter()
        try:
            seeded = seed_workbench(
                articles=articles,
                editors=editors,
                password=password,
                seed=seed,
                into_non_empty=into_non_empty,
            )
        except (DatabaseNotEmpty, ValueError) as error:
            raise CommandError(str(error)) from None
        except IntegrityError:
            raise CommandError(
                "these made-up articles are already here (seeded before?): pass another --seed"
            ) from None
        self.stdout.write(
            f"Seeded in {time.perf_counter() - started:.1f} s: {seeded.outlets} outlets, "
            f"{seeded.stories} stories, {seeded.articles} articles, {seeded.claims} claims, "
            f"{seeded.evidence} passages of evidence, {seeded.verdicts} verdicts, "
            f"{seeded.published} published, {seeded.set_aside} set aside as not a claim.\n"
            f"Editors {seeded.editors[0]} to {seeded.editors[-1]}, password: {password}"
        )
