"""The GOV.UK / DSFR error summary shown at the top of every public form."""

from django import template

register = template.Library()


def _target_id(bound_field):
    """The id of the element a summary link moves to: the input, or the first choice of a group."""
    if bound_field.is_hidden or not bound_field.auto_id:
        return ""
    if bound_field.widget_type in ("radioselect", "checkboxselectmultiple"):
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label or bound_field.auto_id


@register.inclusion_tag("components/error_summary.html")
def error_summary(form):
    """Every error of ``form``: the form's own first, then each field's, linked to the field."""
    items = []
    if form is not None and form.is_bound and form.errors:
        items.extend({"target": "", "message": error} for error in form.non_field_errors())
        for bound_field in form:
            for error in bound_field.errors:
                items.append({"target": _target_id(bound_field), "message": error})
    return {"items": items}
