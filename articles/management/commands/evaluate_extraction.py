"""python manage.py evaluate_extraction FOLDER --truth FILE [--outlets FILE] [--baseline]"""

import json
import math
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.evaluation import evaluate_folder, importer, plain_trafilatura

TARGETS = {
    "body token F1": 0.97,
    "pages stored as markup": 0,
    "pages cut short by our rules": 0,
    "headline right": 0.95,
    "outlet name right": 0.95,
}


class Command(BaseCommand):
    help = (
        "Score the importer on a folder of saved pages against hand-checked text "
        "(the article-extraction benchmark's ground-truth format)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "folder", metavar="FOLDER", help="the saved pages, <id>.html or <id>.html.gz"
        )
        parser.add_argument(
            "--truth",
            required=True,
            metavar="FILE",
            help='{"<id>": {"articleBody": ..., "url": ...}}',
        )
        parser.add_argument(
            "--outlets",
            metavar="FILE",
            help='{"<id>": "Outlet name" or ["accepted", "names"]}, when the truth has no "outlet"',
        )
        parser.add_argument(
            "--baseline",
            action="store_true",
            help="score plain trafilatura instead of the importer",
        )
        parser.add_argument(
            "--show", type=int, default=0, metavar="N", help="list the N worst pages"
        )

    def handle(self, *args, folder, truth, outlets, baseline, show, **options):
        folder = Path(folder)
        if not folder.is_dir():
            raise CommandError(f"{folder}: no such folder")
        truth_data = read_json(Path(truth), "ground truth")
        outlet_truth = read_json(Path(outlets), "outlets file") if outlets else {}
        missing = []
        report = evaluate_folder(
            folder,
            truth_data,
            outlet_truth=outlet_truth,
            read=plain_trafilatura if baseline else importer(max_bytes=50 * 2**20),
            missing=missing.append,
        )
        if not report.pages:
            raise CommandError(
                f"{folder}: none of the {len(truth_data)} pages of the truth file is there"
            )
        self.stdout.write("plain trafilatura" if baseline else "the importer")
        for name, value in report.figures().items():
            target = TARGETS.get(name)
            shown = f"{value:.3f}" if isinstance(value, float) else f"{value}"
            if target is not None and not (isinstance(value, float) and math.isnan(value)):
                met = value >= target if isinstance(target, float) else value <= target
                shown += f"   (target {target}: {'met' if met else 'NOT MET'})"
            self.stdout.write(f"  {name:<40} {shown}")
        removed = report.removed_truth_by_kind()
        if removed:
            self.stdout.write(
                "  hand-checked words our rules removed, by kind (pages, mean share):"
            )
            for kind, (pages, share) in removed.items():
                self.stdout.write(f"    {kind:<38} {pages:>3} pages, {share:.1%}")
        if missing:
            self.stdout.write(f"  {len(missing)} pages of the truth file are not in the folder")
        for page in sorted(report.pages, key=lambda page: page.f1)[:show]:
            problem = (
                f"refused: {page.refused}"
                if page.refused
                else f"P {page.precision:.2f} R {page.recall:.2f}"
            )
            self.stdout.write(f"  {page.f1:.3f} {page.page[:12]} {page.url[:60]} {problem}")


def read_json(path: Path, what: str) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CommandError(f"{path}: {error.strerror or error}") from None
    except ValueError as error:
        raise CommandError(f"{path}: the {what} is not valid JSON ({error})") from None
    if not isinstance(data, dict):
        raise CommandError(f"{path}: the {what} must be one JSON object keyed by page id")
    return data
