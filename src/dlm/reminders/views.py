from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from dlm.campaigns.models import local_today
from dlm.reminders import calendar
from dlm.reminders.models import CalendarToken, Reminder


@login_required
@require_safe
def reminder_list(request):
    """All of the user's reminders, unread first, fifty a page."""
    reminders = Reminder.objects.filter(user=request.user).order_by(
        F("read_at").desc(nulls_first=True), "-created_on", "-id"
    )
    page = Paginator(reminders, 50).get_page(request.GET.get("page"))
    unread = Reminder.objects.filter(user=request.user, read_at__isnull=True).count()
    return render(request, "reminders/list.html", {"page": page, "unread": unread})


@login_required
@require_POST
def reminders_read(request):
    """Mark the user's own reminders read; nobody else's can be touched here."""
    Reminder.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
    return redirect("workbench:home")


@login_required
@require_http_methods(["GET", "POST"])
def calendar_settings(request):
    token = CalendarToken.objects.filter(user=request.user).first()
    if request.method == "POST":
        token = calendar.renew(request.user)
        messages.success(request, "已生成新的订阅地址，旧地址随即失效")
        return redirect("reminders:calendar_settings")
    url = (
        request.build_absolute_uri(reverse("reminders:calendar_feed", args=[token.token]))
        if token
        else None
    )
    return render(request, "reminders/calendar.html", {"url": url})


@require_safe
def calendar_feed(request, token):
    """No login: calendar programs cannot log in. The secret address is the credential."""
    found = CalendarToken.objects.filter(token=token).select_related("user").first()
    if found is None or not found.user.is_active:
        raise Http404
    base = request.build_absolute_uri("/").rstrip("/")
    response = HttpResponse(
        calendar.feed(found.user, base, local_today()), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, max-age=900"
    return response
