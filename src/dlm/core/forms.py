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
    if isinstance(refusal, Stale) and form.is_bound:
        _merge(form, refusal)
        return
    field = refusal.field if refusal.field in form.fields else None
    form.add_error(field, refusal.message)


MERGED = (
    "您编辑期间已有人保存了其他项目（也可能是您在另一个窗口），已并入下面的表单；"
    "您的修改都还在。请核对后再点保存。"
)


def _merge(form: forms.BaseForm, stale: Stale) -> None:
    """Three ways, field by field, from the values the form was shown with (posted back as
    hidden initials): what only the other person changed is taken into the form, what only
    this user changed stays, and what both changed is shown side by side to choose from."""
    data = form.data.copy()
    conflicts, taken = [], []
    for difference in stale.differences:
        name = difference.name.split(".")[-1]
        field = form.fields.get(name)
        if field is None or not field.show_hidden_initial:
            conflicts.append(difference)
            continue
        bound = form[name]
        shown = field.hidden_widget().value_from_datadict(data, form.files, bound.html_initial_name)
        try:
            shown = field.to_python(shown)
        except forms.ValidationError:
            conflicts.append(difference)
            continue
        saved = _as_posted(field, difference.saved_value)
        they_changed = field.has_changed(shown, saved)
        i_changed = field.has_changed(shown, bound.data)
        if they_changed and not i_changed:
            _put(data, form.add_prefix(name), saved, field)
            taken.append(difference)
        elif they_changed:
            conflicts.append(difference)
        # else: only this user changed it; the typing stays
        if they_changed:  # the next save is made on what is saved now
            data[form.add_initial_prefix(name)] = _as_hidden(field, difference.saved_value)
    if stale.revision_field in form.fields:
        data[form.add_prefix(stale.revision_field)] = stale.revision
    form.data = data
    form.stale, form.taken = conflicts, taken
    form.add_error(None, stale.message if conflicts else MERGED)


def _as_posted(field: forms.Field, value):
    """A saved value as the browser would post it in ``field``."""
    value = field.prepare_value(value)
    if isinstance(field.widget, forms.CheckboxInput):
        return bool(value)
    shown = field.widget.format_value(value)
    if isinstance(shown, list):  # a select
        shown = shown[0] if shown else ""
    return "" if shown is None else str(shown)


def _as_hidden(field: forms.Field, value) -> str:
    value = field.prepare_value(value)
    return "" if value is None else str(value)


def _put(data, key: str, value, field: forms.Field) -> None:
    if isinstance(field.widget, forms.CheckboxInput):
        if value:
            data[key] = "on"
        else:
            data.pop(key, None)
    else:
        data[key] = value


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
        # the values shown go back with the save, so that a stale save can be merged
        for name in self.edited_fields():
            field = self.fields.get(name.split(".")[-1])
            if field is not None:
                field.show_hidden_initial = True

    def edited_fields(self) -> tuple[str, ...]:
        return self.revision_fields or tuple(self._meta.fields)

    def posted_revision(self) -> str:
        return self.cleaned_data.get("revision") or ""
