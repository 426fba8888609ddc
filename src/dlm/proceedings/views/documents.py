"""The minutes documents, generated from the record on each download."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_safe

from dlm.campaigns.access import get_meeting_for_user
from dlm.core.http import attachment
from dlm.documents import minutes
from dlm.proceedings.documents import minutes_data


def _download(render):
    @login_required
    @require_safe
    def view(request, pk):
        meeting = get_meeting_for_user(request, pk)
        return attachment(*render(minutes_data(meeting)))

    view.__doc__ = render.__doc__
    return view


minutes_record_docx = _download(minutes.render_record)
minutes_summary_docx = _download(minutes.render_summary)
criticisms_docx = _download(minutes.render_criticisms)
