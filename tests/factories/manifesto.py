"""Factories for the manifesto: ``ManifestoPageFactory(parent=home_page)`` (three professions),
``SignatureFactory(manifesto=page)`` (pending; the existing manifesto when none is given) and ``SignatureFactory(manifesto=page, confirmed=True)``.
``bulk_signatures(page, n)`` inserts many confirmed public signatures at once and refreshes the count."""

import factory
import wagtail_factories
from django.utils import timezone

from manifesto.models import ManifestoPage, ManifestoProfession, Signature, refresh_signature_count
from manifesto.tokens import normalize_email


class ManifestoPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ManifestoPage
        skip_postgeneration_save = True

    title = "Le manifeste"
    slug = "manifeste"
    intro = "Dix engagements des professionnels du web."
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Nous nous engageons.</p>")])
    signature_goal = 1000
    show_wall = True
    confirmation_email_text = "Merci d'avoir signé !"
    thank_you_text = "<p>Merci pour votre signature.</p>"

    @factory.post_generation
    def professions(obj, create, extracted, **kwargs):  # noqa: N805
        if not create:
            return
        names = extracted if extracted is not None else ["Développeur·se", "Designer", "Rédacteur·rice"]
        for index, name in enumerate(names):
            ManifestoProfession.objects.create(page=obj, name=name, sort_order=index)


class SignatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signature
        skip_postgeneration_save = True

    # The existing manifesto (e.g. the demo's) unless one is given.
    manifesto = factory.LazyFunction(lambda: ManifestoPage.objects.order_by("path").first())
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Signataire{n}")
    email = factory.Sequence(lambda n: f"signataire{n}@example.org")
    role = "Développeuse"
    organisation = "Association du quartier"
    city = "Lyon"
    is_public = True

    @factory.post_generation
    def confirmed(obj, create, extracted, **kwargs):  # noqa: N805
        """``confirmed=True`` confirms through the model, so the stored count goes up."""
        if create and extracted:
            obj.confirm()


def bulk_signatures(page, count, prefix="bulk", public=True):
    now = timezone.now()
    rows = [
        Signature(
            manifesto=page,
            first_name="Dominique",
            last_name=f"{prefix.title()}{n}",
            email=f"{prefix}{n}@example.org",
            email_normalized=normalize_email(f"{prefix}{n}@example.org"),
            role="Graphiste",
            organisation="Collectif",
            city="Nantes",
            is_public=public,
            created_at=now,
            confirmed_at=now,
        )
        for n in range(count)
    ]
    Signature.objects.bulk_create(rows)
    refresh_signature_count(page)
    return rows
