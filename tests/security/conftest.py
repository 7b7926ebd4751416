"""Shared helpers for the security suite: find pages of the feature apps when they exist."""

import pytest
from django.apps import apps
from django.urls import NoReverseMatch, reverse


def get_model_or_none(label):
    """``apps.get_model`` that answers None while a feature app has not landed its model yet."""
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def live_page_url(label, **filters):
    """URL of the first live public page of type ``label`` ("courses.CoursePage"), or None."""
    model = get_model_or_none(label)
    if model is None:
        return None
    page = model.objects.live().public().filter(**filters).order_by("path").first()
    return page.url if page else None


def require_page_url(label, **filters):
    url = live_page_url(label, **filters)
    if url is None:
        pytest.skip(f"no live {label} page yet (app not landed or no demo content)")
    return url


def reverse_or_none(name, *args, **kwargs):
    try:
        return reverse(name, args=args or None, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def require_reverse(name, *args, **kwargs):
    url = reverse_or_none(name, *args, **kwargs)
    if url is None:
        pytest.skip(f"URL {name!r} does not exist yet")
    return url
