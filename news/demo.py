"""Demo news: the news index, four categories, three authors and eight articles. Idempotent.

Dates go back over the last three months from the day the demo is first loaded; images are generated
locally (``home.demo_utils.demo_image``).
"""

import datetime

from django.utils import timezone
from wagtail.models import Page, Site

from home.demo_utils import demo_image, get_or_create_child
from home.models import HomePage, NavigationSettings

from .models import Author, Category, NewsIndexPage, NewsPage, NewsPageAuthor, NewsPageRelatedLink


def rt(*paragraphs):
    return "".join(f"<p>{p}</p>" for p in paragraphs)


CATEGORIES = [
    ("Formations", "formations", "Les nouvelles formations, ateliers et parcours proposés aux associations."),
    ("Événements", "evenements", "Rencontres, journées portes ouvertes et rendez-vous de la communauté."),
    ("Vie associative", "vie-associative", "La vie de Webassoc : bénévoles, adhérents, assemblée générale."),
    ("Témoignages", "temoignages", "Des petites associations racontent ce que le web a changé pour elles."),
]

AUTHORS = [
    (
        "Léa Moreau",
        "Bénévole formatrice",
        "Développeuse web à Lyon, Léa anime les ateliers sur l'accessibilité et la publication de contenus.",
    ),
    (
        "Karim Benali",
        "Coordinateur des ateliers",
        "Ancien chef de projet, Karim organise les ateliers en région et accompagne les nouvelles associations.",
    ),
    (
        "Inès Fabre",
        "Rédactrice bénévole",
        "Journaliste de formation, Inès recueille les histoires des associations que nous accompagnons.",
    ),
]

