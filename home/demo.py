"""Demo content of the site itself: home page, about, legal notice, privacy policy, contact."""

from wagtail.models import Page, Site

from .demo_utils import demo_image, get_or_create_child
from .models import HomePage, NavigationSettings, OrganisationSettings, StandardPage


def rt(*paragraphs):
    return "".join(f"<p>{p}</p>" for p in paragraphs)


ABOUT_BODY = [
    ("heading", {"text": "Des professionnels du web au service des associations", "level": "h2"}),
    (
        "paragraph",
        rt(
            "Webassoc réunit des développeuses, des graphistes, des rédacteurs, des chefs de projet et des "
            "spécialistes de l'accessibilité qui donnent une partie de leur temps aux petites associations : "
            "épiceries solidaires, clubs sportifs de quartier, collectifs pour le climat, associations "
            "d'aide aux devoirs ou de soutien aux personnes exilées.",
            "Nous ne faisons pas les sites à leur place. Nous formons les bénévoles et les salariés pour "
            "qu'ils deviennent autonomes : publier une actualité, lancer une collecte en ligne, envoyer une "
            "lettre d'information, respecter les données personnelles de leurs adhérents.",
        ),
    ),
    ("heading", {"text": "Comment nous travaillons", "level": "h2"}),
    (
        "paragraph",
        "<ul><li>Des formations en ligne courtes, pensées pour le téléphone et les temps morts : dix minutes "
        "suffisent pour une leçon.</li><li>Des ateliers en petits groupes, dans les maisons des associations "
        "et les tiers-lieux de nos régions.</li><li>Un accompagnement ponctuel par un ou une bénévole "
        "pour débloquer une situation précise.</li></ul>",
    ),
    (
        "callout",
        {
            "kind": "info",
            "title": "Tout est gratuit pour les associations adhérentes",
            "text": "<p>L'adhésion annuelle est à prix libre, à partir de 10 €. Aucune association n'est "
            "refusée pour des raisons financières.</p>",
        },
    ),
    (
        "quote",
        {
            "text": "Nous avions peur de « casser le site ». Aujourd'hui, trois bénévoles publient chaque "
            "semaine, et nos dons en ligne ont doublé.",
            "attribution": "Nadia, coordinatrice d'un réseau d'entraide alimentaire",
        },
    ),
    ("heading", {"text": "Nos chiffres depuis la création", "level": "h2"}),
    (
        "table",
        {
            "caption": "L'activité de Webassoc depuis 2019",
            "table": {
                "data": [
                    ["Indicateur", "Valeur"],
                    ["Associations accompagnées", "412"],
                    ["Bénévoles formateurs", "87"],
                    ["Heures de formation données", "5 300"],
                ],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
            },
        },
    ),
    (
        "faq",
        {
            "title": "Questions fréquentes",
            "items": [
                {
                    "question": "Faut-il des connaissances techniques pour suivre les formations ?",
                    "answer": "<p>Non. Si vous savez envoyer un e-mail et utiliser un navigateur, vous "
                    "pouvez commencer dès aujourd'hui.</p>",
                },
                {
                    "question": "Comment devenir bénévole formateur ?",
                    "answer": "<p>Écrivez-nous depuis la page contact en présentant votre métier. Nous "
                    "organisons un échange puis une première formation en binôme.</p>",
                },
                {
                    "question": "Travaillez-vous avec des entreprises ?",
                    "answer": "<p>Nous acceptons le mécénat de compétences, à condition qu'il ne "
                    "s'accompagne d'aucune contrepartie publicitaire auprès des associations.</p>",
                },
            ],
        },
    ),
]

