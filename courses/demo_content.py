"""Original French demo courses for small associations (content, not UI: written in French)."""


def p(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def ul(*items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def lesson_body(sections, callout=None, takeaways=(), checklist=None, exercise=None, resources=()):
    """sections: [(heading, html), ...]; the call-out comes after the first section."""
    body = []
    for index, (heading, html) in enumerate(sections):
        body.append(("heading", {"text": heading, "level": "h2"}))
        body.append(("paragraph", html))
        if index == 0 and callout:
            kind, title, text = callout
            body.append(("callout", {"kind": kind, "title": title, "text": f"<p>{text}</p>"}))
    if exercise:
        title, instructions, minutes, solution = exercise
        body.append(
            (
                "exercise",
                {
                    "title": title,
                    "instructions": f"<p>{instructions}</p>",
                    "duration_minutes": minutes,
                    "solution": f"<p>{solution}</p>",
                },
            )
        )
    if checklist:
        title, items = checklist
        body.append(("checklist", {"title": title, "items": list(items)}))
    if takeaways:
        body.append(("key_takeaways", {"title": "À retenir", "items": list(takeaways)}))
    if resources:
        body.append(
            (
                "resources",
                {
                    "title": "Pour aller plus loin",
                    "items": [
                        {"label": label, "page": None, "url": url, "description": description}
                        for label, url, description in resources
                    ],
                },
            )
        )
    return body


THEMES = [
    ("Collecte de fonds", "collecte-de-fonds"),
    ("Communication", "communication"),
    ("Données et droit", "donnees-et-droit"),
]

TRAINERS = [
    (
        "Sophie Marchand",
        "Responsable de la collecte dans une ONG pendant douze ans, Sophie accompagne aujourd'hui bénévolement "
        "les petites associations qui lancent leurs premières campagnes de dons.",
    ),
    (
        "Karim Benali",
        "Community manager dans une coopérative culturelle, Karim aime montrer qu'une page bien tenue vaut mieux "
        "que cinq réseaux abandonnés.",
    ),
    (
        "Élodie Roux",
        "Juriste spécialisée en protection des données, Élodie traduit le RGPD en gestes simples pour les "
        "bureaux d'associations.",
    ),
    (
        "Thomas Nguyen",
        "Développeur et trésorier d'un club de basket, Thomas a mis en place la lettre d'information de son "
        "club avec des outils gratuits.",
    ),
]

# Quiz questions: (kind, text, explanation, [(choice, is_correct, feedback), ...])
COURSES = [
    {
        "slug": "collecter-des-dons-en-ligne",
        "title": "Collecter des dons en ligne",
        "summary": "Préparer, lancer et suivre une collecte en ligne qui donne envie de donner, même avec une "
        "petite équipe de bénévoles.",
        "theme": "collecte-de-fonds",
        "level": "beginner",
        "trainers": ["Sophie Marchand"],
        "objectives": "Choisir une plateforme de dons adaptée à votre association\n"
        "Écrire une page de collecte claire et sincère\n"
        "Remercier les donateurs et leur délivrer un reçu fiscal",
        "audience": "Membres du bureau, bénévoles chargés de la communication ou de la trésorerie.",
        "prerequisites": "Savoir utiliser un navigateur et une messagerie. Aucune connaissance technique.",
        "lessons": [
            {
                "slug": "pourquoi-collecter-en-ligne",
                "title": "Pourquoi collecter en ligne ?",
                "minutes": 10,
                "body": lesson_body(
                    [
                        (
                            "Le don en ligne, une habitude installée",
                            p(
                                "Beaucoup de personnes qui soutiennent une association n'ont plus de chéquier sur "
                                "elles. Une collecte en ligne leur permet de donner au moment où elles y pensent : "
                                "après un événement, en lisant votre lettre, en voyant une publication.",
                                "Pour une petite association, c'est aussi un moyen de toucher des personnes qui "
                                "habitent loin : anciens bénévoles qui ont déménagé, familles des adhérents, "
                                "sympathisants rencontrés sur un salon.",
                            ),
                        ),
                        (
                            "Ce qu'une collecte en ligne ne fait pas à votre place",
                            p(
                                "Une page de dons ne se remplit pas toute seule. Les dons arrivent quand vous "
                                "en parlez : dans vos e-mails, sur vos réseaux, lors de vos permanences. Comptez "
                                "autant de temps pour faire connaître la collecte que pour la préparer.",
                                "La collecte en ligne complète les autres formes de soutien (adhésions, "
                                "subventions, mécénat), elle ne les remplace pas.",
                            ),
                        ),
                        (
                            "Fixer un objectif concret",
                            p(
                                "« Soutenez-nous » convainc moins que « Aidez-nous à acheter un deuxième "
                                "réfrigérateur pour l'épicerie solidaire : 900 € ». Un objectif chiffré et "
                                "concret montre à quoi sert chaque don et permet d'annoncer une réussite."
                            )
                            + ul(
                                "Un besoin précis et visible",
                                "Un montant réaliste au regard de votre réseau",
                                "Une date de fin, pour créer un rendez-vous",
                            ),
                        ),
                    ],
                    callout=(
                        "tip",
                        "Commencez petit",
                        "Une première collecte de 500 € réussie vaut mieux qu'un objectif de 10 000 € "
                        "jamais atteint : elle donne confiance à l'équipe et aux donateurs.",
                    ),
                    takeaways=[
                        "La collecte en ligne facilite le don, mais c'est vous qui la faites connaître.",
                        "Un objectif concret, chiffré et daté donne envie de participer.",
                    ],
                    exercise=(
                        "Votre premier objectif",
                        "Écrivez en une phrase le besoin que votre association pourrait financer par une "
                        "collecte, avec un montant et une date.",
                        5,
                        "« Financer la réparation des 12 vélos de l'atelier avant la rentrée : 1 200 € d'ici "
                        "au 31 août. »",
                    ),
                ),
            },
            {
                "slug": "choisir-sa-plateforme",
                "title": "Choisir sa plateforme de dons",
                "minutes": 12,
                "body": lesson_body(
                    [
                        (
                            "Les critères qui comptent",
                            p(
                                "Il existe des plateformes gratuites pour les associations, financées par un "
                                "« pourboire » facultatif laissé par le donateur, et des plateformes payantes qui "
                                "prélèvent une commission sur chaque don. Regardez le coût réel, mais aussi la "
                                "simplicité du formulaire sur téléphone."
                            )
                            + ul(
                                "Frais : commission, frais bancaires, pourboire proposé au donateur",
                                "Reçus fiscaux : générés automatiquement ou non",
                                "Dons mensuels : possibles ou non",
                                "Données : qui peut contacter vos donateurs ensuite ?",
                            ),
                        ),
                        (
                            "Le pourboire, à expliquer",
                            p(
                                "Sur les plateformes « gratuites », le formulaire propose souvent d'ajouter une "
                                "contribution pour la plateforme, parfois pré-remplie. Certains donateurs s'en "
                                "aperçoivent après coup et se sentent piégés. Prévenez-les dans votre texte : "
                                "« ce pourboire est facultatif, vous pouvez le mettre à 0 € »."
                            ),
                        ),
                        (
                            "Tester avant de lancer",
                            p(
                                "Faites un don de 1 € vous-même, depuis un téléphone, avant d'annoncer la "
                                "collecte. Vous verrez exactement ce que vivent vos donateurs : nombre d'étapes, "
                                "e-mail de confirmation, reçu."
                            ),
                        ),
                    ],
                    callout=(
                        "warning",
                        "Attention aux données des donateurs",
                        "Lisez les conditions : certaines plateformes utilisent les adresses des donateurs "
                        "pour leurs propres campagnes. Préférez celles qui vous laissent seuls maîtres de la "
                        "relation.",
                    ),
                    checklist=(
                        "Avant de choisir",
                        [
                            "Comparer les frais sur un don de 20 €",
                            "Vérifier l'envoi automatique des reçus fiscaux",
                            "Faire un don test depuis un téléphone",
                            "Lire qui peut utiliser les données des donateurs",
                        ],
                    ),
                    takeaways=[
                        "« Gratuit » signifie souvent « financé par un pourboire » : expliquez-le.",
                        "Testez toujours le parcours de don sur un téléphone.",
                    ],
                    resources=[
                        (
                            "Service-public.fr : reçus fiscaux des associations",
                            "https://www.service-public.fr/associations",
                            "Les règles officielles sur les dons et la réduction d'impôt.",
                        )
                    ],
                ),
            },
            {
                "slug": "ecrire-sa-page-de-collecte",
                "title": "Écrire sa page de collecte",
                "minutes": 12,
                "body": lesson_body(
                    [
                        (
                            "Une histoire plutôt qu'un catalogue",
                            p(
                                "Racontez une situation réelle, avec l'accord des personnes concernées : la "
                                "famille qui a pu partir en vacances grâce au séjour solidaire, le jeune qui a "
                                "réparé son premier vélo à l'atelier. Une histoire fait comprendre en trente "
                                "secondes à quoi sert votre association.",
                                "Puis expliquez précisément ce que permettra la somme collectée, et ce que vous "
                                "ferez si vous la dépassez.",
                            ),
                        ),
                        (
                            "Des montants qui parlent",
                            p("Proposez trois ou quatre montants, chacun associé à quelque chose de concret :")
                            + ul(
                                "15 € : un panier de fruits et légumes frais",
                                "40 € : une semaine de goûters pour l'aide aux devoirs",
                                "100 € : un atelier cuisine pour dix personnes",
                            )
                            + p(
                                "Rappelez le coût réel après réduction d'impôt si votre association y ouvre "
                                "droit : un don de 40 € peut ne coûter que 13,60 € au donateur."
                            ),
                        ),
                        (
                            "Remercier, vite et sincèrement",
                            p(
                                "Un merci personnalisé dans les 48 heures transforme un premier don en relation. "
                                "Quand l'objectif est atteint, montrez le résultat : une photo du réfrigérateur "
                                "installé, un mot des bénévoles. C'est ce qui fera revenir les donateurs."
                            ),
                        ),
                    ],
                    callout=(
                        "info",
                        "Une image vaut mieux qu'un long texte",
                        "Une photo de vos bénévoles en action, prise avec un téléphone, inspire plus confiance "
                        "qu'une image de banque d'images.",
                    ),
                    takeaways=[
                        "Une histoire vraie, un besoin précis, des montants concrets.",
                        "Le remerciement fait partie de la collecte.",
                    ],
                    exercise=(
                        "Trois montants",
                        "Associez trois montants de don à trois dépenses concrètes de votre association.",
                        10,
                        "Partez de vos factures récentes : ce que coûte une sortie, un atelier, un lot de fournitures.",
                    ),
                ),
            },
        ],
        "quiz": {
            "slug": "quiz-collecte",
            "title": "Quiz : collecter des dons en ligne",
            "intro": "Six questions pour vérifier que vous êtes prêts à lancer votre collecte.",
            "pass_mark": 70,
            "questions": [
                (
                    "single",
                    "Quel objectif de collecte a le plus de chances de convaincre ?",
                    "Un objectif concret, chiffré et daté montre à quoi sert chaque don.",
                    [
                        ("« Soutenez notre association »", False, "Trop vague : à quoi servira le don ?"),
                        ("« 900 € pour un réfrigérateur d'ici au 30 juin »", True, "Oui : concret, chiffré, daté."),
                        ("« Aidez-nous à changer le monde »", False, "Généreux, mais impossible à mesurer."),
                    ],
                ),
                (
                    "true_false",
                    "Une fois la page de collecte en ligne, les dons arrivent sans qu'on ait besoin d'en parler.",
                    "Les dons arrivent quand vous faites connaître la collecte : e-mails, réseaux, événements.",
                    [("Vrai", False, "Hélas non !"), ("Faux", True, "Exactement.")],
                ),
                (
                    "multiple",
                    "Quels critères regarder pour choisir une plateforme de dons ?",
                    "Frais, reçus fiscaux et usage des données comptent tous ; la couleur du logo, non.",
                    [
                        ("Les frais réels sur un don", True, ""),
                        ("L'envoi des reçus fiscaux", True, ""),
                        ("L'usage fait des données des donateurs", True, ""),
                        ("La couleur de son logo", False, "Ce n'est pas un critère important."),
                    ],
                ),
                (
                    "single",
                    "Que faire avant d'annoncer la collecte ?",
                    "Un don test depuis un téléphone montre le vrai parcours de vos donateurs.",
                    [
                        ("Faire soi-même un petit don depuis un téléphone", True, "Oui, c'est le meilleur test."),
                        ("Acheter de la publicité", False, "Pas nécessaire pour commencer."),
                        ("Attendre d'avoir 1 000 abonnés", False, "Votre réseau actuel suffit pour démarrer."),
                    ],
                ),
                (
                    "true_false",
                    "Sur une plateforme « gratuite », il est utile d'expliquer que le pourboire est facultatif.",
                    "Prévenir les donateurs évite qu'ils se sentent piégés par un pourboire pré-rempli.",
                    [("Vrai", True, ""), ("Faux", False, "Si : beaucoup de donateurs ne le remarquent pas.")],
                ),
                (
                    "multiple",
                    "Qu'est-ce qui aide à fidéliser un donateur ?",
                    "Un remerciement rapide et le résultat concret de la collecte créent la relation.",
                    [
                        ("Un merci personnalisé dans les 48 heures", True, ""),
                        ("Montrer ce que la collecte a permis", True, ""),
                        ("Lui écrire tous les jours", False, "Trop de messages lassent."),
                    ],
                ),
            ],
        },
    },
    {
        "slug": "reseaux-sociaux-associations",
        "title": "Les réseaux sociaux pour les associations",
        "summary": "Choisir ses réseaux, publier régulièrement sans s'épuiser et créer un lien avec sa communauté.",
        "theme": "communication",
        "level": "beginner",
        "trainers": ["Karim Benali"],
        "objectives": "Choisir un ou deux réseaux adaptés à votre public\n"
        "Organiser un calendrier de publication réaliste\n"
        "Répondre aux commentaires et gérer un message difficile",
        "audience": "Bénévoles qui publient (ou aimeraient publier) au nom de l'association.",
        "prerequisites": "",
        "lessons": [
            {
                "slug": "choisir-ses-reseaux",
                "title": "Choisir ses réseaux",
                "minutes": 10,
                "body": lesson_body(
                    [
                        (
                            "Là où est votre public",
                            p(
                                "Inutile d'être partout. Demandez-vous où sont les personnes que vous voulez "
                                "toucher : les parents d'élèves sont souvent dans des groupes de messagerie, les "
                                "étudiants sur des réseaux d'images et de vidéos, les partenaires institutionnels "
                                "sur les réseaux professionnels.",
                                "Un réseau bien tenu vaut mieux que cinq comptes ouverts puis abandonnés : un "
                                "compte inactif depuis un an donne l'impression que l'association n'existe plus.",
                            ),
                        ),
                        (
                            "Le temps dont vous disposez",
                            p(
                                "Comptez une à deux heures par semaine pour un réseau : préparer les publications, "
                                "répondre aux messages, partager ce que font vos partenaires. Si personne n'a ce "
                                "temps, commencez par une publication par semaine, c'est déjà très bien."
                            ),
                        ),
                        (
                            "Penser aux personnes qui ne sont pas sur les réseaux",
                            p(
                                "Une partie de votre public n'a aucun compte. Votre site et votre lettre "
                                "d'information restent la base : les réseaux y renvoient, ils ne les remplacent "
                                "pas."
                            ),
                        ),
                    ],
                    callout=(
                        "tip",
                        "Réservez votre nom",
                        "Même si vous n'utilisez pas un réseau tout de suite, créez le compte au nom de "
                        "l'association pour éviter qu'un autre ne le prenne.",
                    ),
                    takeaways=[
                        "Un ou deux réseaux bien tenus plutôt que cinq abandonnés.",
                        "Le site et la lettre restent la base de votre communication.",
                    ],
                ),
            },
            {
                "slug": "publier-regulierement",
                "title": "Publier régulièrement sans s’épuiser",
                "minutes": 12,
                "body": lesson_body(
                    [
                        (
                            "Un calendrier simple",
                            p(
                                "Fixez un rythme tenable, par exemple deux publications par semaine, et des "
                                "rendez-vous récurrents que vos abonnés reconnaîtront : le portrait d'un bénévole "
                                "le mardi, l'agenda du week-end le vendredi."
                            )
                            + ul(
                                "Un tableau partagé avec la date, le sujet, le texte et l'image",
                                "Une personne qui relit avant publication",
                                "Des publications programmées à l'avance quand c'est possible",
                            ),
                        ),
                        (
                            "Des sujets qui ne manquent jamais",
                            p(
                                "Les coulisses de vos actions, les chiffres d'une année, les remerciements aux "
                                "partenaires, les questions fréquentes, les rappels d'inscription : la vie de "
                                "l'association fournit beaucoup de sujets. Gardez une liste d'idées dans votre "
                                "tableau."
                            ),
                        ),
                        (
                            "Des publications accessibles",
                            p(
                                "Ajoutez un texte alternatif à vos images, sous-titrez vos vidéos, n'écrivez pas "
                                "tout en majuscules et limitez les émojis au milieu des phrases : les lecteurs "
                                "d'écran les lisent un par un."
                            ),
                        ),
                    ],
                    callout=(
                        "info",
                        "Partager compte aussi",
                        "Relayer l'événement d'une association voisine ou d'un partenaire est une publication "
                        "utile, rapide, et qui crée des liens.",
                    ),
                    checklist=(
                        "Avant de publier",
                        [
                            "Le texte est relu",
                            "L'image a un texte alternatif",
                            "Les personnes photographiées ont donné leur accord",
                            "Le lien fonctionne",
                        ],
                    ),
                    takeaways=[
                        "Un rythme tenable et des rendez-vous réguliers.",
                        "Texte alternatif et sous-titres rendent vos publications accessibles.",
                    ],
                ),
            },
            {
                "slug": "animer-sa-communaute",
                "title": "Animer sa communauté et gérer les messages difficiles",
                "minutes": 10,
                "body": lesson_body(
                    [
                        (
                            "Répondre, c'est publier",
                            p(
                                "Un commentaire sans réponse est une occasion manquée. Remerciez, répondez aux "
                                "questions, renvoyez vers la bonne page du site. Prévoyez qui répond et dans "
                                "quel délai, par exemple sous 48 heures."
                            ),
                        ),
                        (
                            "Face à un message agressif",
                            p(
                                "Ne répondez pas à chaud. Distinguez la critique, même vive, à laquelle on "
                                "répond calmement et publiquement, de l'insulte ou du propos haineux, que l'on "
                                "masque ou supprime et que l'on peut signaler."
                            )
                            + ul(
                                "Prendre le temps de relire à deux",
                                "Répondre sur les faits, sans ironie",
                                "Proposer de poursuivre en message privé",
                            ),
                        ),
                        (
                            "Une charte de modération",
                            p(
                                "Quelques lignes publiées sur votre page suffisent : ce qui est accepté, ce qui "
                                "sera supprimé. En cas de suppression, vous pourrez vous y référer."
                            ),
                        ),
                    ],
                    callout=(
                        "warning",
                        "Jamais de données personnelles en public",
                        "Si quelqu'un écrit une adresse ou un numéro de téléphone en commentaire, masquez-le "
                        "et poursuivez en privé.",
                    ),
                    exercise=(
                        "Votre charte en trois phrases",
                        "Rédigez la charte de modération de votre page en trois phrases.",
                        10,
                        "« Nous aimons vos questions et vos avis, même critiques. Les insultes, propos "
                        "discriminatoires et publicités seront supprimés. Pour une situation personnelle, "
                        "écrivez-nous en message privé. »",
                    ),
                    takeaways=[
                        "Décidez qui répond et dans quel délai.",
                        "Critique : on répond. Insulte : on masque ou on supprime.",
                    ],
                ),
            },
        ],
        "quiz": {
            "slug": "quiz-reseaux-sociaux",
            "title": "Quiz : les réseaux sociaux",
            "intro": "Six questions sur le choix des réseaux, la régularité et la modération.",
            "pass_mark": 60,
            "questions": [
                (
                    "single",
                    "Combien de réseaux une petite association devrait-elle animer pour commencer ?",
                    "Un ou deux réseaux bien tenus valent mieux que plusieurs comptes abandonnés.",
                    [
                        ("Un ou deux", True, "Oui, c'est tenable."),
                        ("Tous les réseaux existants", False, "Impossible à tenir pour une petite équipe."),
                        ("Aucun", False, "Les réseaux peuvent être utiles, à petite dose."),
                    ],
                ),
                (
                    "true_false",
                    "Un compte inactif depuis un an ne pose aucun problème d'image.",
                    "Un compte abandonné donne l'impression que l'association n'existe plus.",
                    [("Vrai", False, ""), ("Faux", True, "")],
                ),
                (
                    "multiple",
                    "Qu'est-ce qui rend une publication plus accessible ?",
                    "Texte alternatif, sous-titres et texte sans majuscules continues aident tout le monde.",
                    [
                        ("Un texte alternatif pour l'image", True, ""),
                        ("Des sous-titres sur la vidéo", True, ""),
                        ("Un texte entièrement en majuscules", False, "C'est plus difficile à lire."),
                        ("Des émojis au milieu de chaque phrase", False, "Les lecteurs d'écran les lisent tous."),
                    ],
                ),
                (
                    "single",
                    "Un commentaire contient une insulte. Que faire ?",
                    "Les insultes sont masquées ou supprimées, en s'appuyant sur la charte de modération.",
                    [
                        ("Répondre sur le même ton", False, "Cela ne fait qu'envenimer la situation."),
                        ("Masquer ou supprimer le commentaire", True, ""),
                        ("Fermer la page de l'association", False, "C'est disproportionné."),
                    ],
                ),
                (
                    "true_false",
                    "Partager la publication d'une association partenaire est une publication utile.",
                    "Relayer ses partenaires est rapide et crée du lien.",
                    [("Vrai", True, ""), ("Faux", False, "")],
                ),
                (
                    "multiple",
                    "Quels outils aident à publier régulièrement ?",
                    "Un calendrier partagé, une liste d'idées et la programmation allègent la charge.",
                    [
                        ("Un tableau partagé des publications", True, ""),
                        ("Une liste d'idées de sujets", True, ""),
                        ("Publier uniquement quand on a le temps", False, "C'est ainsi que les comptes s'arrêtent."),
                    ],
                ),
            ],
        },
    },
    {
        "slug": "lettre-information-email",
        "title": "Créer sa lettre d’information par e-mail",
        "summary": "Une lettre courte et régulière pour garder le lien avec vos adhérents, bénévoles et "
        "donateurs, dans le respect de leurs données.",
        "theme": "communication",
        "level": "intermediate",
        "trainers": ["Thomas Nguyen", "Karim Benali"],
        "objectives": "Constituer une liste de contacts consentants\n"
        "Concevoir une lettre lisible sur téléphone\n"
        "Mesurer simplement ce qui fonctionne",
        "audience": "Associations qui écrivent déjà à leurs membres depuis une messagerie et veulent passer à "
        "un outil d'envoi.",
        "prerequisites": "Avoir suivi la formation sur les réseaux sociaux est utile, pas obligatoire.",
        "lessons": [
            {
                "slug": "constituer-sa-liste",
                "title": "Constituer sa liste de contacts",
                "minutes": 10,
                "body": lesson_body(
                    [
                        (
                            "Le consentement d'abord",
                            p(
                                "On n'ajoute pas à une lettre d'information toutes les adresses trouvées dans "
                                "la messagerie de l'association. Les adhérents peuvent recevoir les informations "
                                "liées à leur adhésion ; pour le reste, il faut leur accord, donné par exemple "
                                "en cochant une case lors de l'inscription.",
                                "Gardez une trace de la date et de la manière dont chaque personne s'est "
                                "inscrite : l'outil d'envoi le fait en général pour vous.",
                            ),
                        ),
                        (
                            "Où recueillir des inscriptions",
                            ul(
                                "Un formulaire sur votre site",
                                "Le bulletin d'adhésion, avec une case à cocher non pré-cochée",
                                "Une feuille d'inscription lors de vos événements",
                            ),
                        ),
                        (
                            "Choisir un outil d'envoi",
                            p(
                                "Au-delà de quelques dizaines de destinataires, évitez les envois depuis une "
                                "messagerie personnelle : les messages finissent en indésirables et les adresses "
                                "de tous apparaissent parfois en copie. Un outil d'envoi gère les désinscriptions "
                                "et les statistiques."
                            ),
                        ),
                    ],
                    callout=(
                        "warning",
                        "Jamais d'adresses en copie visible",
                        "Envoyer un message à 80 personnes en mettant toutes les adresses dans le champ "
                        "« À » révèle les adresses de chacun : c'est une fuite de données.",
                    ),
                    takeaways=[
                        "Pas d'inscription sans accord, et une trace de cet accord.",
                        "Un outil d'envoi plutôt qu'une messagerie personnelle.",
                    ],
                ),
            },
            {
                "slug": "concevoir-sa-lettre",
                "title": "Concevoir une lettre lisible",
                "minutes": 12,
                "body": lesson_body(
                    [
                        (
                            "Court, régulier, utile",
                            p(
                                "Trois à cinq sujets, chacun en quelques lignes avec un lien pour en savoir plus. "
                                "Un envoi mensuel régulier installe un rendez-vous ; mieux vaut une lettre courte "
                                "chaque mois qu'un long bulletin deux fois par an."
                            ),
                        ),
                        (
                            "L'objet du message",
                            p(
                                "L'objet décide si la lettre sera ouverte. Soyez concret : « Fête du jardin "
                                "samedi, on a besoin de bras ! » plutôt que « Lettre n° 14 »."
                            ),
                        ),
                        (
                            "Lisible sur téléphone",
                            p(
                                "La majorité de vos lecteurs ouvriront la lettre sur un téléphone : une seule "
                                "colonne, un texte assez grand, des boutons faciles à toucher, des images légères "
                                "avec un texte alternatif."
                            ),
                        ),
                    ],
                    callout=(
                        "tip",
                        "Une action principale",
                        "Chaque lettre met en avant une seule action : s'inscrire, donner, venir. Les autres "
                        "informations sont secondaires.",
                    ),
                    checklist=(
                        "Avant d'envoyer",
                        [
                            "Relire l'objet",
                            "S'envoyer un test et l'ouvrir sur un téléphone",
                            "Vérifier chaque lien",
                            "Vérifier le lien de désinscription",
                        ],
                    ),
                    exercise=(
                        "Trois objets",
                        "Proposez trois objets de message pour votre prochaine lettre, puis choisissez le plus "
                        "concret.",
                        5,
                        "« Nouveaux horaires de l'épicerie dès lundi », « Merci ! 1 200 € collectés pour les "
                        "vélos », « Cherche 5 bénévoles pour samedi matin ».",
                    ),
                    takeaways=[
                        "Un objet concret, une action principale.",
                        "Toujours tester sur téléphone avant d'envoyer.",
                    ],
                ),
            },
            {
                "slug": "mesurer-et-ameliorer",
                "title": "Mesurer et améliorer",
                "minutes": 8,
                "body": lesson_body(
                    [
                        (
                            "Quelques chiffres suffisent",
                            p(
                                "Le taux de clics (combien de lecteurs ont cliqué sur au moins un lien) est plus "
                                "fiable que le taux d'ouverture, faussé par certaines messageries. Regardez aussi "
                                "le nombre de désinscriptions après chaque envoi."
                            ),
                        ),
                        (
                            "Tester une chose à la fois",
                            p(
                                "Changez un seul élément d'un envoi à l'autre : l'heure d'envoi, la longueur, "
                                "la place du bouton. Sinon, impossible de savoir ce qui a fait la différence."
                            ),
                        ),
                        (
                            "Nettoyer sa liste",
                            p(
                                "Retirez les adresses qui renvoient des erreurs. Une fois par an, proposez aux "
                                "personnes qui n'ont rien ouvert depuis longtemps de confirmer leur inscription."
                            ),
                        ),
                    ],
                    callout=(
                        "info",
                        "Les statistiques ne sont pas tout",
                        "Une réponse d'un adhérent qui vous remercie en dit parfois plus qu'un pourcentage.",
                    ),
                    takeaways=[
                        "Suivez les clics et les désinscriptions.",
                        "Un seul changement à la fois pour savoir ce qui marche.",
                    ],
                ),
            },
        ],
        "quiz": {
            "slug": "quiz-lettre-information",
            "title": "Quiz : la lettre d’information",
            "intro": "Six questions sur la liste de contacts, la conception et la mesure.",
            "pass_mark": 70,
            "questions": [
                (
                    "true_false",
                    "On peut inscrire à la lettre toutes les adresses présentes dans la messagerie de l'association.",
                    "Il faut l'accord des personnes, en dehors des informations liées à leur adhésion.",
                    [("Vrai", False, ""), ("Faux", True, "")],
                ),
                (
                    "single",
                    "Quel objet de message est le plus efficace ?",
                    "Un objet concret dit tout de suite pourquoi ouvrir le message.",
                    [
                        ("« Lettre n° 14 »", False, "Rien n'indique le contenu."),
                        ("« Fête du jardin samedi, on a besoin de bras ! »", True, ""),
                        ("« Informations diverses »", False, "Trop vague."),
                    ],
                ),
                (
                    "multiple",
                    "Que vérifier avant d'envoyer une lettre ?",
                    "Le test sur téléphone, les liens et la désinscription font partie de la relecture.",
                    [
                        ("Le rendu sur un téléphone", True, ""),
                        ("Chaque lien", True, ""),
                        ("Le lien de désinscription", True, ""),
                        ("Le nombre d'abonnés de vos concurrents", False, ""),
                    ],
                ),
                (
                    "single",
                    "Quel chiffre est le plus fiable pour savoir si la lettre intéresse ?",
                    "Le taux d'ouverture est faussé par certaines messageries ; les clics le sont moins.",
                    [
                        ("Le taux de clics", True, ""),
                        ("Le taux d'ouverture", False, "Il est faussé par certaines messageries."),
                        ("Le nombre de mots", False, ""),
                    ],
                ),
                (
                    "true_false",
                    "Mettre toutes les adresses dans le champ « À » est une fuite de données.",
                    "Chaque destinataire voit alors les adresses de tous les autres.",
                    [("Vrai", True, ""), ("Faux", False, "")],
                ),
                (
                    "multiple",
                    "Qu'est-ce qui rend une lettre lisible sur téléphone ?",
                    "Une colonne, un texte assez grand et des boutons faciles à toucher.",
                    [
                        ("Une seule colonne", True, ""),
                        ("Des boutons faciles à toucher", True, ""),
                        ("De grandes images très lourdes", False, "Elles ralentissent l'affichage."),
                    ],
                ),
            ],
        },
    },
    {
        "slug": "rgpd-pour-les-associations",
        "title": "Le RGPD pour les associations",
        "summary": "Ce que le règlement sur la protection des données demande vraiment à une petite association, "
        "en gestes simples.",
        "theme": "donnees-et-droit",
        "level": "intermediate",
        "trainers": ["Élodie Roux"],
        "objectives": "Recenser les données que votre association collecte\n"
        "Informer les personnes et respecter leurs droits\n"
        "Protéger les fichiers d'adhérents au quotidien",
        "audience": "Membres du bureau, secrétaires et trésoriers d'associations.",
        "prerequisites": "",
        "lessons": [
            {
                "slug": "quelles-donnees",
                "title": "Quelles données, pour quoi faire ?",
                "minutes": 12,
                "body": lesson_body(
                    [
                        (
                            "Toutes les associations sont concernées",
                            p(
                                "Dès que vous tenez une liste d'adhérents, de bénévoles ou de donateurs, vous "
                                "traitez des données personnelles. Le règlement général sur la protection des "
                                "données (RGPD) s'applique, quelle que soit la taille de l'association.",
                                "Bonne nouvelle : pour une petite association, l'essentiel tient en quelques "
                                "habitudes.",
                            ),
                        ),
                        (
                            "Faire l'inventaire",
                            p("Pour chaque fichier, notez :")
                            + ul(
                                "quelles données il contient (nom, e-mail, téléphone, santé…)",
                                "à quoi il sert (gestion des adhésions, envoi de la lettre…)",
                                "qui y a accès",
                                "combien de temps vous le gardez",
                            )
                            + p("Ce tableau constitue votre registre des traitements, même s'il est très simple."),
                        ),
                        (
                            "Ne collecter que le nécessaire",
                            p(
                                "Demandez-vous pour chaque champ de vos formulaires : en avons-nous vraiment "
                                "besoin ? La date de naissance complète est rarement nécessaire ; une tranche "
                                "d'âge suffit souvent."
                            ),
                        ),
                    ],
                    callout=(
                        "warning",
                        "Données sensibles",
                        "Santé, opinions politiques ou religieuses, origine : ces données demandent des "
                        "précautions renforcées. Ne les collectez que si votre objet l'exige vraiment.",
                    ),
                    exercise=(
                        "Votre premier registre",
                        "Listez les fichiers de votre association (tableur des adhérents, liste de la lettre, "
                        "fichier des donateurs) et, pour chacun, sa finalité et qui y a accès.",
                        15,
                        "Trois lignes suffisent souvent pour commencer : adhérents (gestion des cotisations, "
                        "bureau), lettre (information, secrétaire), donateurs (reçus fiscaux, trésorier).",
                    ),
                    takeaways=[
                        "Toute association qui tient une liste de personnes est concernée.",
                        "Un registre simple : données, finalité, accès, durée.",
                    ],
                    resources=[
                        (
                            "CNIL : les associations et le RGPD",
                            "https://www.cnil.fr/",
                            "Fiches pratiques et modèles de registre.",
                        )
                    ],
                ),
            },
            {
                "slug": "informer-et-respecter-les-droits",
                "title": "Informer et respecter les droits",
                "minutes": 10,
                "body": lesson_body(
                    [
                        (
                            "Informer au moment de la collecte",
                            p(
                                "Sur chaque formulaire, quelques lignes indiquent qui collecte les données, pour "
                                "quoi faire, combien de temps elles sont gardées et comment exercer ses droits. "
                                "Un lien vers votre politique de confidentialité complète le tout."
                            ),
                        ),
                        (
                            "Les droits des personnes",
                            ul(
                                "Accès : savoir quelles données vous détenez",
                                "Rectification : corriger une erreur",
                                "Effacement : supprimer ce qui n'est plus nécessaire",
                                "Opposition : ne plus recevoir la lettre, par exemple",
                            )
                            + p("Vous avez un mois pour répondre à une demande."),
                        ),
                        (
                            "Désigner une personne référente",
                            p(
                                "Confiez à une personne du bureau la réception des demandes, avec une adresse "
                                "e-mail dédiée qui ne dépend pas d'une boîte personnelle."
                            ),
                        ),
                    ],
                    callout=(
                        "info",
                        "Pas besoin d'un juriste",
                        "Pour une petite association, une mention claire et une personne référente couvrent "
                        "l'essentiel des obligations d'information.",
                    ),
                    takeaways=[
                        "Informer au moment de la collecte, simplement.",
                        "Répondre aux demandes sous un mois.",
                    ],
                ),
            },
            {
                "slug": "proteger-ses-fichiers",
                "title": "Protéger ses fichiers au quotidien",
                "minutes": 10,
                "body": lesson_body(
                    [
                        (
                            "Les bons réflexes",
                            ul(
                                "Des mots de passe longs et différents, dans un gestionnaire de mots de passe",
                                "Des accès personnels plutôt qu'un compte partagé par tout le bureau",
                                "Retirer les accès des personnes qui quittent l'association",
                                "Ne pas envoyer le fichier des adhérents en pièce jointe",
                            ),
                        ),
                        (
                            "Durées de conservation",
                            p(
                                "Supprimez ou anonymisez les données des anciens adhérents après quelques années, "
                                "sauf obligation légale (les pièces comptables, par exemple). Fixez une date "
                                "annuelle de « grand ménage »."
                            ),
                        ),
                        (
                            "En cas de fuite",
                            p(
                                "Ordinateur volé, fichier envoyé à la mauvaise personne : notez ce qui s'est "
                                "passé, limitez les dégâts et, si le risque pour les personnes est réel, "
                                "prévenez la CNIL dans les 72 heures."
                            ),
                        ),
                    ],
                    callout=(
                        "tip",
                        "Le grand ménage annuel",
                        "Profitez de l'assemblée générale pour faire le point sur les fichiers : ce qui est "
                        "encore utile, ce qui peut être supprimé.",
                    ),
                    checklist=(
                        "Votre plan en cinq points",
                        [
                            "Un gestionnaire de mots de passe pour le bureau",
                            "Des accès nominatifs",
                            "Une date annuelle de suppression",
                            "Une adresse dédiée aux demandes",
                            "Une procédure en cas de fuite",
                        ],
                    ),
                    takeaways=[
                        "Des accès personnels, retirés au départ des personnes.",
                        "Supprimer ce qui n'est plus utile, une fois par an.",
                    ],
                ),
            },
        ],
        "quiz": {
            "slug": "quiz-rgpd",
            "title": "Quiz : le RGPD pour les associations",
            "intro": "Six questions pour vérifier les réflexes essentiels. Trois tentatives possibles.",
            "pass_mark": 70,
            "max_attempts": 3,
            "questions": [
                (
                    "true_false",
                    "Une association de vingt membres n'est pas concernée par le RGPD.",
                    "Dès qu'elle tient une liste de personnes, une association est concernée.",
                    [("Vrai", False, ""), ("Faux", True, "")],
                ),
                (
                    "multiple",
                    "Que note-t-on dans un registre des traitements ?",
                    "Données, finalité, accès et durée de conservation.",
                    [
                        ("Les données collectées", True, ""),
                        ("La finalité du fichier", True, ""),
                        ("Qui y a accès", True, ""),
                        ("La couleur du tableur", False, ""),
                    ],
                ),
                (
                    "single",
                    "Dans quel délai répondre à une demande d'accès ?",
                    "Le délai de réponse est d'un mois.",
                    [("Un an", False, ""), ("Un mois", True, ""), ("Jamais, ce n'est pas obligatoire", False, "")],
                ),
                (
                    "single",
                    "Un bénévole quitte le bureau. Que faire de ses accès aux fichiers ?",
                    "Les accès sont retirés au départ de la personne.",
                    [
                        ("Les lui laisser, au cas où", False, "Risqué : plus personne ne sait qui a accès."),
                        ("Les retirer", True, ""),
                        ("Changer de tableur", False, ""),
                    ],
                ),
                (
                    "true_false",
                    "Envoyer le fichier des adhérents en pièce jointe à tout le bureau est une bonne pratique.",
                    "Une pièce jointe se retrouve copiée partout ; préférez un espace partagé avec des accès.",
                    [("Vrai", False, ""), ("Faux", True, "")],
                ),
                (
                    "multiple",
                    "Quelles données demandent des précautions renforcées ?",
                    "Santé et opinions font partie des données sensibles.",
                    [
                        ("Des données de santé", True, ""),
                        ("Les opinions politiques", True, ""),
                        ("Le nom de l'association", False, ""),
                    ],
                ),
            ],
        },
    },
]
