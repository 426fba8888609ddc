from django import forms

from dlm.core.errors import Refused


def attach_refusal(form: forms.BaseForm, refusal: Refused) -> None:
    """Show a domain refusal next to its field when the form has it, else above the form."""
    field = refusal.field if refusal.field in form.fields else None
    form.add_error(field, refusal.message)


def posted(request):
    """The POST data of a form submission, or None for a GET.

    ``request.POST or None`` would treat an empty submission as no submission and show a
    blank form instead of the errors; every view uses this instead.
    """
    return request.POST if request.method == "POST" else None