LEGAL_BODY = [
    ("heading", {"text": "Éditeur du site", "level": "h2"}),
    (
        "paragraph",
        rt(
            "Webassoc, association déclarée régie par la loi du 1er juillet 1901, dont le siège est situé "
            "12 rue des Tanneurs, 69001 Lyon. Directrice de la publication : la présidente de l'association.",
            "Contact : bonjour@webassoc.example",
        ),
    ),
    ("heading", {"text": "Hébergement", "level": "h2"}),
    (
        "paragraph",
        rt(
            "Le site est hébergé en France par un hébergeur associatif. Ses coordonnées complètes sont "
            "disponibles sur simple demande auprès de l'association."
        ),
    ),
    ("heading", {"text": "Propriété intellectuelle", "level": "h2"}),
    (
        "paragraph",
        rt(
            "Sauf mention contraire, les contenus pédagogiques de ce site sont publiés sous licence Creative "
            "Commons Attribution – Partage dans les mêmes conditions 4.0. Vous pouvez les réutiliser dans vos "
            "propres formations en citant Webassoc."
        ),
    ),
    ("heading", {"text": "Accessibilité", "level": "h2"}),
    (
        "paragraph",
        rt(
            "Nous visons la conformité au Référentiel général d'amélioration de l'accessibilité (RGAA). "
            "Si vous rencontrez une difficulté pour accéder à un contenu, écrivez-nous : nous vous répondrons "
            "et vous fournirons l'information sous une autre forme."
        ),
    ),
]

PRIVACY_BODY = [
    ("heading", {"text": "Ce que nous collectons", "level": "h2"}),
    (
        "paragraph",
        "<ul><li>Votre compte : adresse e-mail, nom, association et rôle, si vous les renseignez.</li>"
        "<li>Votre progression dans les formations : leçons terminées, réponses aux quiz, attestations.</li>"
        "<li>Votre signature du manifeste : nom, e-mail, profession, organisation, ville et message "
        "éventuel.</li></ul>",
    ),
    ("heading", {"text": "Pourquoi", "level": "h2"}),
    (
        "paragraph",
        rt(
            "Ces données servent uniquement à vous permettre de suivre les formations, de reprendre là où "
            "vous vous êtes arrêté, de délivrer vos attestations et de compter les signatures du manifeste. "
            "Elles ne sont ni vendues ni transmises à des tiers. Le site n'utilise aucun outil de mesure "
            "d'audience tiers, aucune police ni aucun script chargé depuis un autre site."
        ),
    ),
    ("heading", {"text": "Combien de temps", "level": "h2"}),
    (
        "paragraph",
        rt(
            "Les signatures non confirmées sont supprimées automatiquement après quelques jours. Les comptes "
            "jamais vérifiés sont supprimés au bout d'un mois. Vos autres données sont conservées tant que "
            "votre compte existe."
        ),
    ),
    ("heading", {"text": "Vos droits", "level": "h2"}),
    (
        "paragraph",
        rt(
            "Depuis la page « Mon compte », vous pouvez à tout moment télécharger l'ensemble de vos données "
            "au format JSON, les corriger ou supprimer votre compte. Chaque e-mail lié au manifeste contient "
            "un lien pour retirer votre signature. Pour toute autre demande, écrivez à "
            "dpo@webassoc.example ; vous pouvez aussi saisir la CNIL."
        ),
    ),
]

CONTACT_BODY = [
    (
        "paragraph",
        rt(
            "Une question sur une formation, une envie de devenir bénévole, une association à nous "
            'recommander ? Écrivez-nous à <a href="mailto:bonjour@webassoc.example">bonjour@webassoc.example</a>. '
            "Nous répondons en général sous trois jours ouvrés.",
        ),
    ),
    (
        "callout",
        {
            "kind": "tip",
            "title": "Pour une demande d'accompagnement",
            "text": "<p>Précisez le nom de votre association, votre ville, le nombre de bénévoles concernés "
            "et ce que vous aimeriez savoir faire dans trois mois.</p>",
        },
    ),
    ("heading", {"text": "Nous rencontrer", "level": "h2"}),
    (
        "paragraph",
        rt(
            "Permanence le premier mercredi du mois, de 18 h à 20 h, à la Maison des associations, "
            "12 rue des Tanneurs à Lyon. Le lieu est accessible en fauteuil roulant."
        ),
    ),
]


