"""Keep the stored count right whatever removes a confirmed signature (withdrawal, staff deletion,
account deletion, a deleted page), and give each new manifesto its count row."""

from django.db.models.signals import post_delete, post_save


def _signature_deleted(sender, instance, **kwargs):
    from .models import change_signature_count

    if instance.confirmed_at is not None:
        change_signature_count(instance.manifesto_id, -1, create_missing=False)


def _manifesto_saved(sender, instance, created, **kwargs):
    from .models import SignatureCount

    if created:
        SignatureCount.objects.get_or_create(manifesto_id=instance.pk)


def connect():
    from .models import ManifestoPage, Signature

    post_delete.connect(_signature_deleted, sender=Signature, dispatch_uid="manifesto-signature-deleted")
    post_save.connect(_manifesto_saved, sender=ManifestoPage, dispatch_uid="manifesto-page-saved")
