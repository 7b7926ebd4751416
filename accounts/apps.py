from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from home.personal_data import register_exporter

        from .personal_data import export_account

        # The user row itself (and allauth's e-mail addresses, which cascade) goes when the
        # account is deleted, so the accounts app needs no eraser.
        register_exporter("account", export_account)
