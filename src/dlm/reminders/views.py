from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from dlm.reminders.models import Reminder


@login_required
@require_POST
def reminders_read(request):
    """Mark the user's own reminders read; nobody else's can be touched here."""
    Reminder.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
    return redirect("core:dashboard")
