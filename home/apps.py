from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site")

    def ready(self):
        from django.db.models.signals import post_migrate

        from webassoc.cache_backends import create_cache_table

        from . import cache

        cache.connect_signals()
        # The shared database cache's table comes with the schema (docs/caching.md).
        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="webassoc-create-cache-table")
