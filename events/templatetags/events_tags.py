from django import template

register = template.Library()


@register.inclusion_tag("events/includes/home_upcoming.html", takes_context=True)
def next_sessions(context, count=3):
    """The next ``count`` sessions of the agenda, for the home page (renders nothing without any)."""
    from events.models import AgendaPage
    from events.views import upcoming_sessions

    request = context.get("request")
    sessions = upcoming_sessions(limit=count)
    agenda = AgendaPage.objects.live().first() if sessions else None
    return {"request": request, "sessions": sessions, "agenda": agenda}


@register.filter
def get_item(mapping, key):
    """``{{ my_registrations|get_item:session.pk }}``: the member's own registration for a session."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None
