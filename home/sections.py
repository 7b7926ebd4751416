"""Sections that feature apps add to pages ``home`` owns (the home page, the account page), without
``home`` or ``accounts`` importing them.

An app registers, in its ``AppConfig.ready()``::

    register_section("home", "community/includes/home_figures.html", context=community_figures, order=30)

and the template of the place renders them with ``{% load home_sections %}{% sections "home" %}``.
``context(request)`` returns the section's context (a dict), or None to leave the section out; it must
be cheap (it runs on every page view) and must not depend on who asks when the place is a public page.
"""

_sections = {}


def register_section(place, template, context=None, order=100):
    sections = [section for section in _sections.get(place, []) if section[1] != template]
    sections.append((order, template, context))
    _sections[place] = sorted(sections, key=lambda section: (section[0], section[1]))


def sections_for(place):
    return list(_sections.get(place, []))
