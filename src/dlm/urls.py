from django.contrib.auth import views as auth_views
from django.urls import include, path

from dlm.organisations import views_accounts

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", views_accounts.password_change, name="password_change"),
    path("", include("dlm.workbench.urls")),
    path("", include("dlm.core.urls")),
    path("orgs/", include("dlm.organisations.urls")),
    path("", include("dlm.campaigns.urls")),
    path("", include("dlm.preparation.urls")),
    path("", include("dlm.proceedings.urls")),
    path("", include("dlm.rectification.urls")),
    path("", include("dlm.reporting.urls")),
    path("", include("dlm.reminders.urls")),
    path("", include("dlm.supervision.urls")),
]

# Chinese error pages that say what to do (core/errors_views.py)
handler400 = "dlm.core.errors_views.bad_request"
handler403 = "dlm.core.errors_views.permission_denied"
handler404 = "dlm.core.errors_views.page_not_found"
handler500 = "dlm.core.errors_views.server_error"
