"""Log sign-ins: supervisors ask who looked at what, and failed attempts show abuse."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from dlm.core.audit import log_action


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    log_action("core.session.logged_in", user=user, target=user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    log_action("core.session.login_failed", user=None, data={"username": username})
