from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from home.validators import clean_name, validate_person_name, validate_single_line

User = get_user_model()

PROFILE_FIELDS = ["first_name", "last_name", "association", "role"]


def profile_fields():
    """Form fields for the profile, built from the model (lengths, labels, help texts)."""
    fields = {
        "first_name": User._meta.get_field("first_name").formfield(required=True, label=_("First name")),
        "last_name": User._meta.get_field("last_name").formfield(required=True, label=_("Last name")),
        "association": User._meta.get_field("association").formfield(label=_("Association")),
        "role": User._meta.get_field("role").formfield(label=_("Role in the association")),
    }
    autocomplete = {
        "first_name": "given-name",
        "last_name": "family-name",
        "association": "organization",
        "role": "organization-title",
    }
    for name, field in fields.items():
        field.widget.attrs["autocomplete"] = autocomplete[name]
    # The same rules as the manifesto's names and organisations (home/validators.py).
    for name in ("first_name", "last_name"):
        fields[name].validators.append(validate_person_name)
    for name in ("association", "role"):
        fields[name].validators.append(validate_single_line)
    return fields


class NameCleaningMixin:
    def clean_first_name(self):
        return clean_name(self.cleaned_data.get("first_name"))

    def clean_last_name(self):
        return clean_name(self.cleaned_data.get("last_name"))


class SignupForm(NameCleaningMixin, AllauthSignupForm):
    """allauth's sign-up form (e-mail, one password with a "show" button) plus the member's name, association and role."""

    field_order = ["first_name", "last_name", "email", "password1", "association", "role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(profile_fields())
        self.order_fields(self.field_order)
        # allauth's e-mail field has no length limit: a longer address is refused here, not by the
        # database (PostgreSQL would raise an error on saving it).
        email = self.fields["email"]
        email.max_length = User._meta.get_field("email").max_length
        email.validators.append(MaxLengthValidator(email.max_length))
        email.widget.attrs["maxlength"] = str(email.max_length)

    def custom_signup(self, request, user):
        # allauth's adapter already copied first_name and last_name.
        user.association = self.cleaned_data.get("association", "")
        user.role = self.cleaned_data.get("role", "")
        user.save(update_fields=["association", "role"])
        super().custom_signup(request, user)


class ProfileForm(NameCleaningMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = PROFILE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(profile_fields())


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Type your password again to confirm that you want to delete your account."),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password. Your account has not been deleted."))
        return password
