"""Demo agenda: the RGPD workshop (twelve seats, one session full with a waiting list, a past one with
attendance), the drop-in of the first Wednesday at the Maison des associations, and a webinar linked
to the newsletter course. Dates are relative to the day the demo is loaded, so sessions are upcoming.
Idempotent: a workshop that exists is left as it is."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from courses.models import CoursePage, Theme, Trainer
from home.demo_utils import demo_image, get_or_create_child
from home.models import HomePage, NavigationSettings

from .models import AgendaPage, Registration, Session, WorkshopPage

PARIS_ADDRESS = {
    "venue": "Maison des associations",
    "address": "12 rue des Tanneurs, 69001 Lyon",
    "city": "Lyon",
    "access_info": "Métro A, arrêt Hôtel de Ville. Salle au rez-de-chaussée, accessible en fauteuil roulant ; "
    "boucle magnétique sur demande.",
    "map_url": "https://www.openstreetmap.org/search?query=12%20rue%20des%20Tanneurs%20Lyon",
}

PARTICIPANTS = [
    ("Amina Diallo", "Épicerie solidaire du Rhône"),
    ("Bruno Lemaire", "Club de basket de Vaise"),
    ("Chloé Martin", "Collectif Climat Croix-Rousse"),
    ("David Cohen", "Aide aux devoirs Part-Dieu"),
    ("Emma Rousseau", "Les Jardins partagés"),
    ("Farid Benkhelifa", "Association des parents d'élèves"),
    ("Gaëlle Perrin", "Théâtre du Quartier"),
    ("Hugo Lambert", "Vélo-école de Lyon"),
    ("Inès Moreau", "Accueil des exilés 69"),
    ("Jules Fontaine", "Chorale de la Guillotière"),
    ("Léa Girard", "Ressourcerie du 7e"),
    ("Mathis Roux", "Amicale des locataires"),
    ("Nora Haddad", "Bibliothèque de rue"),
    ("Olivier Petit", "Club photo de Gerland"),
]


def rt(*paragraphs):
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def _at(days, hour, minute=0, duration_minutes=120):
    """A start and an end ``days`` from today at ``hour`` (Paris time)."""
    today = timezone.localdate()
    start = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=days), datetime.time(hour, minute))
    )
    return start, start + datetime.timedelta(minutes=duration_minutes)


def _first_wednesdays(count):
    """The next ``count`` first Wednesdays of the month (today included if it is one)."""
    today = timezone.localdate()
    found, year, month = [], today.year, today.month
    while len(found) < count:
        day = datetime.date(year, month, 1)
        day += datetime.timedelta(days=(2 - day.weekday()) % 7)
        if day >= today:
            found.append(day)
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return [(day - today).days for day in found]


def _email(name):
    first, last = name.lower().split(" ", 1)
    for accented, plain in (("é", "e"), ("ë", "e"), ("è", "e"), ("ï", "i"), ("ç", "c")):
        first, last = first.replace(accented, plain), last.replace(accented, plain)
    return f"{first}.{last.replace(' ', '')}@exemple.org"


WORKSHOPS = [
    {
        "slug": "atelier-rgpd",
        "title": "Atelier RGPD : mettre son association en conformité",
        "summary": "Deux heures en petit groupe pour faire le point sur les données de vos adhérents, rédiger "
        "votre registre et vos mentions d'information. Places limitées à douze participants.",
        "format": "in_person",
        "theme": "donnees-et-droit",
        "level": "beginner",
        "course": "rgpd-pour-les-associations",
        "trainers": ["Élodie Roux"],
        "body": [
            ("heading", {"text": "Au programme", "level": "h2"}),
            (
                "paragraph",
                "<ul><li>Quelles données gardez-vous, pourquoi, combien de temps ?</li><li>Le registre des "
                "traitements, rempli ensemble sur un exemple réel.</li><li>Les mentions à ajouter à vos "
                "formulaires d'adhésion.</li></ul>",
            ),
            (
                "callout",
                {
                    "kind": "tip",
                    "title": "Venez avec vos documents",
                    "text": "<p>Apportez votre formulaire d'adhésion et, si possible, un ordinateur portable.</p>",
                },
            ),
        ],
        "sessions": [
            # (days from today, hour, seats, confirmed participants, people waiting, past attendance)
            (9, 18, 12, 12, 2),
            (37, 14, 12, 3, 0),
            (-30, 18, 12, 8, 0),
        ],
    },
    {
        "slug": "permanence-premier-mercredi",
        "title": "Permanence numérique du premier mercredi",
        "summary": "Sans rendez-vous : venez avec votre question (site, réseaux sociaux, lettre "
        "d'information, outils en ligne) et repartez avec une réponse. Le premier mercredi du mois, de 18 h à 20 h.",
        "format": "drop_in",
        "theme": "communication",
        "level": "beginner",
        "course": None,
        "trainers": ["Karim Benali", "Thomas Nguyen"],
        "body": [
            (
                "paragraph",
                rt(
                    "Chaque premier mercredi du mois, deux bénévoles vous accueillent à la Maison des "
                    "associations. L'inscription n'est pas obligatoire, mais elle nous aide à prévoir assez "
                    "de bénévoles."
                ),
            ),
        ],
        "sessions": "first_wednesdays",
    },
    {
        "slug": "webinaire-lettre-information",
        "title": "Webinaire : lancer sa lettre d'information",
        "summary": "Une heure en ligne pour choisir son outil, écrire un premier numéro et respecter le "
        "consentement de ses abonnés. Questions bienvenues.",
        "format": "online",
        "theme": "communication",
        "level": "beginner",
        "course": "lettre-information-email",
        "trainers": ["Thomas Nguyen"],
        "meeting_url": "https://visio.webassoc.example/lettre-information",
        "body": [
            (
                "paragraph",
                rt(
                    "Le webinaire reprend l'essentiel de la formation en ligne et laisse une large place à "
                    "vos questions. Il suffit d'un navigateur : aucun logiciel à installer."
                ),
            ),
        ],
        "sessions": [(14, 12, 100, 23, 0)],
    },
]


def _registrations(session, confirmed, waiting, past):
    now = timezone.now()
    people = PARTICIPANTS[: confirmed + waiting]
    for index, (name, organisation) in enumerate(people):
        is_waiting = index >= confirmed
        Registration.objects.get_or_create(
            session=session,
            email_normalized=_email(name),
            defaults={
                "name": name,
                "email": _email(name),
                "organisation": organisation,
                "status": Registration.Status.WAITING if is_waiting else Registration.Status.CONFIRMED,
                "confirmed_at": None if is_waiting else now,
                "queued_at": now if is_waiting else None,
                "attended": (index % 4 != 3) if past else None,
            },
        )


def load(context):
    home = context.home or HomePage.objects.first()
    agenda, created = get_or_create_child(
        home,
        AgendaPage,
        "ateliers",
        title="Agenda",
        intro="Ateliers en petits groupes, webinaires et permanences : des formations en direct avec nos "
        "bénévoles, gratuites pour les associations.",
        search_description="Ateliers, webinaires et permanences numériques gratuits pour les associations.",
    )
    context.created += created
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    trainers = {trainer.name: trainer for trainer in Trainer.objects.all()}
    courses = {course.slug: course for course in CoursePage.objects.all()}
    for spec in WORKSHOPS:
        if WorkshopPage.objects.child_of(agenda).filter(slug=spec["slug"]).exists():
            continue
        workshop = WorkshopPage(
            slug=spec["slug"],
            title=spec["title"],
            summary=spec["summary"],
            format=spec["format"],
            theme=themes.get(spec["theme"]),
            level=spec["level"],
            course=courses.get(spec["course"]) if spec["course"] else None,
            body=spec["body"],
            cover_image=demo_image(f"Couverture : {spec['title']}", seed=spec["slug"]),
            cover_image_alt="",
            search_description=spec["summary"],
        )
        workshop.trainers = [trainers[name] for name in spec["trainers"] if name in trainers]
        plan = spec["sessions"]
        if plan == "first_wednesdays":
            plan = [(days, 18, 20, 4 if n == 0 else 0, 0) for n, days in enumerate(_first_wednesdays(3))]
        for order, (days, hour, seats, _confirmed, _waiting) in enumerate(plan):
            start, end = _at(days, hour, duration_minutes=60 if spec["format"] == "online" else 120)
            place = {} if spec["format"] == "online" else PARIS_ADDRESS
            workshop.sessions.add(
                Session(
                    starts_at=start,
                    ends_at=end,
                    capacity=seats,
                    meeting_url=spec.get("meeting_url", ""),
                    sort_order=order,
                    **place,
                )
            )
        agenda.add_child(instance=workshop)
        workshop.save_revision().publish()
        context.created += 1
        sessions = list(Session.objects.filter(page=workshop).order_by("sort_order"))
        for session, (days, _hour, _seats, confirmed, waiting) in zip(sessions, plan, strict=True):
            _registrations(session, confirmed, waiting, past=days < 0)

    from wagtail.models import Site

    site = Site.objects.get(root_page=home)
    navigation = NavigationSettings.for_site(site)
    links = list(navigation.primary_links.raw_data)
    if not any(link.get("value", {}).get("page") == agenda.pk for link in links):
        position = max(len(links) - 1, 0)
        navigation.primary_links.insert(position, ("link", {"page": agenda, "label": "", "url": ""}))
        navigation.save()

    # The demo learners' registrations: now if the accounts exist, else right after they are created.
    User = get_user_model()
    for user in User.objects.filter(email__in=[email for email, _n in LEARNER_SESSIONS]):
        register_demo_learner(user)
    from django.db.models.signals import post_save

    post_save.connect(_on_user_created, sender=User, dispatch_uid="events_demo_learners", weak=False)


# Camille has a seat at the webinar; Yanis waits for the full RGPD session.
LEARNER_SESSIONS = [
    ("camille.learner@webassoc.test", "webinaire-lettre-information"),
    ("yanis.learner@webassoc.test", "atelier-rgpd"),
]


def register_demo_learner(user):
    slug = dict(LEARNER_SESSIONS).get(user.email)
    session = (
        Session.objects.filter(page__slug=slug, starts_at__gt=timezone.now()).order_by("starts_at").first()
        if slug
        else None
    )
    if session is None:
        return
    full = session.registrations.confirmed().count() >= session.capacity
    now = timezone.now()
    Registration.objects.get_or_create(
        session=session,
        email_normalized=user.email,
        defaults={
            "user": user,
            "name": user.get_full_name() or user.email,
            "email": user.email,
            "status": Registration.Status.WAITING if full else Registration.Status.CONFIRMED,
            "confirmed_at": None if full else now,
            "queued_at": now if full else None,
        },
    )


def _on_user_created(sender, instance, created, **kwargs):
    if created and instance.email in dict(LEARNER_SESSIONS):
        register_demo_learner(instance)
