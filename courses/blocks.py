"""Lesson blocks: the shared page blocks plus key takeaways, exercise, checklist and resources."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from home.blocks import RICH_TEXT_INLINE_FEATURES, BaseStreamBlock, LinkBlock, LinkStructValue


class KeyTakeawaysBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("Title"),
        max_length=150,
        required=False,
        help_text=_("Leave empty to use “Key takeaways”."),
    )
    items = blocks.ListBlock(blocks.CharBlock(label=_("Point"), max_length=300), label=_("Points"), min_num=1)

    class Meta:
        icon = "pick"
        template = "blocks/key_takeaways_block.html"
        label = _("Key takeaways")
        description = _("The few points a learner must remember from the lesson.")
        group = _("Lesson")
        preview_value = {
            "title": "À retenir",
            "items": [
                "Une lettre courte et régulière vaut mieux qu'une longue lettre rare.",
                "Chaque envoi propose une seule action principale.",
            ],
        }


class ExerciseBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=150)
    instructions = blocks.RichTextBlock(label=_("Instructions"), features=RICH_TEXT_INLINE_FEATURES + ["ol", "ul"])
    duration_minutes = blocks.IntegerBlock(
        label=_("Duration (minutes)"), required=False, min_value=1, help_text=_("Optional: how long it takes.")
    )
    solution = blocks.RichTextBlock(
        label=_("Suggested answer"),
        required=False,
        features=RICH_TEXT_INLINE_FEATURES + ["ol", "ul"],
        help_text=_("Optional: shown folded, the learner opens it when ready."),
    )

    class Meta:
        icon = "edit"
        template = "blocks/exercise_block.html"
        label = _("Exercise")
        description = _("A practical task for the learner's own association, with an optional suggested answer.")
        group = _("Lesson")
        preview_value = {
            "title": "À vous de jouer",
            "instructions": "<p>Listez trois sujets dont vous pourriez parler dans votre prochaine lettre.</p>",
            "duration_minutes": 5,
            "solution": "<p>Un événement à venir, un portrait de bénévole, un remerciement aux donateurs.</p>",
        }


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=150)
    items = blocks.ListBlock(blocks.CharBlock(label=_("Item"), max_length=300), label=_("Items"), min_num=1)

    class Meta:
        icon = "tasks"
        template = "blocks/checklist_block.html"
        label = _("Checklist")
        description = _("A list of things to check or do, in order.")
        group = _("Lesson")
        preview_value = {
            "title": "Avant d'envoyer",
            "items": ["Relire l'objet", "Tester les liens", "Vérifier le lien de désinscription"],
        }


class ResourceBlock(LinkBlock):
    description = blocks.CharBlock(label=_("Description"), max_length=250, required=False)

    class Meta:
        icon = "link"
        value_class = LinkStructValue
        label = _("Resource")


class ResourcesBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("Title"), max_length=150, required=False, help_text=_("Leave empty to use “To go further”.")
    )
    items = blocks.ListBlock(ResourceBlock(), label=_("Resources"), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "blocks/resources_block.html"
        label = _("Resources")
        description = _("Links to go further: guides, tools, official texts.")
        group = _("Lesson")
        preview_value = {
            "title": "Pour aller plus loin",
            "items": [
                {
                    "label": "Le site de la CNIL",
                    "url": "https://www.cnil.fr/",
                    "page": None,
                    "description": "Fiches pratiques pour les associations.",
                }
            ],
        }


class LessonStreamBlock(BaseStreamBlock):
    key_takeaways = KeyTakeawaysBlock()
    exercise = ExerciseBlock()
    checklist = ChecklistBlock()
    resources = ResourcesBlock()

    class Meta:
        block_counts = {}
