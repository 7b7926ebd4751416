from django import template
from django.utils.translation import ngettext

register = template.Library()


@register.inclusion_tag("news/includes/latest_news.html", takes_context=True)
def latest_news(context, count=3):
    """The ``count`` latest live, public articles as cards, with a link to all the news (3 queries).

    Renders nothing while there is no article, so the home page's block disappears gracefully.
    """
    from news.views import latest_articles

    request = context.get("request")
    articles = latest_articles(count)
    news_index_url = ""
    if articles:
        # An article's address is its news index's address plus its slug: no query for the index.
        url = articles[0].get_url(request) or ""
        suffix = f"{articles[0].slug}/"
        news_index_url = url[: -len(suffix)] if url.endswith(suffix) else ""
    return {"request": request, "articles": articles, "news_index_url": news_index_url}


@register.filter
def reading_time(minutes):
    """``4`` -> "4 minutes read" (translated: "4 minutes de lecture")."""
    try:
        minutes = int(minutes)
    except (TypeError, ValueError):
        return ""
    return ngettext("%(minutes)s minute read", "%(minutes)s minutes read", minutes) % {"minutes": minutes}
