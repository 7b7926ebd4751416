"""The editor's guide (docs/editor-guide.md) rendered inside the admin, in the admin's design.

The guide stays one Markdown file in the repository, readable on a code host and rewritten with the
screenshots by ``scripts/editor_guide_screenshots.py``; this view renders it for staff with
Python-Markdown (a table of contents from its headings) and serves its screenshots from
``docs/editor-guide/``. Both views sit behind ``register_admin_urls``, so only people who may open the
admin see them.
"""

import re
from functools import lru_cache
from pathlib import Path

import markdown
from django.conf import settings
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .typography import french_html

GUIDE_DIR = Path(settings.BASE_DIR) / "docs"
GUIDE_FILE = GUIDE_DIR / "editor-guide.md"
IMAGES_DIR = GUIDE_DIR / "editor-guide"
IMAGE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*\.png$")
FIRST_HEADING = re.compile(r"^\s*<h1[^>]*>.*?</h1>\s*", re.DOTALL)
IMAGE_SRC = re.compile(r'src="editor-guide/([a-z0-9][a-z0-9-]*\.png)"')


@lru_cache(maxsize=4)
def _render(mtime_ns, image_url_prefix):
    """Render the guide once per version of the file (the key holds its modification time)."""
    converter = markdown.Markdown(
        extensions=["toc", "attr_list", "sane_lists", "tables"],
        extension_configs={"toc": {"toc_depth": "2-3", "permalink": False}},
        output_format="html",
    )
    html = converter.convert(GUIDE_FILE.read_text(encoding="utf-8"))
    # The file's first heading is the admin page's title already.
    html = FIRST_HEADING.sub("", html, count=1)
    html = IMAGE_SRC.sub(lambda match: f'src="{image_url_prefix}{match.group(1)}" loading="lazy"', html)
    return french_html(html), converter.toc


def render_guide():
    """(body HTML, table of contents HTML) of the guide as it is on disk now."""
    prefix = reverse("editor_guide_image", args=["x.png"])[: -len("x.png")]
    body, toc = _render(GUIDE_FILE.stat().st_mtime_ns, prefix)
    return mark_safe(body), mark_safe(toc)  # noqa: S308 - the guide is the project's own file


class EditorGuideView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "home/admin/editor_guide.html"
    page_title = _("Editor's guide")
    header_icon = "help"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["guide"], context["guide_toc"] = render_guide()
        return context


def editor_guide_image(request, name):
    """A screenshot of the guide; only files of docs/editor-guide/ with a plain name."""
    path = IMAGES_DIR / name
    if not IMAGE_NAME.match(name) or not path.is_file():
        raise Http404(name)
    response = FileResponse(path.open("rb"), content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response
