"""Demo content of the manifesto: an original text (ten commitments), its professions and about sixty
confirmed signatures. Idempotent: nothing is duplicated when run again."""

import random
from datetime import timedelta

from django.utils import timezone
from wagtail.models import Page, Site

from home.demo_utils import demo_image, get_or_create_child
from home.models import HomePage, NavigationSettings

from .models import ManifestoPage, ManifestoProfession, Signature, refresh_signature_count
from .tokens import normalize_email

TITLE = "Le Manifeste des 1000"

PROFESSIONS = [
    "Développeur·se",
    "Designer UX / UI",
    "Graphiste",
    "Rédacteur·rice web",
    "Chef·fe de projet web",
    "Expert·e en accessibilité",
    "Administrateur·rice systèmes",
    "Formateur·rice au numérique",
]

COMMITMENTS = [
    (
        "Servir la mission, pas l'outil",
        "Avant de proposer une solution, nous écoutons ce que l'association veut accomplir. La technique "
        "vient ensuite, et la plus simple qui réponde au besoin est souvent la meilleure.",
    ),
    (
        "Rendre autonome plutôt que dépendant",
        "Nous transmettons nos savoir-faire pour que les bénévoles puissent publier, corriger et faire "
        "évoluer leur site sans nous. Un projet réussi est un projet qui n'a plus besoin de nous.",
    ),
    (
        "Concevoir pour toutes et tous",
        "Nous appliquons les règles d'accessibilité dès la première maquette : contrastes, textes "
        "alternatifs, navigation au clavier, langage clair. Les publics des associations sont divers, "
        "leurs sites doivent l'être aussi.",
    ),
    (
        "Protéger les données des personnes",
        "Nous collectons le minimum, expliquons pourquoi, chiffrons ce qui doit l'être et supprimons ce "
        "qui ne sert plus. Les fichiers d'adhérents et de donateurs ne sont pas une marchandise.",
    ),
    (
        "Préférer les outils libres et réversibles",
        "Nous privilégions les logiciels libres, les formats ouverts et les hébergeurs qui permettent de "
        "partir avec ses données. Aucune association ne doit rester prisonnière d'un prestataire.",
    ),
    (
        "Faire sobre",
        "Des pages légères, des images compressées, pas de traceurs inutiles : un site sobre coûte moins "
        "cher, pollue moins et s'affiche aussi sur un vieux téléphone avec une connexion faible.",
    ),
    (
        "Dire les choses franchement",
        "Nous annonçons les délais, les coûts et les limites de ce que nous savons faire. Quand une "
        "demande dépasse nos compétences, nous orientons vers quelqu'un de mieux placé.",
    ),
    (
        "Documenter ce que nous faisons",
        "Chaque projet laisse derrière lui une documentation écrite pour des non-spécialistes : accès, "
        "sauvegardes, procédures courantes. Le savoir ne part pas avec le bénévole.",
    ),
    (
        "Donner du temps régulièrement",
        "Nous nous engageons à consacrer aux associations quelques heures chaque trimestre, et à tenir "
        "nos engagements jusqu'au bout ou à passer le relais proprement.",
    ),
    (
        "Apprendre des associations",
        "Les associations connaissent leur terrain mieux que nous. Nous venons aussi pour apprendre : "
        "leurs contraintes rendent nos pratiques professionnelles meilleures.",
    ),
]


