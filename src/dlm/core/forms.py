from __future__ import annotations

from django import forms

from dlm.core.errors import Refused
from dlm.core.revisions import Stale, revision_of


def attach_refusal(form: forms.BaseForm, refusal: Refused) -> None:
    """Show a domain refusal next to its field when the form has it, else above the form.

    A stale save also hands the form what is saved now (shown beside the typing by
    ``core/_form.html``) and moves the form's revision on, so that saving again is a
    deliberate choice to keep what was typed.
    """
    field = refusal.field if refusal.field in form.fields else None
    form.add_error(field, refusal.message)
    if isinstance(refusal, Stale):
        form.stale = refusal.differences
        if form.is_bound and refusal.revision_field in form.fields:
            data = form.data.copy()
            data[form.add_prefix(refusal.revision_field)] = refusal.revision
            form.data = data


def posted(request):
    """The POST data of a form submission, or None for a GET.

    ``request.POST or None`` would treat an empty submission as no submission and show a
    blank form instead of the errors; every view uses this instead.
    """
    return request.POST if request.method == "POST" else None


class RevisionField(forms.CharField):
    """The revision a form was shown at (``core.revisions``), sent back with the save."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 64)
        super().__init__(**kwargs)


class RevisedModelForm(forms.ModelForm):
    """An edit form that carries the revision of the fields it shows.

    ``revision_fields`` names them (dotted for a related row: ``"person.name"``); by
    default the form's model fields. The domain action that saves it passes the same names
    to ``core.revisions.ensure_fresh``.
    """

    revision_fields: tuple[str, ...] = ()
    revision = RevisionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["revision"].initial = revision_of(self.instance, self.edited_fields())

    def edited_fields(self) -> tuple[str, ...]:
        return self.revision_fields or tuple(self._meta.fields)

    def posted_revision(self) -> str:
        return self.cleaned_data.get("revision") or ""
