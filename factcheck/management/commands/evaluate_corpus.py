"""python manage.py evaluate_corpus [--check FOLDER ...]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from factcheck.corpus import CorpusError, describe, load_event


class Command(BaseCommand):
    help = "Score the claim engine on the development corpus, or check event folders."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            nargs="+",
            metavar="FOLDER",
            help="only check these event folders' annotations and say what they hold",
        )

    def handle(self, *args, check, **options):
        if check:
            for folder in check:
                try:
                    event = load_event(Path(folder))
                except CorpusError as error:
                    raise CommandError(str(error)) from None
                self.stdout.write(describe(event))
