"""Two admin writes that race each other end on a form with its message, not a server error.

Wagtail's page forms check that a slug is free, then the model checks it again when it saves. Between
the two, another request can take the slug: two editors creating "Agenda" under the same page at the
same moment, or an autosave creating the page while the same form is being published (the editor's
script holds the latter, see ``webassoc/static/js/admin-autosave-guard.js``; an older tab may not
have it). The model's check then raises a ``ValidationError`` out of the view: a 500, and the editor's
text gone.

The model's check runs before any row is written (and treebeard's ``add_child`` is atomic), so the
request is answered again, once: the form now sees the taken slug and shows it as an error, with
everything the editor typed. Only that error is retried: another ``ValidationError`` may come after a
write (a revision saved, then its publishing refused), and a second run would repeat the write.
"""

from django.core.exceptions import ValidationError

RETRIED = "_webassoc_admin_race_retried"


class AdminRaceRetryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        match = getattr(request, "resolver_match", None)
        if (
            not isinstance(exception, ValidationError)
            or "slug" not in getattr(exception, "error_dict", {})
            or request.method != "POST"
            or not request.path.startswith("/admin/pages/")
            or match is None
            or getattr(request, RETRIED, False)
        ):
            return None
        setattr(request, RETRIED, True)
        return match.func(request, *match.args, **match.kwargs)