ARTICLES = [
    {
        "slug": "nouvelle-formation-accessibilite",
        "title": "Nouvelle formation : rendre son site accessible en une après-midi",
        "days_ago": 5,
        "category": "formations",
        "tags": ["accessibilité", "formation en ligne"],
        "authors": ["Léa Moreau"],
        "summary": "Six leçons courtes pour vérifier les contrastes, écrire des textes alternatifs et rendre vos "
        "documents lisibles par tous. Gratuite pour les associations adhérentes.",
        "body": [
            (
                "paragraph",
                rt(
                    "Une personne sur cinq vit avec un handicap, permanent ou passager. Pour une association, un "
                    "site difficile à lire, c'est autant de bénévoles, d'adhérents ou de donateurs qui renoncent "
                    "sans rien dire.",
                    "Notre nouvelle formation en ligne part de situations concrètes : l'affiche de la fête de "
                    "quartier publiée en image, le formulaire d'adhésion impossible à remplir au clavier, la vidéo "
                    "sans sous-titres.",
                ),
            ),
            ("heading", {"text": "Au programme", "level": "h2"}),
            (
                "paragraph",
                "<ul><li>Vérifier les contrastes de couleurs en deux clics ;</li>"
                "<li>écrire un texte alternatif utile, et savoir quand s'en passer ;</li>"
                "<li>structurer une page avec de vrais titres ;</li>"
                "<li>publier un PDF lisible, ou mieux, une page web.</li></ul>",
            ),
            (
                "callout",
                {
                    "kind": "tip",
                    "title": "Pour qui ?",
                    "text": "<p>Toute personne qui publie sur le site de son association, sans connaissance "
                    "technique particulière.</p>",
                },
            ),
        ],
    },
    {
        "slug": "journee-portes-ouvertes-lyon",
        "title": "Journée portes ouvertes à la Maison des associations de Lyon",
        "days_ago": 12,
        "category": "evenements",
        "tags": ["atelier", "rencontre"],
        "authors": ["Karim Benali"],
        "summary": "Le samedi 14, venez rencontrer nos bénévoles, poser vos questions et repartir avec un "
        "diagnostic gratuit du site de votre association.",
        "body": [
            (
                "paragraph",
                rt(
                    "Chaque année, la journée portes ouvertes est l'occasion de rencontrer en vrai les "
                    "associations que nous accompagnons à distance. Cette fois, nous vous proposons un "
                    "diagnostic express de votre site ou de vos réseaux sociaux : vingt minutes avec un ou une "
                    "bénévole, et une liste de trois actions à mener.",
                ),
            ),
            ("heading", {"text": "Déroulé de la journée", "level": "h2"}),
            (
                "table",
                {
                    "caption": "Programme du samedi",
                    "table": {
                        "data": [
                            ["Horaire", "Activité"],
                            ["10 h – 12 h", "Diagnostics individuels sur rendez-vous"],
                            ["14 h – 15 h 30", "Atelier : écrire pour le web"],
                            ["16 h – 17 h", "Échange ouvert avec les bénévoles"],
                        ],
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                    },
                },
            ),
            (
                "callout",
                {
                    "kind": "info",
                    "title": "Accès",
                    "text": "<p>Maison des associations, 12 rue des Tanneurs, Lyon 1er. Le bâtiment est "
                    "accessible en fauteuil roulant.</p>",
                },
            ),
        ],
    },
    {
        "slug": "epicerie-solidaire-lettre-information",
        "title": "L’épicerie solidaire des Pentes publie sa lettre chaque mois",
        "days_ago": 21,
        "category": "temoignages",
        "tags": ["lettre d'information", "bénévolat"],
        "authors": ["Inès Fabre"],
        "summary": "Trois bénévoles, une heure par mois et un modèle simple : comment une petite épicerie "
        "solidaire a renoué le lien avec ses adhérents.",
        "body": [
            (
                "paragraph",
                rt(
                    "Il y a un an, l'épicerie solidaire des Pentes n'envoyait plus rien à ses adhérents. La "
                    "personne qui s'en occupait avait déménagé, et personne n'osait toucher à l'outil d'envoi.",
                    "Après la formation « Créer sa lettre d'information », Claire, Mamadou et Jeanne se "
                    "partagent la tâche : l'une écrit, l'autre choisit les photos, le troisième relit et envoie.",
                ),
            ),
            (
                "quote",
                {
                    "text": "On pensait qu'il fallait être graphiste. En fait, il faut surtout un rendez-vous "
                    "fixe dans l'agenda.",
                    "attribution": "Claire, trésorière de l'épicerie",
                },
            ),
            ("heading", {"text": "Ce qui a changé", "level": "h2"}),
            (
                "paragraph",
                rt(
                    "Les créneaux de bénévolat se remplissent plus vite, et les dons de produits frais ont "
                    "augmenté depuis que la lettre annonce les besoins de la semaine."
                ),
            ),
        ],
    },
    {
        "slug": "assemblee-generale-bilan",
        "title": "Assemblée générale : une année de formations en chiffres",
        "days_ago": 34,
        "category": "vie-associative",
        "tags": ["bénévolat", "bilan"],
        "authors": ["Karim Benali", "Léa Moreau"],
        "summary": "Près de 2\u00a0000 associations aidées, environ 1\u00a0400 professionnels bénévoles et un "
        "conseil d’administration renouvelé\u00a0: retour sur notre assemblée générale.",
        "body": [
            (
                "paragraph",
                rt(
                    "Merci aux soixante adhérents présents, en salle ou en visioconférence. L'assemblée a "
                    "approuvé le rapport moral et les comptes à l'unanimité, et élu trois nouvelles personnes au "
                    "conseil d'administration.",
                ),
            ),
            ("heading", {"text": "L'année en bref", "level": "h2"}),
            (
                "paragraph",
                "<ul><li>environ 2\u00a0000 associations aidées dans l’année, dont 600 pour la première "
                "fois\u202f;</li>"
                "<li>environ 1\u00a0400 professionnels du web bénévoles, dont 28 nouveaux formateurs\u202f;</li>"
                "<li>6 nouvelles formations en ligne.</li></ul>",
            ),
            ("heading", {"text": "Nos priorités pour l'an prochain", "level": "h2"}),
            (
                "paragraph",
                rt(
                    "Aller davantage vers les associations rurales, traduire nos fiches pratiques en langage "
                    "clair et ouvrir un atelier mensuel sur la protection des données."
                ),
            ),
        ],
    },
    {
        "slug": "club-de-foot-dons-en-ligne",
        "title": "Le club de foot du quartier Gerland lance sa collecte en ligne",
        "days_ago": 48,
        "category": "temoignages",
        "tags": ["dons en ligne", "réseaux sociaux"],
        "authors": ["Inès Fabre"],
        "summary": "Pour financer les déplacements de ses équipes jeunes, un club amateur a lancé sa première "
        "collecte en ligne, avec l'aide de deux bénévoles de Webassoc.",
        "body": [
            (
                "paragraph",
                rt(
                    "Le FC Gerland compte cent quarante licenciés, dont la moitié ont moins de quinze ans. Les "
                    "tournois à l'extérieur coûtent cher, et les tombolas ne suffisaient plus.",
                    "En trois séances, le bureau a choisi une plateforme de dons adaptée aux associations, écrit "
                    "une page de présentation claire et préparé une série de publications pour les réseaux "
                    "sociaux.",
                ),
            ),
            (
                "quote",
                {
                    "text": "Les parents ont partagé la collecte bien plus que ce qu'on imaginait.",
                    "attribution": "Yacine, président du club",
                },
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "À vérifier avant de lancer une collecte",
                    "text": "<p>Les frais de la plateforme, la possibilité d'émettre des reçus fiscaux et ce "
                    "que deviennent les données des donateurs.</p>",
                },
            ),
        ],
    },
    {
        "slug": "atelier-rgpd-associations",
        "title": "Atelier RGPD : les fichiers d’adhérents sans prise de tête",
        "days_ago": 63,
        "category": "formations",
        "tags": ["RGPD", "atelier"],
        "authors": ["Léa Moreau"],
        "summary": "Un atelier de deux heures pour faire le tri dans vos tableurs d'adhérents et rédiger une "
        "mention d'information simple. Places limitées à douze participants.",
        "body": [
            (
                "paragraph",
                rt(
                    "Qui a accès au fichier des adhérents ? Combien de temps garder les coordonnées des anciens "
                    "bénévoles ? Ces questions reviennent dans presque toutes les associations que nous "
                    "rencontrons.",
                    "L'atelier se déroule en petits groupes, à partir de vos propres outils : tableur partagé, "
                    "logiciel de gestion ou simple carnet.",
                ),
            ),
            (
                "faq",
                {
                    "title": "Questions fréquentes",
                    "items": [
                        {
                            "question": "Faut-il apporter son ordinateur ?",
                            "answer": "<p>Oui si possible, mais des ordinateurs sont prêtés sur place.</p>",
                        },
                        {
                            "question": "L'atelier est-il payant ?",
                            "answer": "<p>Non, il est gratuit pour les associations adhérentes.</p>",
                        },
                    ],
                },
            ),
        ],
    },
    {
        "slug": "bienvenue-nouveaux-benevoles",
        "title": "Bienvenue aux vingt-huit nouveaux bénévoles formateurs",
        "days_ago": 79,
        "category": "vie-associative",
        "tags": ["bénévolat"],
        "authors": ["Karim Benali"],
        "summary": "Développeuses, graphistes, rédacteurs : ils ont rejoint l'équipe cette saison et animeront "
        "leurs premiers ateliers en binôme dès le mois prochain.",
        "body": [
            (
                "paragraph",
                rt(
                    "Ils viennent de Lyon, de Grenoble, de Clermont-Ferrand ou de petites communes de l'Ain. "
                    "Tous ont suivi la journée d'accueil : pédagogie pour adultes, posture d'accompagnement et "
                    "découverte de nos formations en ligne.",
                    "Chaque nouveau bénévole anime ses premières séances avec une personne plus expérimentée, "
                    "avant de voler de ses propres ailes.",
                ),
            ),
            (
                "callout",
                {
                    "kind": "info",
                    "title": "Vous aussi ?",
                    "text": "<p>Nous cherchons en particulier des personnes à l'aise avec l'accessibilité et "
                    "les outils libres. Écrivez-nous depuis la page contact.</p>",
                },
            ),
        ],
    },
    {
        "slug": "rencontre-sobriete-numerique",
        "title": "Rencontre : un site d’association plus léger et plus sobre",
        "days_ago": 95,
        "category": "evenements",
        "tags": ["sobriété numérique", "rencontre"],
        "authors": ["Léa Moreau", "Inès Fabre"],
        "summary": "Retour sur notre soirée consacrée à la sobriété numérique : des pages plus légères, c'est "
        "aussi un site plus rapide sur les vieux téléphones de vos adhérents.",
        "body": [
            (
                "paragraph",
                rt(
                    "Une quarantaine de personnes ont participé à la soirée, dont une majorité de bénévoles "
                    "d'associations de quartier. Premier constat : la moitié des pages d'accueil testées "
                    "pesaient plus de cinq mégaoctets, surtout à cause d'images trop grandes.",
                ),
            ),
            ("heading", {"text": "Trois gestes simples", "level": "h2"}),
            (
                "paragraph",
                "<ol><li>Redimensionner les photos avant de les publier ;</li>"
                "<li>préférer le texte aux affiches en image ;</li>"
                "<li>supprimer les vidéos en lecture automatique.</li></ol>",
            ),
            (
                "quote",
                {
                    "text": "Notre site s'affiche enfin correctement à la campagne, même avec une mauvaise connexion.",
                    "attribution": "Martine, secrétaire d'une association de randonnée",
                },
            ),
        ],
    },
]

