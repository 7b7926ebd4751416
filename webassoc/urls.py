from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap
from wagtail.documents import urls as wagtaildocs_urls

from accounts import views as account_views
from home import views as home_views

urlpatterns = [
    # One door for every log-in: the admin's log-in and password reset are the site's (allauth), placed
    # before Wagtail's own so that these win.
    path("admin/login/", account_views.admin_login, name="wagtailadmin_login"),
    path("admin/logout/", account_views.admin_logout, name="wagtailadmin_logout"),
    re_path(r"^admin/password_reset/(?P<rest>.*)$", account_views.admin_password_reset),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": Sitemap}}, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("favicon.ico", home_views.favicon, name="favicon"),
]

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    # Local media in development and in the browser suite; production serves them from object
    # storage or the web server.
    from django.views.static import serve

    urlpatterns.append(
        re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )

# Public pages: French at the root, English under /en/.
urlpatterns += i18n_patterns(
    path("", include("community.urls")),
    path("comptes/", include("accounts.urls")),
    path("recherche/", home_views.search, name="search"),
    path("", include("courses.urls")),
    path("", include("events.urls")),
    path("", include("manifesto.urls")),
    path("", include("news.urls")),
    # Wagtail's front-end log-in form (Django's LoginView) is the site's log-in too.
    path("_util/login/", account_views.frontend_login, name="wagtailcore_login"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
