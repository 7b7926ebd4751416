"""TwoEndedPaginator gives exactly Django's pages, reading the last ones from the end."""

import pytest
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.pagination import TwoEndedPaginator

pytestmark = pytest.mark.django_db


@pytest.fixture
def members():
    User = get_user_model()  # noqa: N806
    User.objects.bulk_create([User(email=f"membre{n:03}@example.org", first_name=f"M{n % 7}") for n in range(53)])
    # Ties on first_name: the pk decides, as in the site's lists (date then pk).
    return User.objects.order_by("first_name", "pk")


@pytest.mark.parametrize("orphans", [0, 3])
def test_every_page_holds_the_same_rows_in_the_same_order_as_djangos(members, orphans):
    expected = Paginator(members, 10, orphans=orphans)
    paginator = TwoEndedPaginator(members, 10, orphans=orphans)
    assert paginator.num_pages == expected.num_pages
    for number in expected.page_range:
        page, reference = paginator.page(number), expected.page(number)
        assert [user.pk for user in page.object_list] == [user.pk for user in reference.object_list], number
        assert (page.start_index(), page.end_index()) == (reference.start_index(), reference.end_index())


def test_the_last_page_is_read_from_the_end_with_a_small_offset(members):
    page = TwoEndedPaginator(members, 10).get_page(999)
    assert page.number == 6 and page.read_backwards
    with CaptureQueriesContext(connection) as queries:
        list(TwoEndedPaginator(members, 10).page(6).object_list)
    sql = queries[-1]["sql"]
    assert "DESC" in sql and "OFFSET" not in sql  # the last 3 rows: LIMIT 3, no offset


def test_the_first_page_is_read_forwards(members):
    page = TwoEndedPaginator(members, 10).page(1)
    assert not page.read_backwards
    assert [user.email for user in page.object_list][:1] == [members.first().email]
