"""python manage.py import_articles PATH [PATH ...] [--outlet NAME]"""

import os
import stat
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from articles.ingest import SUPPORTED_SUFFIXES, IngestError
from articles.services import announce_imported, import_article


class Command(BaseCommand):
    help = "Import article files (or folders of them). Re-importing a file changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
        parser.add_argument(
            "--outlet",
            default="",
            metavar="NAME",
            help='the outlet that wrote them all ("Associated Press via Times Union" for wire '
            "copy another site carried)",
        )

    def handle(self, *args, paths, outlet, **options):
        files, failed = self.collect(paths)
        imported, unchanged, unanalysed = [], 0, []
        for number, path in enumerate(files, start=1):
            try:
                outcome = import_article(
                    data=read_limited(path), source=path.name, outlet_name=outlet
                )
            except (IngestError, OSError, DatabaseError) as error:
                failed += 1
                self.stderr.write(f"error: {path}: {describe(error)}")
                status = "failed"
            else:
                if outcome.created:
                    imported.append(outcome.article)
                    status = f"imported ({outlet_of(outcome.article)})"
                else:
                    unchanged += 1
                    status = "unchanged"
                    if outcome.article.analyzed_at is None:
                        unanalysed.append(outcome.article)
            if len(files) > 1:
                self.stdout.write(f"{progress_bar(number, len(files))} {path.name}: {status}")
        announce_imported(imported + unanalysed)
        self.stdout.write(f"imported {len(imported)}, unchanged {unchanged}, failed {failed}")
        if imported or unanalysed:
            self.stdout.write(
                f"analysis of {len(imported) + len(unanalysed)} articles queued for the task "
                "worker (if none is running: manage.py db_worker, or manage.py analyze now)"
            )
        if failed:
            raise CommandError(f"{failed} failed to import; see the errors above")

    def collect(self, paths: list[str]) -> tuple[list[Path], int]:
        """The files to import, and how many paths could not give any."""
        files, failed = [], 0
        for name in paths:
            path = Path(name)
            if path.is_dir():
                named = sorted(
                    child for child in path.rglob("*") if child.suffix.lower() in SUPPORTED_SUFFIXES
                )
                found = [child for child in named if child.is_file()]
                special = [child for child in named if not child.is_file() and not child.is_dir()]
                for child in special:  # a named pipe would block the import forever
                    failed += 1
                    self.stderr.write(f"error: {child}: {NOT_A_FILE}")
                if not found and not special:
                    failed += 1
                    wanted = ", ".join(SUPPORTED_SUFFIXES)
                    self.stderr.write(f"error: {path}: folder has no files to import ({wanted})")
                files.extend(found)
            elif path.is_file():
                files.append(path)
            elif path.exists():
                failed += 1
                self.stderr.write(f"error: {path}: {NOT_A_FILE}")
            else:
                failed += 1
                self.stderr.write(f"error: {path}: no such file or folder")
        return files, failed


def outlet_of(article) -> str:
    via = f", via {article.via}" if article.via else ""
    return f"{article.outlet_label}{via}"


def describe(error: Exception) -> str:
    if isinstance(error, OSError):
        return error.strerror or str(error)
    if isinstance(error, DatabaseError):
        return f"the database refused it ({error}); nothing was written"
    return str(error)


NOT_A_FILE = "not a regular file (a named pipe, socket or device); import files or folders"


class NotAFile(OSError):
    def __init__(self):
        super().__init__(0, NOT_A_FILE)


def read_limited(path: Path) -> bytes:
    """The file's bytes, stopping one past the size limit (the importer refuses those).

    Opened without blocking and checked to be a regular file, so that a named pipe put
    in its place never stalls the import.
    """
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise NotAFile
        return file.read(settings.ARTICLE_MAX_BYTES + 1)


def progress_bar(done: int, total: int, width: int = 24) -> str:
    filled = round(width * done / total)
    return f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