def manifesto_body():
    body = [
        (
            "paragraph",
            "<p>Les petites associations font vivre nos quartiers et nos villages : aide alimentaire, sport, "
            "culture, soutien scolaire, écologie. Le web leur est devenu indispensable, mais elles manquent "
            "souvent de temps, d'argent et de compétences pour s'en servir sereinement.</p>"
            "<p>Nous, professionnelles et professionnels du web, avons ces compétences. Nous pensons qu'une "
            "partie d'entre elles doit servir le bien commun. En signant ce manifeste, nous prenons dix "
            "engagements publics.</p>",
        ),
        ("heading", {"text": "Nos dix engagements", "level": "h2"}),
    ]
    for number, (title, text) in enumerate(COMMITMENTS, start=1):
        body.append(("heading", {"text": f"{number}. {title}", "level": "h3"}))
        body.append(("paragraph", f"<p>{text}</p>"))
    body.append(
        (
            "callout",
            {
                "kind": "info",
                "title": "Signer engage, sans obliger",
                "text": "<p>Signer ce manifeste ne vous inscrit à rien. Si vous le souhaitez, indiquez les "
                "compétences que vous pourriez offrir : nous vous mettrons en relation avec des "
                "associations qui en ont besoin, uniquement si vous cochez la case correspondante.</p>",
            },
        )
    )
    return body


FIRST_NAMES = [
    "Camille",
    "Léa",
    "Hugo",
    "Manon",
    "Lucas",
    "Inès",
    "Thomas",
    "Chloé",
    "Nathan",
    "Sarah",
    "Julien",
    "Emma",
    "Karim",
    "Zoé",
    "Antoine",
    "Yasmine",
    "Mathieu",
    "Clara",
    "Romain",
    "Amina",
    "Pierre",
    "Jeanne",
    "Mehdi",
    "Élodie",
    "Sébastien",
    "Aurélie",
    "Nicolas",
    "Fatou",
    "Guillaume",
    "Margaux",
]
LAST_NAMES = [
    "Martin",
    "Bernard",
    "Dubois",
    "Moreau",
    "Laurent",
    "Lefèvre",
    "Roux",
    "Fournier",
    "Girard",
    "Bonnet",
    "Mercier",
    "Lambert",
    "Faure",
    "Rousseau",
    "Blanc",
    "Guérin",
    "Muller",
    "Henry",
    "Perrin",
    "Morel",
    "Benali",
    "Nguyen",
    "Diallo",
    "Da Silva",
    "Le Gall",
    "Garnier",
    "Chevalier",
    "Robin",
    "Masson",
    "Picard",
]
CITIES = [
    "Lyon",
    "Nantes",
    "Lille",
    "Marseille",
    "Toulouse",
    "Rennes",
    "Grenoble",
    "Bordeaux",
    "Strasbourg",
    "Montpellier",
    "Dijon",
    "Clermont-Ferrand",
    "Brest",
    "Angers",
    "Tours",
    "Nancy",
    "Rouen",
    "Poitiers",
]
ORGANISATIONS = [
    "",
    "",
    "",
    "Indépendante",
    "Studio Coquelicot",
    "Scop Octopus",
    "Agence Les Pixels Verts",
    "Coopérative Bocal",
    "Collectif Numérique Solidaire",
    "Ville de Villeurbanne",
    "Atelier Mésange",
    "Université de Nantes",
    "Libre Plume",
    "La Fabrique du Quartier",
]
MESSAGES = [
    "",
    "",
    "",
    "Bénévole depuis cinq ans dans une épicerie solidaire, je signe des deux mains.",
    "L'accessibilité n'est pas une option, surtout pour les associations.",
    "Prêt·e à donner quelques heures par mois pour des formations WordPress.",
    "Le logiciel libre et les associations : une évidence.",
    "Un site sobre, c'est aussi un site qui dure.",
    "Merci pour cette initiative, on en a besoin !",
]
SKILLS = [
    "development",
    "design",
    "accessibility",
    "writing",
    "project",
    "visibility",
    "social",
    "privacy",
    "hosting",
    "training",
]
DEMO_SIGNATURES = 60


