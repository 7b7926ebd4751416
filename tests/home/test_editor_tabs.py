"""The page editor of every page type: "Contenu", "Promotion" and "Réglages" tabs, settings in the
Réglages tab, natural add buttons, and each demo page saved again through the admin's edit form."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import querydict_from_html

from courses.models import CourseIndexPage, CoursePage, LessonPage, QuizPage
from home.models import HomePage, StandardPage
from manifesto.models import ManifestoPage
from news.models import NewsIndexPage, NewsPage

PAGE_TYPES = [
    HomePage,
    StandardPage,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    QuizPage,
    ManifestoPage,
    NewsIndexPage,
    NewsPage,
]

# The fields each page type keeps in its "Réglages" tab (names of the form's inputs).
SETTINGS_FIELDS = {
    CoursePage: ["issues_certificate"],
    LessonPage: ["estimated_minutes"],
    QuizPage: ["pass_mark", "max_attempts", "shuffle_questions", "show_answers", "estimated_minutes"],
    ManifestoPage: ["signature_goal", "closes_at", "show_wall", "professions-TOTAL_FORMS", "privacy_page"],
}

SETTINGS_HELP = "se règlent dans le panneau Statut"


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser(email="admin@example.org", password="x")
    client.force_login(user)
    return client


def first_page(model):
    return model.objects.order_by("path").first()


def tabs(html):
    """{tab label: its panel} of the page editor, in order."""
    soup = WagtailTestUtils.get_soup(html)
    found = {}
    for link in soup.select("[role=tablist] a[role=tab]"):
        label = link.find(string=True, recursive=False).strip()
        found[label] = soup.find(id=link["href"].removeprefix("#"))
    return found


def _flatten_block(block, state, prefix, data):
    """Form data of one block value, as the editor's JavaScript posts it, from the block's form state."""
    if isinstance(block, blocks.StreamBlock):
        data[f"{prefix}-count"] = str(len(state))
        for index, child in enumerate(state):
            item = f"{prefix}-{index}"
            data.update({f"{item}-type": child["type"], f"{item}-deleted": "", f"{item}-order": str(index)})
            data[f"{item}-id"] = child.get("id") or ""
            _flatten_block(block.child_blocks[child["type"]], child["value"], f"{item}-value", data)
    elif isinstance(block, blocks.ListBlock):
        data[f"{prefix}-count"] = str(len(state))
        for index, child in enumerate(state):
            item = f"{prefix}-{index}"
            data.update({f"{item}-deleted": "", f"{item}-order": str(index), f"{item}-id": child.get("id") or ""})
            _flatten_block(block.child_block, child["value"], f"{item}-value", data)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            _flatten_block(child_block, state.get(name), f"{prefix}-{name}", data)
    elif isinstance(block, blocks.BooleanBlock):
        if state:
            data[prefix] = "on"
    elif isinstance(state, dict) and "id" in state:  # choosers (image, page, document)
        data[prefix] = str(state["id"])
    elif isinstance(state, dict):  # table
        data[prefix] = json.dumps(state)
    elif isinstance(state, list):  # select: the chosen values
        data[prefix] = [str(value) for value in state]
    else:
        data[prefix] = "" if state is None else str(state)


def edit_form_data(html, page):
    """What the browser would post from the edit view: the form's inputs, plus the StreamFields
    (built in the browser by JavaScript, so absent from the HTML)."""
    data = querydict_from_html(html, form_id="page-edit-form")
    # A ticked box without a value attribute is sent as "on" by browsers (the helper sends "").
    form = WagtailTestUtils.get_soup(html).find("form", id="page-edit-form")
    for box in form.find_all("input", type="checkbox", checked=True):
        if "value" not in box.attrs:
            data.setlist(box["name"], ["on"])
    for field in type(page)._meta.get_fields():
        if isinstance(field, StreamField):
            flat = {}
            block = field.stream_block
            _flatten_block(block, block.get_form_state(getattr(page, field.name)), field.name, flat)
            for key, value in flat.items():
                data.setlist(key, value if isinstance(value, list) else [value])
    return data


def same_stream(first, second):
    """Same blocks and values, ignoring the keys Draftail gives to paragraphs of rich text."""

    def normalised(stream):
        return re.sub(r' data-block-key=\\"\w+\\"', "", json.dumps(stream.get_prep_value(), ensure_ascii=False))

    return normalised(first) == normalised(second)


@pytest.mark.django_db
def test_every_page_type_has_content_promotion_and_settings_tabs(admin_client, demo_content):
    for model in PAGE_TYPES:
        page = first_page(model)
        response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, model.__name__
        found = tabs(response.content.decode())
        labels = list(found)
        assert labels[0] == "Contenu" and labels[-2:] == ["Promotion", "Réglages"], (model.__name__, labels)
        settings_tab = found["Réglages"]
        assert SETTINGS_HELP in settings_tab.get_text(" "), model.__name__
        for name in SETTINGS_FIELDS.get(model, []):
            assert settings_tab.find(attrs={"name": name}), f"{model.__name__}: {name} is not in the Réglages tab"
            assert not found["Contenu"].find(attrs={"name": name}), f"{model.__name__}: {name} is still in Contenu"
    # The news articles keep their fourth tab for date, authors, category and tags.
    assert list(tabs(admin_client.get(f"/admin/pages/{first_page(NewsPage).pk}/edit/").content.decode())) == [
        "Contenu",
        "Détails",
        "Promotion",
        "Réglages",
    ]


@pytest.mark.django_db
def test_promotion_tab_no_longer_offers_the_unused_show_in_menus_box(admin_client, demo_content):
    html = admin_client.get(f"/admin/pages/{first_page(StandardPage).pk}/edit/").content.decode()
    promotion = tabs(html)["Promotion"]
    assert promotion.find(attrs={"name": "slug"}) and promotion.find(attrs={"name": "search_description"})
    assert 'name="show_in_menus"' not in html


@pytest.mark.django_db
def test_every_demo_page_saves_again_through_the_edit_form(admin_client, demo_content):
    for model in PAGE_TYPES:
        page = first_page(model)
        url = f"/admin/pages/{page.pk}/edit/"
        revisions = page.revisions.count()
        response = admin_client.post(url, edit_form_data(admin_client.get(url).content.decode(), page))
        if response.status_code != 302:
            form = response.context["form"]
            errors = {name: formset.errors for name, formset in form.formsets.items() if any(formset.errors)}
            details = {
                name: [getattr(error, "as_json_data", lambda e=error: e.messages)() for error in field_errors]
                for name, field_errors in form.errors.as_data().items()
            }
            pytest.fail(f"{model.__name__} was not saved: {details} {errors}")
        page.refresh_from_db()
        assert page.revisions.count() == revisions + 1, model.__name__
        draft = page.get_latest_revision_as_object()
        if hasattr(page, "body"):
            assert [block.block_type for block in draft.body] == [block.block_type for block in page.body]
            assert same_stream(draft.body, page.body), model.__name__


@pytest.mark.django_db
def test_settings_tab_fields_are_saved(admin_client, demo_content):
    quiz = first_page(QuizPage)
    url = f"/admin/pages/{quiz.pk}/edit/"
    data = edit_form_data(admin_client.get(url).content.decode(), quiz)
    data["pass_mark"] = "55"
    data["max_attempts"] = "3"
    data["shuffle_questions"] = "on"
    response = admin_client.post(url, data)
    assert response.status_code == 302
    draft = QuizPage.objects.get(pk=quiz.pk).get_latest_revision_as_object()
    assert (draft.pass_mark, draft.max_attempts, draft.shuffle_questions) == (55, 3, True)
    assert draft.questions.count() == quiz.questions.count()

    manifesto = first_page(ManifestoPage)
    url = f"/admin/pages/{manifesto.pk}/edit/"
    data = edit_form_data(admin_client.get(url).content.decode(), manifesto)
    data["signature_goal"] = "2500"
    data.pop("show_wall", None)
    assert admin_client.post(url, data).status_code == 302
    draft = ManifestoPage.objects.get(pk=manifesto.pk).get_latest_revision_as_object()
    assert (draft.signature_goal, draft.show_wall) == (2500, False)
    assert draft.professions.count() == manifesto.professions.count()


@pytest.mark.django_db
def test_inline_add_buttons_read_naturally(admin_client, demo_content):
    for model, expected in [
        (QuizPage, ["Ajouter une question", "Ajouter une réponse"]),
        (ManifestoPage, ["Ajouter une profession"]),
        (NewsPage, ["Ajouter un auteur ou une autrice", "Ajouter une page liée"]),
        (HomePage, ["Ajouter une formation"]),
    ]:
        html = admin_client.get(f"/admin/pages/{first_page(model).pk}/edit/").content.decode()
        soup = WagtailTestUtils.get_soup(html)
        buttons = {" ".join(button.get_text().split()) for button in soup.select("button[id$='-ADD']")}
        for text in expected:
            assert text in buttons, (model.__name__, buttons)
        assert "Ajouter un(e)" not in html, model.__name__
