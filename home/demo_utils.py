"""Helpers for the demo content loader: idempotent pages, generated images, rich text."""

import hashlib
import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

PALETTES = [
    ("#0a5c55", "#f6c445"),
    ("#1d3557", "#e76f51"),
    ("#2a6f3f", "#f4e285"),
    ("#5b2a86", "#f3a712"),
    ("#7a1f3d", "#ffd6a5"),
    ("#004e89", "#8ee3ef"),
]


class DemoContext:
    """Passed to every app's ``demo.load(context)``: where to write and what was made before."""

    def __init__(self, stdout, home=None):
        self.stdout = stdout
        self.home = home
        self.created = 0
        # (email, first name, last name, user flags, group names) added by apps; created in DEBUG only.
        self.extra_dev_users = []

    def log(self, message):
        self.stdout.write(message)


def get_or_create_child(parent, model, slug, **fields):
    """Return the child page of ``parent`` with ``slug``, creating and publishing it if missing."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def demo_image(title, width=1200, height=800, seed=None):
    """A generated illustration (abstract shapes), saved once as a Wagtail image with ``title``."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    digest = hashlib.sha256((seed or title).encode()).digest()
    rng = random.Random(digest)  # noqa: S311 - decoration only
    background, accent = PALETTES[digest[0] % len(PALETTES)]
    picture = PILImage.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(picture)
    for _ in range(7):
        x, y = rng.randint(0, width), rng.randint(0, height)
        radius = rng.randint(height // 10, height // 3)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), outline=accent, width=rng.randint(6, 18))
    for _ in range(4):
        x, y = rng.randint(0, width), rng.randint(0, height)
        draw.rectangle((x, y, x + rng.randint(60, 260), y + rng.randint(20, 80)), fill=accent)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    slug = hashlib.md5(title.encode(), usedforsecurity=False).hexdigest()[:10]
    image = Image(title=title)
    image.file = ImageFile(buffer, name=f"demo-{slug}.png")
    image.save()
    return image
