"""A session saved with more seats (an editor publishing the workshop page) moves its waiting list up."""

from django.db import transaction
from django.db.models.signals import post_save


def _session_saved(sender, instance, created, **kwargs):
    if created or kwargs.get("raw"):
        return
    session_id = instance.pk

    def promote():
        from .registrations import promote_waiting

        promote_waiting(session_id)

    transaction.on_commit(promote)


def connect():
    from .models import Session

    post_save.connect(_session_saved, sender=Session, dispatch_uid="events-session-saved")
