from django import template

register = template.Library()


@register.filter
def accessible_widget(bound_field):
    """Render a form field's widget without a placeholder: the visible <label> names the field.

    Django adds ``aria-describedby`` (help text and errors), ``aria-invalid`` and ``required``.
    """
    widget = bound_field.field.widget
    widget.attrs.pop("placeholder", None)  # the form instance owns a deep copy of its widgets
    return bound_field.as_widget()


@register.filter
def has_required_fields(form):
    return any(field.field.required for field in form.visible_fields())
