"""Mail as background work (Django's Tasks API): sent at once without a worker, else by
`dlm worker`, so a slow mail server holds up neither a request nor the periodic job."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django_tasks import task


@task()
def send_digest(user_id: int, today: str) -> bool:
    from dlm.reminders.periodic import send_digest_to

    user = get_user_model().objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is None:
        return False
    return send_digest_to(user, dt.date.fromisoformat(today))
