"""What the claim engine found, for pages of other apps (the import batch page) that
must not import factcheck themselves: data flows from articles to factcheck."""

from django import template
from django.db.models import Count

from factcheck.models import Claim, Relation

register = template.Library()


@register.simple_tag
def with_contradictions(files) -> list[tuple[object, int]]:
    """Each imported file (anything with an article_id) with how many of its article's
    claims another outlet contradicts; one query for all of them."""
    files = list(files)
    ids = [file.article_id for file in files if file.article_id]
    counts = dict(
        Claim.objects.checkable()
        .in_text()
        .filter(article_id__in=ids, evidence__relation=Relation.CONTRADICTS)
        .values("article_id")
        .annotate(count=Count("pk", distinct=True))
        .values_list("article_id", "count")
    )
    return [(file, counts.get(file.article_id, 0)) for file in files]