# Editor-chosen related pages: article slug -> slugs of other articles (others use their category).
RELATED = {
    "nouvelle-formation-accessibilite": ["rencontre-sobriete-numerique", "atelier-rgpd-associations"],
    "epicerie-solidaire-lettre-information": ["club-de-foot-dons-en-ligne"],
}


def load(context):
    home = context.home or HomePage.objects.first()
    if home is None:
        return
    index, created = get_or_create_child(
        home,
        NewsIndexPage,
        "actualites",
        title="Actualités",
        intro="Nouvelles formations, rendez-vous et histoires d'associations : les nouvelles de la communauté "
        "Webassoc.",
        search_description="Les actualités de Webassoc : formations, événements et témoignages d'associations.",
    )
    context.created += created

    categories = {}
    for name, slug, description in CATEGORIES:
        categories[slug], created = Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
        context.created += created

    authors = {}
    for name, role, bio in AUTHORS:
        author = Author.objects.filter(name=name).first()
        if author is None:
            author = Author.objects.create(
                name=name, role=role, bio=bio, photo=demo_image(f"Portrait de {name}", 400, 400, seed=f"author-{name}")
            )
            context.created += 1
        authors[name] = author

    today = timezone.localdate()
    # Oldest first, so that tree order matches date order too.
    for spec in sorted(ARTICLES, key=lambda spec: -spec["days_ago"]):
        if NewsPage.objects.child_of(index).filter(slug=spec["slug"]).exists():
            continue
        article = NewsPage(
            slug=spec["slug"],
            title=spec["title"],
            date=today - datetime.timedelta(days=spec["days_ago"]),
            summary=spec["summary"],
            category=categories[spec["category"]],
            featured_image=demo_image(f"Illustration : {spec['title']}", seed=spec["slug"]),
            featured_image_alt="",
            featured_image_decorative=True,
            body=spec["body"],
        )
        article.author_links = [
            NewsPageAuthor(author=authors[name], sort_order=position) for position, name in enumerate(spec["authors"])
        ]
        article.tags.add(*spec["tags"])
        index.add_child(instance=article)
        article.save_revision().publish()
        context.created += 1

    articles = {article.slug: article for article in NewsPage.objects.child_of(index)}
    for slug, related_slugs in RELATED.items():
        article = articles.get(slug)
        if article is None or NewsPageRelatedLink.objects.filter(page=article).exists():
            continue
        article.related_links = [
            NewsPageRelatedLink(related_page=articles[other], sort_order=position)
            for position, other in enumerate(related_slugs)
            if other in articles
        ]
        # The course catalogue, when the courses app made one, shows that related pages can be any page.
        catalogue = Page.objects.child_of(home).filter(slug="formations").first()
        if catalogue is not None and slug == "nouvelle-formation-accessibilite":
            article.related_links.add(NewsPageRelatedLink(related_page=catalogue, sort_order=len(related_slugs)))
        article.save_revision().publish()

    _add_to_main_menu(home, index)


def _add_to_main_menu(home, index):
    """Add the news to the main menu once (the home app's demo creates the menu)."""
    site = Site.objects.filter(root_page=home).first()
    if site is None:
        return
    navigation = NavigationSettings.for_site(site)
    for block in navigation.primary_links:
        page = block.value.get("page")
        if page is not None and page.pk == index.pk:
            return
    navigation.primary_links.append(("link", {"page": index, "label": "", "url": ""}))
    navigation.save()
