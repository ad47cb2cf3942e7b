"""Background work, through Django's tasks framework: ids in, services called."""

from dataclasses import asdict

from django.tasks import task

from . import services


@task()
def analyze_articles(*, article_ids: list[int]) -> dict:
    """Group the articles into stories and analyse those stories."""
    return asdict(services.analyze_articles(article_ids=article_ids))
