"""Log sign-ins: supervisors ask who looked at what, and failed attempts show abuse."""

from axes.signals import user_locked_out
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


@receiver(user_locked_out)
def _locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    """The login throttle paused an account from one address (django-axes)."""
    log_action("core.session.locked_out", user=None, data={"username": str(username or "")[:150]})
