"""Cache backends that degrade instead of failing (docs/caching.md).

The cache is an optimisation: when it is down (Redis stopped, cache table missing), a read answers
"not cached", a write is dropped and a warning is logged, so the page is served uncached instead of
failing with a 500. Django's own backends do everything else; these only catch the errors of the
service behind them.

django-ratelimit counts in the same cache: with ``RATELIMIT_FAIL_OPEN`` a failed count lets the
request through (the forms keep working during an outage, without their rate limit).
"""

import logging
import time

from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache
from django.db import DatabaseError

logger = logging.getLogger(__name__)

# One warning per cache connection and per this many seconds, not one per cache call of every request.
WARNING_INTERVAL = 30


class DegradingCacheMixin:
    """Catches ``errors`` in every cache operation: reads miss, writes are dropped, a warning is logged."""

    errors = ()
    _last_warning = 0.0

    def _failed(self, operation):
        now = time.monotonic()
        if not self._last_warning or now - self._last_warning >= WARNING_INTERVAL:
            self._last_warning = now
            logger.warning("Cache unavailable (%s): serving without it", operation, exc_info=True)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except self.errors:
            self._failed("get")
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except self.errors:
            self._failed("get_many")
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except self.errors:
            self._failed("has_key")
            return False

    def add(self, key, value, timeout=None, version=None, **kwargs):
        try:
            return super().add(key, value, timeout, version, **kwargs)
        except self.errors:
            self._failed("add")
            return False

    def set(self, key, value, timeout=None, version=None, **kwargs):
        try:
            return super().set(key, value, timeout, version, **kwargs)
        except self.errors:
            self._failed("set")
            return None

    def set_many(self, data, timeout=None, version=None, **kwargs):
        try:
            return super().set_many(data, timeout, version, **kwargs)
        except self.errors:
            self._failed("set_many")
            return list(data)

    def touch(self, key, timeout=None, version=None):
        try:
            return super().touch(key, timeout, version)
        except self.errors:
            self._failed("touch")
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except self.errors:
            self._failed("delete")
            return False

    def delete_many(self, keys, version=None):
        try:
            return super().delete_many(keys, version)
        except self.errors:
            self._failed("delete_many")
            return None

    def incr(self, key, delta=1, version=None):
        # A missing key still raises ValueError, as Django documents; an outage answers None, which
        # django-ratelimit reads as "count unknown" (RATELIMIT_FAIL_OPEN lets the request through).
        try:
            return super().incr(key, delta, version)
        except self.errors:
            self._failed("incr")
            return None

    def decr(self, key, delta=1, version=None):
        try:
            return super().decr(key, delta, version)
        except self.errors:
            self._failed("decr")
            return None

    def clear(self):
        try:
            return super().clear()
        except self.errors:
            self._failed("clear")
            return None


class DatabaseCache(DegradingCacheMixin, DatabaseCache):
    """Django's database cache (shared by every worker using the database); created by
    ``manage.py createcachetable``, which ``make run``, ``make serve`` and the test database run."""

    errors = (DatabaseError,)


def _redis_errors():
    import redis

    return (redis.RedisError, OSError)


class RedisCache(DegradingCacheMixin, RedisCache):
    """Django's Redis cache, for several machines (``REDIS_URL``)."""

    errors = _redis_errors()


def create_cache_table(using="default", verbosity=1, **kwargs):
    """post_migrate: the database cache's table is made by every ``migrate`` (``createcachetable``
    does nothing when it exists or when no cache is a database cache)."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
