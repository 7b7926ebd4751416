import pytest
from wagtail.blocks.struct_block import StructBlockValidationError

from home.blocks import (
    AccessibleTableBlock,
    BaseStreamBlock,
    CalloutBlock,
    FAQBlock,
    HeadingBlock,
    ImageBlock,
    LinkBlock,
    QuoteBlock,
    VideoBlock,
)


def test_every_shared_block_has_full_metadata():
    for name, block in BaseStreamBlock().child_blocks.items():
        meta = block.meta
        assert meta.icon, name
        assert meta.template, name
        assert meta.description, name
        assert meta.group, name


def test_heading_renders_the_chosen_level():
    block = HeadingBlock()
    assert block.render(block.to_python({"text": "Objectifs", "level": "h3"})).strip() == (
        '<h3 class="block-heading">Objectifs</h3>'
    )
    assert "<h2" in block.render(block.to_python({"text": "Objectifs", "level": "h2"}))


@pytest.mark.django_db
def test_image_block_demands_alt_text_unless_decorative():
    from home.demo_utils import demo_image

    image = demo_image("Test bloc image")
    block = ImageBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "decorative": False}))
    assert "alt_text" in error.value.block_errors
    assert block.clean(block.to_python({"image": image.pk, "alt_text": "", "decorative": True}))
    value = block.clean(block.to_python({"image": image.pk, "alt_text": "Trois bénévoles", "caption": "Atelier"}))
    html = block.render(value)
    assert 'alt="Trois bénévoles"' in html
    assert 'loading="lazy"' in html and "srcset=" in html
    assert "<figcaption>Atelier</figcaption>" in html


def test_link_block_needs_exactly_one_destination():
    block = LinkBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"label": "Lien", "page": None, "url": ""}))
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"label": "", "page": None, "url": "https://example.org"}))
    assert "label" in error.value.block_errors


def test_faq_uses_details_so_it_works_without_javascript():
    block = FAQBlock()
    html = block.render(block.to_python(block.meta.preview_value))
    assert html.count("<details") == 2
    assert "<summary>La formation est-elle gratuite ?</summary>" in html


def test_callout_and_quote_render_accessible_markup():
    callout = CalloutBlock()
    html = callout.render(callout.to_python(callout.meta.preview_value))
    assert '<aside class="callout callout--tip" aria-label="Astuce">' in html
    quote = QuoteBlock()
    html = quote.render(quote.to_python(quote.meta.preview_value))
    assert "<blockquote>" in html and "<figcaption>" in html


def test_table_has_caption_and_header_cells():
    block = AccessibleTableBlock()
    value = block.to_python(
        {
            "caption": "Tarifs",
            "table": {
                "data": [["Formule", "Prix"], ["Adhésion", "10 €"]],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
            },
        }
    )
    html = block.render(value)
    assert "<caption>Tarifs</caption>" in html
    assert '<th scope="col">Formule</th>' in html
    assert "<td>10 €</td>" in html


def test_video_block_takes_an_https_address_only():
    block = VideoBlock()
    for url in ("http://www.youtube.com/watch?v=aqz-KE-bpKQ", "javascript:alert(1)", "ftp://example.org/v.mp4", ""):
        with pytest.raises(StructBlockValidationError) as error:
            block.clean(block.to_python({"video": url, "title": "Titre"}))
        assert "video" in error.value.block_errors, url
    value = block.clean(block.to_python({"video": "https://vimeo.com/76979871", "title": "Titre"}))
    assert value["video"] == "https://vimeo.com/76979871"


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://www.youtube.com/watch?v=aqz-KE-bpKQ", "YouTube"),
        ("https://youtu.be/aqz-KE-bpKQ", "YouTube"),
        ("https://m.youtube.com/watch?v=aqz-KE-bpKQ", "YouTube"),
        ("https://player.vimeo.com/video/76979871", "Vimeo"),
        ("https://www.dailymotion.com/video/x7tgad0", "Dailymotion"),
        ("https://videos.example.org/w/4f2c", "videos.example.org"),
    ],
)
def test_video_block_names_the_site_the_link_leads_to(url, host):
    block = VideoBlock()
    html = block.render(block.to_python({"video": url, "title": "Nos statuts"}))
    assert f'href="{url}"' in html
    assert f"Regarder la vidéo « Nos statuts » sur {host}" in html
    assert "<iframe" not in html


def test_video_block_reads_what_the_former_embed_block_stored():
    """The embed block stored the address as a string: the same value renders as a link, and an old
    value that is not a web address is never turned into one."""
    block = VideoBlock()
    html = block.render(block.to_python({"video": "http://vimeo.com/76979871", "title": "Ancien", "transcript": ""}))
    assert 'href="http://vimeo.com/76979871"' in html
    html = block.render(block.to_python({"video": "javascript:alert(1)", "title": "Piège", "transcript": ""}))
    assert "href=" not in html and "javascript:" not in html
    assert "Piège" in html
