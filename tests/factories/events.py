"""Factories for the live trainings.

``AgendaPageFactory(parent=home_page)``, ``WorkshopPageFactory(parent=agenda)`` (in person, in Lyon by
default), ``SessionFactory(page=workshop, starts_in=timedelta(days=10))`` (two hours long, twelve seats,
saved straight to the database as the published page would), ``RegistrationFactory(session=session)``
(confirmed by default; ``status="waiting"`` or ``"pending"`` for the others).
"""

from datetime import timedelta

import factory
import wagtail_factories
from django.utils import timezone

from events.models import AgendaPage, Registration, Session, WorkshopPage


class AgendaPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = AgendaPage

    title = "Agenda"
    slug = "ateliers"
    intro = "Ateliers, webinaires et permanences."


class WorkshopPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = WorkshopPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Atelier {n}")
    slug = factory.Sequence(lambda n: f"atelier-{n}")
    summary = "Deux heures pour mettre en pratique, en petit groupe."
    format = "in_person"
    level = "beginner"


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session
        exclude = ("starts_in", "duration")

    starts_in = timedelta(days=10)
    duration = timedelta(hours=2)
    page = None
    starts_at = factory.LazyAttribute(lambda o: (timezone.now() + o.starts_in).replace(microsecond=0))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + o.duration)
    capacity = 12
    venue = "Maison des associations"
    address = "12 rue de la République"
    city = "Lyon"
    sort_order = factory.Sequence(lambda n: n)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    session = None
    name = factory.Sequence(lambda n: f"Participante {n}")
    email = factory.Sequence(lambda n: f"participante{n}@example.org")
    organisation = "Les Amis du quartier"
    status = Registration.Status.CONFIRMED
    confirmed_at = factory.LazyAttribute(lambda o: timezone.now() if o.status == "confirmed" else None)
    queued_at = factory.LazyAttribute(lambda o: timezone.now() if o.status == "waiting" else None)
