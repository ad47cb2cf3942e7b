"""python manage.py analyze [--article ID ...]"""

from django.core.management.base import BaseCommand, CommandError

from articles.models import Article
from factcheck.services import analyze_articles


class Command(BaseCommand):
    help = (
        "Find claims and cross-outlet evidence: for the given articles' stories, or for "
        "every article. Safe to re-run: nothing is duplicated, decided claims are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("--article", type=int, action="append", default=[], metavar="ID")

    def handle(self, *args, article, **options):
        ids = article or list(Article.objects.values_list("pk", flat=True))
        missing = set(ids) - set(Article.objects.filter(pk__in=ids).values_list("pk", flat=True))
        if missing:
            raise CommandError(f"no article with id {', '.join(map(str, sorted(missing)))}")
        if not ids:
            raise CommandError("there are no articles yet; import some with import_articles")
        summary = analyze_articles(article_ids=ids)
        self.stdout.write(
            f"analysed {summary.articles} articles in {summary.stories} stories: "
            f"{summary.claims_created} claims new, {summary.claims_updated} updated, "
            f"{summary.claims_removed} removed; {summary.evidence_created} passages new"
        )
