"""Forms of the live trainings: the workshop editor, the agenda's filters, a visitor's registration."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from home.forms import DecorativeImagesPageForm, decorative_image_field
from home.optin import AntiSpamFormMixin
from home.validators import validate_person_name, validate_single_line

ONLINE = "online"


class WorkshopPageForm(DecorativeImagesPageForm):
    cover_image_decorative = decorative_image_field()
    decorative_images = [("cover_image", "cover_image_alt", "cover_image_decorative")]

    def clean(self):
        cleaned_data = super().clean()
        sessions = self.formsets.get("sessions")
        if sessions is None:
            return cleaned_data
        online = cleaned_data.get("format") == "online"
        for form in sessions.forms:
            if not hasattr(form, "cleaned_data") or not form.cleaned_data:
                continue
            if form in sessions.deleted_forms:
                if form.instance.pk and form.instance.registrations.active().exists():
                    # Deleting would silently drop the people registered: cancelling tells them.
                    form.add_error(
                        "starts_at",
                        _(
                            "People are registered for this session: cancel it from “Live trainings” "
                            "(they are told by e-mail) instead of deleting it."
                        ),
                    )
                continue
            data = form.cleaned_data
            if not online and not (data.get("venue") or data.get("address")):
                form.add_error("venue", _("Give the place of the session (its name or its address)."))
        return cleaned_data


class AgendaFilterForm(forms.Form):
    """The agenda's filters, sent with GET: works without JavaScript. Choices come from the sessions
    listed, so every option finds at least one session."""

    theme = forms.ChoiceField(label=_("Theme"), required=False)
    format = forms.ChoiceField(label=_("Format"), required=False)
    place = forms.ChoiceField(label=_("Where"), required=False)
    month = forms.ChoiceField(label=_("Month"), required=False)

    def __init__(self, *args, themes=(), cities=(), months=(), **kwargs):
        from .models import Format

        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("All themes"))] + [(theme.slug, theme.name) for theme in themes]
        self.fields["format"].choices = [("", _("All formats"))] + list(Format.choices)
        self.fields["place"].choices = [("", _("Everywhere")), (ONLINE, _("Online"))] + [
            (city, city) for city in cities if city
        ]
        self.fields["month"].choices = [("", _("Any month"))] + [
            (month.strftime("%Y-%m"), date_format(month, "F Y").capitalize()) for month in months
        ]

    def filter(self, sessions):
        """Apply the valid filters; an invalid value is reported next to its field and ignored."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if data.get("theme"):
            sessions = sessions.filter(page__theme__slug=data["theme"])
        if data.get("format"):
            sessions = sessions.filter(page__format=data["format"])
        if data.get("place") == ONLINE:
            sessions = sessions.filter(page__format=ONLINE)
        elif data.get("place"):
            sessions = sessions.filter(city=data["place"]).exclude(page__format=ONLINE)
        if data.get("month"):
            year, month = (int(part) for part in data["month"].split("-"))
            sessions = sessions.filter(starts_at__year=year, starts_at__month=month)
        return sessions

    @property
    def is_filtered(self):
        return any(getattr(self, "cleaned_data", {}).values())


def _clean_text(value):
    return (value or "").replace("\x00", "").strip()


class VisitorRegistrationForm(AntiSpamFormMixin, forms.Form):
    """A visitor without an account: name, e-mail, association; the seat waits for the e-mailed link."""

    form_salt = "events.form-started"

    name = forms.CharField(
        label=_("First and last name"),
        max_length=150,
        validators=[validate_person_name],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("We send you a link to confirm your registration. It is never shown publicly."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    organisation = forms.CharField(
        label=_("Association"),
        max_length=150,
        required=False,
        validators=[validate_single_line],
        help_text=_("Leave empty if you come as an individual."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    consent = forms.BooleanField(
        label=_("I agree that these details are kept to organise the session"),
        required=True,
        error_messages={"required": _("Tick this box to register: we need your details to keep your seat.")},
    )

    def clean_name(self):
        name = _clean_text(self.cleaned_data.get("name"))
        if not name:
            raise forms.ValidationError(_("Enter your name."))
        return name

    def clean_organisation(self):
        return _clean_text(self.cleaned_data.get("organisation"))


# --- staff actions (the "Live trainings" admin screens) ---------------------------------------------


class CancelSessionForm(forms.Form):
    message = forms.CharField(
        label=_("A word for the participants (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Added to the cancellation e-mail: why, and whether another date is planned."),
    )

    def clean_message(self):
        return _clean_text(self.cleaned_data.get("message"))


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(
        label=_("Number of seats"),
        min_value=1,
        max_value=10000,
        help_text=_(
            "More seats go at once to the first people waiting, who are told by e-mail. Fewer seats never "
            "take a seat from someone confirmed."
        ),
        error_messages={
            "required": _("Give the number of seats."),
            "invalid": _("Give the number of seats as a whole number, for example 12."),
            "min_value": _("A session has at least one seat."),
            "max_value": _("A session has at most 10,000 seats."),
        },
    )


class MessageForm(forms.Form):
    CONFIRMED = "confirmed"
    WITH_WAITING = "with_waiting"

    subject = forms.CharField(
        label=_("Subject"),
        max_length=150,
        error_messages={"required": _("Give the e-mail a subject.")},
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Plain text. Each person also receives the session's details and their cancellation link."),
        error_messages={"required": _("Write the message.")},
    )
    recipients = forms.ChoiceField(
        label=_("Send to"),
        choices=[
            (CONFIRMED, _("Confirmed participants")),
            (WITH_WAITING, _("Confirmed participants and the waiting list")),
        ],
        initial=CONFIRMED,
        widget=forms.RadioSelect,
    )

    def clean_subject(self):
        subject = " ".join(_clean_text(self.cleaned_data.get("subject")).split())
        if not subject:
            raise forms.ValidationError(_("Give the e-mail a subject."))
        return subject

    def clean_message(self):
        message = _clean_text(self.cleaned_data.get("message"))
        if not message:
            raise forms.ValidationError(_("Write the message."))
        return message


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(
        label=_("People present"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick those who came; the others are recorded as absent."),
    )

    def __init__(self, *args, participants=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [
            (str(registration.pk), f"{registration.name} ({registration.email})") for registration in participants
        ]
