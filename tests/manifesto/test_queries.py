"""Public manifesto pages cost a small, fixed number of queries whatever the number of signatures,
and the count is never a row count on a request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.manifesto import SignatureFactory, bulk_signatures

pytestmark = pytest.mark.django_db

PUBLIC_LIMIT = 12


def queries(client, url, django_assert_max_num_queries):
    client.get(url)
    client.get(url)  # warm-up: site data, renditions
    with django_assert_max_num_queries(PUBLIC_LIMIT), CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in context.captured_queries]


@pytest.mark.parametrize(
    "url", ["/manifeste/", "/manifeste/signataires/", "/manifeste/signataires/?page=999999&q=a", "/"]
)
def test_query_count_is_small_and_the_same_at_any_size(client, manifesto, django_assert_max_num_queries, url):
    SignatureFactory.create_batch(3, manifesto=manifesto, confirmed=True)
    small = queries(client, url, django_assert_max_num_queries)
    bulk_signatures(manifesto, 400)
    large = queries(client, url, django_assert_max_num_queries)
    assert len(small) == len(large), "\n".join(large)


def test_the_page_reads_the_stored_count_instead_of_counting_rows(client, manifesto, django_assert_max_num_queries):
    bulk_signatures(manifesto, 5)
    for url in ("/manifeste/", "/"):
        sql = queries(client, url, django_assert_max_num_queries)
        assert not any("COUNT(" in query.upper() and "manifesto_signature" in query for query in sql), sql
