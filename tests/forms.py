"""Posting edit forms as a browser does: with the revision the page was shown at."""

from __future__ import annotations

import re


def shown_revision(client, url: str, name: str = "revision") -> str:
    """The revision in the hidden field of the form at ``url`` (as the browser sends it)."""
    page = client.get(url).content.decode()
    found = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', page)
    assert found, f"no {name} field on {url}"
    return found.group(1)


def post_edit(client, url: str, data: dict, name: str = "revision"):
    """Open the edit page, then post ``data`` with the revision it showed."""
    return client.post(url, {**data, name: shown_revision(client, url, name)})


def browser_data(client, url: str, form_name: str = "form", formsets=()) -> dict:
    """What a browser posts from the form at ``url`` untouched: every field's shown value
    and the hidden initials an edit form carries (and the named formsets' rows)."""
    context = client.get(url).context
    data = _form_data(context[form_name])
    for name in formsets:
        formset = context[name]
        data |= _form_data(formset.management_form)
        for form in formset.forms:
            data |= _form_data(form)
    return data


def _form_data(form) -> dict:
    from django import forms

    data = {}
    for bound in form:
        field = bound.field
        value = field.prepare_value(bound.value())
        if isinstance(field.widget, forms.CheckboxInput):
            if value:
                data[bound.html_name] = "on"
        else:
            shown = field.widget.format_value(value)
            if isinstance(shown, list):
                shown = shown[0] if shown else ""
            data[bound.html_name] = "" if shown is None else str(shown)
        if field.show_hidden_initial:
            initial = field.prepare_value(bound.initial)
            data[bound.html_initial_name] = "" if initial is None else str(initial)
    return data
