from django.contrib.auth.decorators import login_required
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from articles.models import Article


@require_safe
@login_required
def story_list(request) -> TemplateResponse:
    articles = Article.objects.select_related("outlet", "story").order_by(
        "story", "-published", "outlet__name"
    )
    return TemplateResponse(request, "factcheck/story_list.html", {"articles": articles})
