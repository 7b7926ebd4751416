"""The default cache is shared by every worker of a machine: a rate limit counts across processes.

Two separate Python processes with the production settings (as two gunicorn workers) count the same
visitor against one limit; the database cache's table comes with ``migrate``.
"""

import secrets

from tests.test_settings import production_env, run_python

COUNT = """
import django
django.setup()
from django.test import RequestFactory
from home.ratelimit import is_rate_limited
request = RequestFactory().post("/manifeste/", REMOTE_ADDR="203.0.113.7")
print(",".join(str(is_rate_limited(request, "shared-test", "5/d")) for _ in range(3)))
"""


def test_a_rate_limit_counts_across_worker_processes(tmp_path):
    env = production_env(tmp_path, SECRET_KEY=secrets.token_urlsafe(50))
    migrated = run_python(
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('migrate', verbosity=0)",
        env,
    )
    assert migrated.returncode == 0, migrated.stderr
    first = run_python(COUNT, env)
    second = run_python(COUNT, env)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert first.stdout.split() == ["False,False,False"]
    # Counts 4, 5 and 6 of a 5-a-day limit: the second worker sees the first one's requests.
    assert second.stdout.split() == ["False,False,True"]
