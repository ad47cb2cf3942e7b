"""python manage.py import_articles PATH [PATH ...] [--outlet NAME]"""

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
            "--outlet", default="", metavar="NAME", help="the outlet that published them all"
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
                    status = f"imported ({outcome.article.outlet.name})"
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
                found = sorted(
                    child
                    for child in path.rglob("*")
                    if child.is_file() and child.suffix.lower() in SUPPORTED_SUFFIXES
                )
                if not found:
                    failed += 1
                    wanted = ", ".join(SUPPORTED_SUFFIXES)
                    self.stderr.write(f"error: {path}: folder has no files to import ({wanted})")
                files.extend(found)
            elif path.exists():
                files.append(path)
            else:
                failed += 1
                self.stderr.write(f"error: {path}: no such file or folder")
        return files, failed


def describe(error: Exception) -> str:
    if isinstance(error, OSError):
        return error.strerror or str(error)
    if isinstance(error, DatabaseError):
        return f"the database refused it ({error}); nothing was written"
    return str(error)


def read_limited(path: Path) -> bytes:
    """The file's bytes, stopping one past the size limit (the importer refuses those)."""
    with path.open("rb") as file:
        return file.read(settings.ARTICLE_MAX_BYTES + 1)


def progress_bar(done: int, total: int, width: int = 24) -> str:
    filled = round(width * done / total)
    return f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
