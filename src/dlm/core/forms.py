from django import forms

from dlm.core.errors import Refused


def attach_refusal(form: forms.BaseForm, refusal: Refused) -> None:
    """Show a domain refusal next to its field when the form has it, else above the form."""
    field = refusal.field if refusal.field in form.fields else None
    form.add_error(field, refusal.message)
