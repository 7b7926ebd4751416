"""The demo content tells the association's true story (issue 14): hero button, manifesto in the menus,
the association's figures on the home page."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    call_command("load_demo", stdout=open(tmp_path / "out.txt", "w"))  # noqa: SIM115


def test_home_has_its_hero_button_and_the_manifesto_is_in_the_menu_and_footer(client, demo):
    html = client.get("/").content.decode()
    assert "Découvrir les formations gratuites" in html
    header = html[html.index("<header") : html.index("</header>")]
    footer = html[html.index("<footer") : html.index("</footer>")]
    assert "Le Manifeste des 1000" in header and "Le Manifeste des 1000" in footer


def test_home_gives_the_associations_figures_not_the_demo_database_counts(client, demo):
    html = client.get("/").content.decode()
    assert "1\u202f400" in html or "1\u00a0400" in html or "1 400" in html
    assert "professionnels du web bénévoles" in html
    assert "associations aidées chaque année" in html
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 - idempotent: no second link
    from home.models import NavigationSettings

    navigation = NavigationSettings.objects.get()
    assert sum(1 for link in navigation.footer_links if link.value["page"].title == "Le Manifeste des 1000") == 1


def test_one_demo_quiz_has_an_attempt_limit(demo):
    from courses.models import QuizPage

    quiz = QuizPage.objects.get(slug="quiz-rgpd")
    assert quiz.max_attempts == 3
