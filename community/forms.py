"""Forms of the community app: the public help request form, the volunteer's answers, the staff's
proposal form, and the editor's skills checkboxes."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from home.departements import DEPARTEMENT_CHOICES, REGION_CHOICES
from home.optin import AntiSpamFormMixin
from home.validators import validate_multiline_text, validate_person_name, validate_single_line
from manifesto.models import Skill
from manifesto.tokens import FORM_SALT

NEED_MAX_LENGTH = 2000
_PHONE = re.compile(r"^\+?[0-9 .()-]{6,30}$")


def clean_text(value):
    """Collapse surrounding spaces; NUL characters never reach the database."""
    return (value or "").replace("\x00", "").strip()


def skills_field(label, required=False):
    return forms.MultipleChoiceField(
        label=label, choices=Skill.choices, required=required, widget=forms.CheckboxSelectMultiple
    )


class HelpRequestForm(AntiSpamFormMixin, forms.Form):
    # The same salt as the manifesto's form: one kind of "shown at" stamp for the site's anonymous forms.
    form_salt = FORM_SALT

    association = forms.CharField(
        label=_("Name of the association"),
        max_length=150,
        validators=[validate_single_line],
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    city = forms.CharField(
        label=_("City"),
        max_length=100,
        validators=[validate_single_line],
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    departement = forms.ChoiceField(
        label=_("Département"),
        choices=[("", _("Choose a département"))] + DEPARTEMENT_CHOICES,
        error_messages={"invalid_choice": _("Choose your département in the list.")},
    )
    size = forms.ChoiceField(label=_("Size of the association"), widget=forms.RadioSelect)
    cause = forms.ChoiceField(label=_("Cause"))
    skills = forms.MultipleChoiceField(
        label=_("Skills you need"),
        choices=Skill.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one skill: it tells us which volunteers to ask.")},
    )
    need = forms.CharField(
        label=_("Your need, in plain words"),
        max_length=NEED_MAX_LENGTH,
        validators=[validate_multiline_text],
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": NEED_MAX_LENGTH}),
    )
    timing = forms.ChoiceField(label=_("When do you need help?"), widget=forms.RadioSelect)
    contact_name = forms.CharField(
        label=_("Your first and last name"),
        max_length=150,
        validators=[validate_person_name],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("We send you a link to confirm your request. It is given to a volunteer only once they accept."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    contact_phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=30,
        required=False,
        validators=[validate_single_line],
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    consent = forms.BooleanField(
        label=_("I agree that these details are recorded to find a volunteer for our association"),
        error_messages={"required": _("Tick this box to send the request: we cannot process it without your consent.")},
    )

    def __init__(self, *args, **kwargs):
        from .models import AssociationSize, Cause, Timing

        super().__init__(*args, **kwargs)
        self.fields["size"].choices = AssociationSize.choices
        self.fields["size"].error_messages["required"] = _("Choose the size of your association.")
        self.fields["cause"].choices = [("", _("Choose a cause"))] + Cause.choices
        self.fields["timing"].choices = Timing.choices
        self.fields["timing"].error_messages["required"] = _("Tell us when you need help.")
        self.fields["need"].help_text = _(
            "What you would like to achieve, what you have already tried, in %(count)s characters at most."
        ) % {"count": NEED_MAX_LENGTH}
        for name in ("association", "city", "need", "contact_name"):
            self.fields[name].error_messages["required"] = REQUIRED_MESSAGES[name]
        self.fields["contact_email"].error_messages.update(
            required=_("Give an e-mail address: we send the confirmation link there."),
            invalid=_("Type an e-mail address like nom@exemple.fr."),
        )
        self.fields["departement"].error_messages["required"] = _("Choose your département in the list.")
        self.fields["cause"].error_messages["required"] = _("Choose the cause of your association.")

    def clean_association(self):
        return clean_text(self.cleaned_data.get("association"))

    def clean_city(self):
        return clean_text(self.cleaned_data.get("city"))

    def clean_need(self):
        need = clean_text(self.cleaned_data.get("need"))
        if len(need) < 20:
            raise forms.ValidationError(_("Describe your need in a sentence or two (20 characters at least)."))
        return need

    def clean_contact_name(self):
        return clean_text(self.cleaned_data.get("contact_name"))

    def clean_contact_phone(self):
        phone = clean_text(self.cleaned_data.get("contact_phone"))
        if phone and not _PHONE.match(phone):
            raise forms.ValidationError(_("Type a phone number with digits only, like 06 12 34 56 78."))
        return phone

    def request_values(self):
        data = self.cleaned_data
        return {
            "association": data["association"],
            "city": data["city"],
            "departement": data["departement"],
            "size": data["size"],
            "cause": data["cause"],
            "skills": list(data["skills"]),
            "need": data["need"],
            "timing": data["timing"],
            "contact_name": data["contact_name"],
            "contact_email": data["contact_email"].strip(),
            "contact_phone": data["contact_phone"],
        }


REQUIRED_MESSAGES = {
    "association": _("Give the name of your association."),
    "city": _("Give the city of your association."),
    "need": _("Describe your need in a sentence or two."),
    "contact_name": _("Give the name of the person we can contact."),
}


class FollowUpForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Did the mission succeed?"), widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        from .models import Outcome

        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [
            (Outcome.SUCCEEDED, _("Yes, it succeeded")),
            (Outcome.FAILED, _("No, it did not")),
        ]
        self.fields["outcome"].error_messages["required"] = _("Choose an answer.")


class VolunteerFilterForm(forms.Form):
    """Filters of the volunteers page, sent with GET: an invalid value is ignored, never an error page."""

    q = forms.CharField(label=_("Search a name or a skill"), required=False, max_length=100)
    skill = forms.ChoiceField(label=_("Skill"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.input_type = "search"
        self.fields["skill"].choices = [("", _("All skills"))] + Skill.choices
        self.fields["region"].choices = [("", _("All regions"))] + REGION_CHOICES

    def values(self):
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {key: data.get(key) for key in ("q", "skill", "region") if data.get(key)}


class VolunteerPageForm(WagtailAdminPageForm):
    skills = skills_field(_("Skills"))


class HelpRequestAdminForm(WagtailAdminModelForm):
    skills = skills_field(_("Skills needed"), required=True)


class ProposeForm(forms.Form):
    """Staff choose, among the suggested volunteers, who receives the proposal."""

    volunteers = forms.MultipleChoiceField(
        label=_("Volunteers to ask"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one volunteer.")},
    )
    volunteers_wanted = forms.IntegerField(
        label=_("Volunteers wanted"),
        min_value=1,
        max_value=10,
        help_text=_("The first who accept, up to this number, are introduced to the association."),
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volunteers"].choices = choices
