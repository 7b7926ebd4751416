"""Personal pages are ``Cache-Control: private, no-store`` (#17, finding 7): neither a proxy or CDN in
front of the site nor the browser of a shared computer keeps a member's dashboard, attestations, account
pages or personal-data download. Anything else answered to a session is at least ``private``."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories.accounts import UserFactory
from tests.factories.courses import CertificateFactory, CourseIndexPageFactory, EnrollmentFactory, build_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(home_page):
    user = UserFactory(email="apprenante@example.org")
    course = build_course(CourseIndexPageFactory(parent=home_page), lessons=1, quizzes=0)
    enrollment = EnrollmentFactory(user=user, course=course, completed_at=timezone.now())
    user.certificate = CertificateFactory(enrollment=enrollment)
    user.course = course
    return user


def _personal_urls(learner):
    code = learner.certificate.code
    return [
        reverse("courses:dashboard"),
        reverse("courses:certificate", args=[code]),
        reverse("courses:certificate_celebration", args=[code]),
        reverse("courses:certificate_pdf", args=[code]),
        reverse("courses:reminder_preferences"),
        reverse("account_profile"),
        reverse("account_email"),
        reverse("account_change_password"),
        reverse("mfa_index"),
        reverse("account_export"),
        reverse("account_delete"),
        "/en" + reverse("courses:dashboard"),
    ]


def _directives(response):
    return {part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",") if part.strip()}


def test_every_personal_page_is_private_and_never_stored(client, learner):
    client.force_login(learner)

    for url in _personal_urls(learner):
        response = client.get(url)
        assert response.status_code == 200, url
        assert {"private", "no-store"} <= _directives(response), (url, response.get("Cache-Control"))
        assert "public" not in _directives(response), url


def test_a_public_page_seen_by_a_member_is_private(client, learner):
    client.force_login(learner)

    response = client.get(learner.course.url)

    assert response.status_code == 200
    assert "private" in _directives(response)


def test_the_same_public_page_stays_shareable_for_anonymous_visitors(client, learner):
    response = client.get(learner.course.url)

    assert response.status_code == 200
    assert "private" not in _directives(response)
