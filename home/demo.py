"""Demo content of the site itself: home page, about, legal notice, privacy policy, contact."""

import datetime

from wagtail.models import Page, Site

from .demo_utils import demo_image, get_or_create_child
from .models import AccessibilityStatementPage, HomePage, NavigationSettings, OrganisationSettings, StandardPage


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


# The accessibility statement, in the structure of the RGAA model (the state of compliance is in the
# page's own fields; the footer of every page shows it).
ACCESSIBILITY_INTRO = (
    "Webassoc s'engage à rendre son site accessible à toutes et à tous, conformément à l'article 47 de la "
    "loi n° 2005-102 du 11 février 2005. Cette déclaration s'applique au site webassoc.fr."
)
ACCESSIBILITY_BODY = [
    ("heading", {"text": "Résultats des tests", "level": "h2"}),
    (
        "paragraph",
        rt(
            "L'audit de conformité réalisé en octobre 2026 par deux bénévoles de l'association, auditrices "
            "certifiées, révèle que 78 % des critères du RGAA version 4.1.2 sont respectés, sur un échantillon "
            "de 14 pages représentatives : l'accueil, le catalogue des formations, une formation, une leçon, "
            "un quiz et son résultat, le manifeste et la liste des signataires, une actualité, l'agenda, "
            "l'inscription, la connexion, le tableau de bord de l'apprenant et cette page.",
            "Sur les 106 critères du référentiel, 52 sont applicables à ce site : 41 sont respectés et 11 ne "
            "le sont pas encore.",
        ),
    ),
    ("heading", {"text": "Contenus non accessibles", "level": "h2"}),
    ("heading", {"text": "Non-conformités", "level": "h3"}),
    (
        "paragraph",
        "<ul>"
        "<li>Certaines vidéos des formations n'ont pas encore de transcription ni de sous-titres "
        "(critères 4.1 et 4.3) ; les transcriptions sont ajoutées formation par formation.</li>"
        "<li>Plusieurs documents PDF téléchargeables, publiés avant 2025, ne sont pas balisés pour les "
        "lecteurs d'écran (critère 13.3).</li>"
        "<li>Dans les quiz, le message qui annonce le résultat n'est pas toujours restitué par les "
        "lecteurs d'écran sans déplacer le focus (critère 7.5).</li>"
        "<li>Quelques images des anciennes actualités ont une alternative textuelle trop vague "
        "(critère 1.3).</li>"
        "</ul>",
    ),
    ("heading", {"text": "Dérogations pour charge disproportionnée", "level": "h3"}),
    ("paragraph", rt("Aucune.")),
    ("heading", {"text": "Contenus non soumis à l'obligation d'accessibilité", "level": "h3"}),
    (
        "paragraph",
        rt(
            "Les documents bureautiques publiés avant le 23 septembre 2018 et les cartes des lieux des ateliers, "
            "dont l'adresse est toujours donnée en texte."
        ),
    ),
    ("heading", {"text": "Établissement de cette déclaration d'accessibilité", "level": "h2"}),
    (
        "paragraph",
        rt(
            "Cette déclaration a été établie le 4 novembre 2026 à partir de l'audit d'octobre 2026.",
            "Technologies utilisées pour la réalisation du site : HTML5, CSS et un peu de JavaScript, que "
            "chaque page peut ignorer.",
            "Tests réalisés avec NVDA et Firefox, VoiceOver et Safari sur iPhone, TalkBack et Chrome sur "
            "Android, la navigation au clavier seul, un zoom à 200 % et 400 %, ainsi qu'avec les outils "
            "axe DevTools, WAVE et le validateur HTML du W3C.",
        ),
    ),
    ("heading", {"text": "Retour d'information et contact", "level": "h2"}),
    (
        "paragraph",
        rt(
            "Si vous n'arrivez pas à accéder à un contenu ou à un service, écrivez-nous : nous vous "
            "orienterons vers une alternative accessible ou vous fournirons le contenu sous une autre forme, "
            "sous quinze jours.",
            'Par courriel : <a href="mailto:accessibilite@webassoc.example">accessibilite@webassoc.example</a>',
            "Par courrier : Webassoc, Maison des associations, 12 rue des Tanneurs, 69001 Lyon.",
        ),
    ),
    ("heading", {"text": "Voies de recours", "level": "h2"}),
    (
        "paragraph",
        rt(
            "Si vous nous avez signalé un défaut d'accessibilité qui vous empêche d'accéder à un contenu ou à "
            "un service et que vous n'avez pas obtenu de réponse satisfaisante, vous pouvez :",
        )
        + "<ul>"
        "<li>écrire un message au Défenseur des droits, par le "
        '<a href="https://formulaire.defenseurdesdroits.fr/">formulaire en ligne</a> ;</li>'
        "<li>contacter le délégué du Défenseur des droits de votre région, dont la "
        '<a href="https://www.defenseurdesdroits.fr/carte-des-delegues">liste est en ligne</a> ;</li>'
        "<li>envoyer un courrier, gratuit et sans timbre, à : Défenseur des droits, Libre réponse 71120, "
        "75342 Paris CEDEX 07.</li>"
        "</ul>",
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

    statement, created = get_or_create_child(
        home,
        AccessibilityStatementPage,
        "accessibilite",
        title="Déclaration d'accessibilité",
        intro=ACCESSIBILITY_INTRO,
        compliance_status=AccessibilityStatementPage.PARTIAL,
        compliance_rate=78,
        standard="RGAA version 4.1.2",
        audit_date=datetime.date(2026, 10, 15),
        statement_date=datetime.date(2026, 11, 4),
        body=ACCESSIBILITY_BODY,
        search_description=(
            "Déclaration d'accessibilité de Webassoc : site partiellement conforme au RGAA 4.1.2 (78 % des "
            "critères respectés), contenus non accessibles, contact et voies de recours."
        ),
    )
    context.created += created

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