def demo_signatures(page, professions):
    """Sixty deterministic, realistic signatures, confirmed over the last six weeks."""
    rng = random.Random("webassoc-manifesto-demo")  # noqa: S311 - demo data
    now = timezone.now()
    rows = []
    for n in range(DEMO_SIGNATURES):
        first_name = FIRST_NAMES[n % len(FIRST_NAMES)]
        last_name = LAST_NAMES[(n * 7 + 3 + n // len(FIRST_NAMES)) % len(LAST_NAMES)]
        profession = professions[rng.randrange(len(professions))] if rng.random() > 0.1 else None
        email = f"{first_name}.{last_name}".lower().replace(" ", "").replace("é", "e").replace("è", "e")
        email = email.replace("ë", "e").replace("É", "e").replace("ï", "i")
        signed = now - timedelta(days=rng.randint(1, 42), hours=rng.randint(0, 23), minutes=rng.randint(0, 59))
        rows.append(
            Signature(
                manifesto=page,
                first_name=first_name,
                last_name=last_name,
                email=f"{email}{n}@example.org",
                email_normalized=normalize_email(f"{email}{n}@example.org"),
                profession=profession,
                role=profession.name if profession else "Photographe",
                organisation=rng.choice(ORGANISATIONS),
                city=rng.choice(CITIES),
                message=rng.choice(MESSAGES),
                skills=sorted(rng.sample(SKILLS, rng.randint(0, 3))),
                is_public=rng.random() < 0.8,
                newsletter=rng.random() < 0.4,
                revision_id=page.live_revision_id,
                created_at=signed,
                confirmed_at=signed + timedelta(minutes=rng.randint(2, 600)),
            )
        )
    for row in rows:
        if row.newsletter:
            row.newsletter_consent_at = row.confirmed_at
    return rows


def load(context):
    home = context.home or HomePage.objects.first()
    if home is None:
        return
    privacy = getattr(context, "standard_pages", {}).get("confidentialite") or (
        Page.objects.child_of(home).filter(slug="confidentialite").first()
    )
    page, created = get_or_create_child(
        home,
        ManifestoPage,
        "manifeste",
        title=TITLE,
        seo_title="Le Manifeste des 1000 : des professionnels du web au service des associations",
        search_description="Dix engagements de professionnels du web envers les associations. Signez-le.",
        intro=(
            "Développeuses, designers, rédacteurs, cheffes de projet : nous mettons une part de nos "
            "compétences au service des associations. Dix engagements, publics et concrets."
        ),
        body=manifesto_body(),
        signature_goal=1000,
        show_wall=True,
        privacy_page=privacy,
        social_image=demo_image("Image de partage du manifeste", seed="manifesto-social"),
        confirmation_email_text=(
            "Merci d’avoir signé le Manifeste des 1000\u202f! Pour que votre signature soit comptée, il "
            "reste à confirmer votre adresse e-mail."
        ),
        thank_you_text=(
            # No figure here: the live count is shown right under this text.
            "<p>Merci\u202f! Votre signature rejoint celles des professionnels du web déjà engagés. Parlez-en "
            "autour de vous\u00a0: chaque signature rend ces engagements plus visibles auprès des "
            "associations.</p>"
        ),
        professions=[ManifestoProfession(name=name, sort_order=index) for index, name in enumerate(PROFESSIONS)],
    )
    context.created += created
    if not page.professions.exists():
        for index, name in enumerate(PROFESSIONS):
            ManifestoProfession.objects.create(page=page, name=name, sort_order=index)
    if not page.signatures.exists():
        rows = demo_signatures(page, list(page.professions.order_by("sort_order")))
        Signature.objects.bulk_create(rows, ignore_conflicts=True)
        context.created += len(rows)
    refresh_signature_count(page)
    context.manifesto = page
    _add_to_menus(home, page)


def _add_to_menus(home, page):
    """The manifesto in the main menu (before *À propos*) and in the footer, once."""
    site = Site.objects.filter(root_page=home).first()
    if site is None:
        return
    navigation = NavigationSettings.for_site(site)
    changed = False
    for links, position in ((navigation.primary_links, -1), (navigation.footer_links, 0)):
        if any(link.get("value", {}).get("page") == page.pk for link in links.raw_data):
            continue
        index = max(len(links) + position, 0) if position < 0 else position
        links.insert(index, ("link", {"page": page, "label": "", "url": ""}))
        changed = True
    if changed:
        navigation.save()
