"""python manage.py export_claims --format json|csv [--internal] [--output FILE]"""

import sys

from django.core.management.base import BaseCommand, CommandError

from factcheck.exports import csv_lines, json_document
from factcheck.models import Claim


class Command(BaseCommand):
    help = (
        "Write every claim with its evidence, newest verdict and publication as JSON "
        "(or one CSV row per claim). Notes: public ones only, unless --internal."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument(
            "--internal", action="store_true", help="include internal notes (not for readers)"
        )
        parser.add_argument("--output", metavar="FILE", help="default: standard output")

    def handle(self, *args, format, internal, output, **options):
        claims = Claim.objects.all()
        write = json_document if format == "json" else csv_lines
        pieces = write(claims, internal=internal)
        if not output:
            try:
                for piece in pieces:
                    sys.stdout.write(piece)
            except BrokenPipeError:  # the reader (head, less) stopped early
                sys.stderr.close()
            return
        try:
            with open(output, "w", encoding="utf-8", newline="") as file:
                for piece in pieces:
                    file.write(piece)
        except OSError as error:
            raise CommandError(f"cannot write {output}: {error.strerror}") from None
        self.stderr.write(f"wrote {claims.count()} claims to {output}")
