"""The public forms of the manifesto: signing, and the filters of the list of signatories."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from home.departements import DEPARTEMENT_CHOICES
from home.validators import clean_name, validate_multiline_text, validate_person_name, validate_single_line

from .models import OTHER_PROFESSION, Skill
from .tokens import form_started_value

MESSAGE_MAX_LENGTH = 500


def _clean_text(value):
    """Collapse surrounding spaces; NUL characters never reach the database."""
    return (value or "").replace("\x00", "").strip()


class SignatureForm(forms.Form):
    # The five required answers first, then the optional part (the order of the error summary too).
    field_order = [
        "first_name",
        "last_name",
        "email",
        "profession",
        "profession_other",
        "consent",
        "is_public",
        "organisation",
        "city",
        "message",
        "skills",
        "volunteer_consent",
        "departement",
        "newsletter",
    ]
    # What the "check your mailbox" page keeps (in the session) to give the form back for a correction.
    KEPT_FIELDS = tuple(name for name in field_order if name != "consent")

    first_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        validators=[validate_person_name],
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        validators=[validate_person_name],
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("We send you a link to confirm your signature. It is never shown publicly."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    profession = forms.ChoiceField(label=_("Profession"))
    profession_other = forms.CharField(
        label=_("Your profession, if it is not in the list"),
        max_length=100,
        required=False,
        validators=[validate_single_line],
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=150,
        required=False,
        validators=[validate_single_line],
        help_text=_("Company, association or collective; leave empty if you sign as an individual."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    city = forms.CharField(
        label=_("City"),
        max_length=100,
        required=False,
        validators=[validate_single_line],
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    message = forms.CharField(
        label=_("Message (optional)"),
        max_length=MESSAGE_MAX_LENGTH,
        required=False,
        validators=[validate_multiline_text],
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MESSAGE_MAX_LENGTH}),
    )
    skills = forms.MultipleChoiceField(
        label=_("Skills you could offer to associations (optional)"),
        choices=Skill.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    volunteer_consent = forms.BooleanField(
        label=_("I agree to be asked for volunteer missions"),
        required=False,
        help_text=_(
            "Optional, separate from your signature: we may e-mail you an association's request that matches "
            "your skills and your département. Your address is only given to an association once you accept."
        ),
    )
    departement = forms.ChoiceField(
        label=_("Your département"),
        required=False,
        choices=[("", _("Choose a département"))] + DEPARTEMENT_CHOICES,
        help_text=_("Needed only to be asked for missions near you."),
    )
    is_public = forms.BooleanField(label=_("Show my name on the public list of signatories"), required=False)
    consent = forms.BooleanField(
        label=_("I agree that my signature and the details above are recorded for this manifesto"),
        required=True,
        error_messages={"required": _("Tick this box to sign: we cannot record a signature without your consent.")},
    )
    newsletter = forms.BooleanField(
        label=_("I would also like to receive the association's newsletter"),
        required=False,
        help_text=_("Optional, separate from your signature; it takes effect once you confirm your e-mail address."),
    )
    # Anti-spam without third parties: a field people never see, and the time the form was shown.
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)
    started = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)

    def __init__(self, *args, professions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.professions = {str(profession.pk): profession for profession in professions}
        self.fields["profession"].choices = (
            [("", _("Choose your profession"))]
            + [(key, profession.name) for key, profession in self.professions.items()]
            + [(OTHER_PROFESSION, _("Other (type it below)"))]
        )
        self.fields["message"].help_text = gettext(
            "Why you sign, in %(count)s characters at most. Shown on the public list if you appear there."
        ) % {"count": MESSAGE_MAX_LENGTH}
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        # A fresh time stamp each time the form is shown, including after an error.
        self.initial["started"] = form_started_value()
        self.submitted_started = ""
        if self.is_bound:
            # Keep what was sent for the fill-time check, and render a fresh stamp if the form comes back.
            self.submitted_started = str(self.data.get("started", ""))
            data = self.data.copy()
            data["started"] = form_started_value()
            self.data = data

    def clean_first_name(self):
        return clean_name(self.cleaned_data.get("first_name"))

    def clean_last_name(self):
        return clean_name(self.cleaned_data.get("last_name"))

    def clean_organisation(self):
        return _clean_text(self.cleaned_data.get("organisation"))

    def clean_city(self):
        return _clean_text(self.cleaned_data.get("city"))

    def clean_message(self):
        return _clean_text(self.cleaned_data.get("message"))

    def clean_profession_other(self):
        return _clean_text(self.cleaned_data.get("profession_other"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("profession") == OTHER_PROFESSION and not cleaned.get("profession_other"):
            self.add_error("profession_other", _("Type your profession, or choose one in the list."))
        if cleaned.get("volunteer_consent") and not cleaned.get("departement"):
            self.add_error("departement", _("Choose your département so that we ask you for missions near you."))
        return cleaned

    def kept_values(self):
        """What the visitor typed, to fill the form again if they correct their address."""
        return {name: self.cleaned_data.get(name) for name in self.KEPT_FIELDS}

    def signature_values(self):
        """Model field values from the cleaned data."""
        data = self.cleaned_data
        profession = self.professions.get(data["profession"])
        return {
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            "email": data["email"].strip(),
            "profession": profession,
            "role": profession.name if profession else data["profession_other"],
            "organisation": data["organisation"],
            "city": data["city"],
            "message": data["message"],
            "skills": list(data["skills"]),
            "is_public": data["is_public"],
            "newsletter": data["newsletter"],
            "volunteer_consent": data["volunteer_consent"],
            "departement": data["departement"],
        }


class WallFilterForm(forms.Form):
    """Filters of the public list, sent with GET: an invalid value is ignored, never an error page."""

    q = forms.CharField(label=_("Search a name or an organisation"), required=False, max_length=100)
    profession = forms.ChoiceField(label=_("Profession"), required=False)

    def __init__(self, *args, professions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.input_type = "search"
        self.fields["q"].widget.attrs.update({"autocomplete": "off"})
        self.fields["profession"].choices = (
            [("", _("All professions"))]
            + [(str(profession.pk), profession.name) for profession in professions]
            + [(OTHER_PROFESSION, _("Other professions"))]
        )

    def filter(self, queryset):
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        query = _clean_text(data.get("q"))
        for word in query.split()[:5]:
            queryset = queryset.filter(
                Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(organisation__icontains=word)
            )
        profession = data.get("profession")
        if profession == OTHER_PROFESSION:
            queryset = queryset.filter(profession__isnull=True)
        elif profession:
            queryset = queryset.filter(profession_id=int(profession))
        return queryset

    @property
    def is_filtered(self):
        return any(getattr(self, "cleaned_data", {}).values())