# One development account per staff group (created by load_demo, in DEBUG only).
GROUP_DEMO_USERS = [
    ("redaction@webassoc.test", "Rémi", "Rédacteur", "Rédaction"),
    ("moderation@webassoc.test", "Maud", "Modératrice", "Modération"),
    ("formateurs@webassoc.test", "Fatou", "Formatrice", "Formateurs"),
]


def load(context):
    for email, first_name, last_name, group in GROUP_DEMO_USERS:
        context.extra_dev_users.append((email, first_name, last_name, {"is_staff": True}, [group]))
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        hero = demo_image("Illustration de l'accueil", seed="home-hero")
        home = HomePage(
            title="Accueil",
            slug="accueil",
            hero_title="Le web au service des associations",
            hero_intro=(
                "Environ 1\u00a0400 professionnels du web bénévoles aident près de 2\u00a0000 associations "
                "chaque année\u00a0: formations en ligne de dix minutes, ateliers et accompagnement. "
                "Gratuit pour les adhérents."
            ),
            hero_image=hero,
            hero_image_alt="",
            seo_title="Webassoc – le web au service des associations",
            search_description=(
                "Formations en ligne gratuites pour les associations, manifeste des professionnels du web "
                "engagés et actualités de la communauté."
            ),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        context.created += 1
        # Point the default site at the new home page and remove Wagtail's welcome page.
        site = Site.objects.filter(is_default_site=True).first()
        old_root = site.root_page if site else None
        if site:
            site.root_page = home
            site.site_name = "Webassoc"
            site.hostname = "localhost"
            site.port = 80
            site.save()
        else:
            Site.objects.create(
                hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Webassoc"
            )
        if old_root and old_root.pk != home.pk and old_root.depth == 2 and not old_root.get_children().exists():
            old_root.delete()
    context.home = home

    pages = {}
    for slug, title, intro, body in [
        ("a-propos", "À propos", "Qui nous sommes et ce que nous faisons pour les associations.", ABOUT_BODY),
        ("contact", "Contact", "Écrivez-nous ou venez nous rencontrer.", CONTACT_BODY),
        ("mentions-legales", "Mentions légales", "Les informations légales sur l'éditeur du site.", LEGAL_BODY),
        (
            "confidentialite",
            "Politique de confidentialité",
            "Quelles données nous gardons, pourquoi, combien de temps, et comment exercer vos droits.",
            PRIVACY_BODY,
        ),
    ]:
        page, created = get_or_create_child(home, StandardPage, slug, title=title, intro=intro, body=body)
        pages[slug] = page
        context.created += created
    context.standard_pages = pages

    site = Site.objects.get(root_page=home)
    organisation = OrganisationSettings.for_site(site)
    if not organisation.contact_email:
        organisation.name = "Webassoc"
        organisation.tagline = "Des professionnels du web bénévoles au service des associations."
        organisation.contact_email = "bonjour@webassoc.example"
        organisation.postal_address = "Maison des associations\n12 rue des Tanneurs\n69001 Lyon"
        organisation.default_social_image = demo_image("Image de partage par défaut", seed="social-default")
        organisation.save()

    if organisation.volunteers_figure is None and organisation.associations_figure is None:
        # The association's figures (about 1,400 volunteers, about 2,000 associations helped a year).
        organisation.volunteers_figure = 1400
        organisation.associations_figure = 2000
        organisation.save()

    navigation = NavigationSettings.for_site(site)
    if not navigation.footer_links:
        navigation.footer_links = [
            ("link", {"page": pages["a-propos"], "label": "", "url": ""}),
            ("link", {"page": pages["contact"], "label": "", "url": ""}),
            ("link", {"page": pages["mentions-legales"], "label": "", "url": ""}),
            ("link", {"page": pages["confidentialite"], "label": "", "url": ""}),
        ]
        navigation.primary_links = [("link", {"page": pages["a-propos"], "label": "", "url": ""})]
        navigation.save()
