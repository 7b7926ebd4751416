"""The daily cron jobs: one reminder, and the purge of signatures never confirmed."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from manifesto.models import ManifestoPage, Signature, SignatureCount
from tests.factories.manifesto import SignatureFactory
from tests.manifesto.conftest import confirm_link

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_reminder_goes_once_to_unconfirmed_signatures_older_than_n_days(client, manifesto):
    old = SignatureFactory(manifesto=manifesto, created_at=days_ago(4))
    SignatureFactory(manifesto=manifesto, created_at=days_ago(1))  # too recent
    SignatureFactory(manifesto=manifesto, created_at=days_ago(5), confirmed=True)  # confirmed
    mail.outbox.clear()
    assert "1 reminder(s) sent" in run("send_manifesto_reminders", "--days", "3")
    assert [message.to for message in mail.outbox] == [[old.email]]
    assert mail.outbox[0].subject.startswith("Rappel : confirmez votre signature")
    assert Signature.objects.get(pk=old.pk).reminder_sent_at is not None
    # The reminder's link works (a fresh one), and nobody is reminded twice.
    assert client.post(confirm_link(mail.outbox[0])).status_code == 302
    run("send_manifesto_reminders", "--days", "3")
    assert len(mail.outbox) == 1


def test_reminder_dry_run_sends_nothing(manifesto):
    SignatureFactory(manifesto=manifesto, created_at=days_ago(4))
    mail.outbox.clear()
    assert "1 reminder(s) would be sent" in run("send_manifesto_reminders", "--dry-run")
    assert mail.outbox == [] and Signature.objects.get().reminder_sent_at is None


def test_no_reminder_once_the_manifesto_is_closed(manifesto):
    SignatureFactory(manifesto=manifesto, created_at=days_ago(4))
    manifesto.closes_at = days_ago(1)
    manifesto.save_revision().publish()
    mail.outbox.clear()
    run("send_manifesto_reminders")
    assert mail.outbox == []


def test_purge_deletes_only_old_unconfirmed_signatures_and_keeps_the_count_right(manifesto):
    SignatureFactory(manifesto=manifesto, created_at=days_ago(20))
    recent = SignatureFactory(manifesto=manifesto, created_at=days_ago(2))
    confirmed = SignatureFactory(manifesto=manifesto, created_at=days_ago(30), confirmed=True)
    SignatureCount.objects.filter(manifesto=manifesto).update(confirmed=42)  # drifted: the purge recounts
    assert "1 unconfirmed signature(s) older than 14 days deleted" in run(
        "purge_unconfirmed_signatures", "--days", "14"
    )
    assert set(Signature.objects.values_list("pk", flat=True)) == {recent.pk, confirmed.pk}
    assert ManifestoPage.objects.get().signature_count == 1


def test_purge_dry_run_and_custom_days(manifesto):
    SignatureFactory(manifesto=manifesto, created_at=days_ago(3))
    assert "1 unconfirmed" in run("purge_unconfirmed_signatures", "--days", "2", "--dry-run")
    assert Signature.objects.count() == 1
    run("purge_unconfirmed_signatures", "--days", "2")
    assert Signature.objects.count() == 0


def test_default_timeline_reminder_link_still_valid_before_purge(client, manifesto):
    with freeze_time("2026-03-01 10:00:00"):
        signature = SignatureFactory(manifesto=manifesto)
    with freeze_time("2026-03-04 11:00:00"):
        mail.outbox.clear()
        run("send_manifesto_reminders")
        link = confirm_link(mail.outbox[0])
    with freeze_time("2026-03-10 10:00:00"):
        run("purge_unconfirmed_signatures")
        assert Signature.objects.filter(pk=signature.pk).exists()
        assert client.post(link).status_code == 302
