"""Sections other apps add to a volunteer's profile page (the live-trainings app will list a trainer's
upcoming sessions here), without this app importing them.

``register_profile_section(function)``: ``function(volunteer_page, request)`` returns ``None`` (nothing
to show) or ``{"template": "...", "context": {...}}``.
"""

_profile_sections = []


def register_profile_section(function):
    if function not in _profile_sections:
        _profile_sections.append(function)
    return function


def profile_sections():
    return list(_profile_sections)
