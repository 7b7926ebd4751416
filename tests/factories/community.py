"""Factories for the community: ``HelpRequestPageFactory(parent=home_page)``,
``VolunteerIndexPageFactory(parent=home_page)``, ``VolunteerPageFactory(parent=index)``,
``HelpRequestFactory(page=page)`` (confirmed unless ``confirmed=False``) and ``ProposalFactory``."""

import factory
import wagtail_factories
from django.utils import timezone

from community.models import HelpRequest, HelpRequestPage, Proposal, VolunteerIndexPage, VolunteerPage


class HelpRequestPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HelpRequestPage

    title = "Demander un accompagnement"
    slug = "demander-un-accompagnement"
    intro = "Décrivez votre besoin : un ou une bénévole vous répond."


class VolunteerIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = VolunteerIndexPage

    title = "Nos bénévoles"
    slug = "benevoles"
    intro = "Les formatrices, formateurs et auteurs de Webassoc."


class VolunteerPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = VolunteerPage

    title = factory.Sequence(lambda n: f"Alex Bénévole{n}")
    slug = factory.Sequence(lambda n: f"benevole-{n}")
    role = "Développeuse web"
    bio = "Quinze ans de métier, dont cinq à former des associations."
    skills = factory.LazyFunction(lambda: ["development", "accessibility"])
    departement = "69"
    email = factory.Sequence(lambda n: f"benevole{n}@example.org")
    agreed_to_appear = True


class HelpRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HelpRequest

    page = factory.LazyFunction(lambda: HelpRequestPage.objects.first())
    association = factory.Sequence(lambda n: f"Les Jardins partagés {n}")
    city = "Villeurbanne"
    departement = "69"
    size = "small"
    cause = "environment"
    skills = factory.LazyFunction(lambda: ["development", "writing"])
    need = "Notre site ne s'affiche plus sur téléphone et nous voulons publier nos ateliers."
    timing = "month"
    contact_name = "Nadia Benali"
    contact_email = factory.Sequence(lambda n: f"contact{n}@jardins.example.org")
    consent_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyFunction(timezone.now)


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    request = factory.SubFactory(HelpRequestFactory)
