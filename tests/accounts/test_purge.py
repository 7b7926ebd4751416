from datetime import timedelta
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from tests.factories.accounts import UserFactory

User = get_user_model()


def joined(days_ago, **kwargs):
    user = UserFactory(**kwargs)
    User.objects.filter(pk=user.pk).update(date_joined=timezone.now() - timedelta(days=days_ago))
    return user


def test_purge_deletes_only_old_never_verified_never_used_accounts(db):
    abandoned = joined(31, verified=False)
    recent = joined(5, verified=False)
    verified = joined(100)
    logged_in_once = joined(100, verified=False)
    User.objects.filter(pk=logged_in_once.pk).update(last_login=timezone.now() - timedelta(days=90))
    staff = joined(100, verified=False, is_staff=True)
    out = StringIO()

    call_command("purge_unverified_accounts", stdout=out)

    remaining = set(User.objects.values_list("pk", flat=True))
    assert abandoned.pk not in remaining
    assert {recent.pk, verified.pk, logged_in_once.pk, staff.pk} <= remaining
    assert "1 " in out.getvalue()


def test_purge_days_option_and_dry_run(db):
    user = joined(10, verified=False)

    call_command("purge_unverified_accounts", "--days", "7", "--dry-run", stdout=StringIO())
    assert User.objects.filter(pk=user.pk).exists()

    call_command("purge_unverified_accounts", "--days", "7", stdout=StringIO())
    assert not User.objects.filter(pk=user.pk).exists()
