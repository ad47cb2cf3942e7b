from django.apps import AppConfig


class FactcheckConfig(AppConfig):
    name = "factcheck"
    verbose_name = "Fact-checking"

    def ready(self):
        from articles.signals import articles_imported

        articles_imported.connect(queue_analysis, dispatch_uid="factcheck.queue_analysis")


def queue_analysis(sender, *, article_ids, **kwargs):
    """New articles were imported: analyse them in the background."""
    from .tasks import analyze_articles

    return analyze_articles.enqueue(article_ids=list(article_ids))
