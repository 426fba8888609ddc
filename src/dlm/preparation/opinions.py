"""Opinions: entered by the office, or sent through the meeting's anonymous box.

The box keeps nothing that identifies a sender: no account, no address, no browser, no time
finer than the day, no audit entry and no session. Abuse is limited without identifying
anyone: a daily cap per box, a hidden field robots fill in, a signed (not stored) form token
that must be at least a few seconds and at most a day old, and the same text refused twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.core import signing
from django.db import IntegrityError, transaction

from dlm.campaigns.models import local_today
from dlm.core.audit import log_action
from dlm.core.errors import Refused
from dlm.preparation.enums import OpinionSource
from dlm.preparation.models import Opinion, OpinionBox, UsedBoxToken

MAX_TEXT = 2000
MIN_SECONDS = 3
MAX_SECONDS = 24 * 3600
SALT = "dlm.opinion-box"


def box_for(meeting) -> OpinionBox | None:
    return OpinionBox.objects.filter(meeting=meeting).first()


@transaction.atomic
def open_box(meeting, *, user) -> OpinionBox:
    box, created = OpinionBox.objects.get_or_create(
        meeting=meeting, defaults={"token": secrets.token_urlsafe(16)}
    )
    if not created and not box.is_open:
        box.is_open = True
        box.save(update_fields=["is_open"])
    log_action("preparation.box.opened", user=user, target=box, organisation=meeting.team)
    return box


@transaction.atomic
def close_box(box: OpinionBox, *, user) -> None:
    box.is_open = False
    box.save(update_fields=["is_open"])
    log_action("preparation.box.closed", user=user, target=box, organisation=box.meeting.team)


@transaction.atomic
def enter_opinion(meeting, *, about, aspect, source: str, text: str, received_on, user):
    opinion = Opinion.objects.create(
        meeting=meeting,
        about=about,
        aspect=aspect,
        source=source,
        text=_clean(text),
        received_on=received_on,
    )
    log_action(
        "preparation.opinion.entered",
        user=user,
        target=opinion,
        organisation=meeting.team,
        data={"source": source, "about": str(about) if about else "班子"},
    )
    return opinion


def form_token() -> str:
    """A signed, timestamped random value for one showing of the public form."""
    return signing.TimestampSigner(salt=SALT).sign(secrets.token_urlsafe(12))


def check_token(token: str) -> str:
    """The token's random value, once it is between 3 seconds and a day old."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        value = signer.unsign(token, max_age=MAX_SECONDS)
    except signing.SignatureExpired:
        raise Refused("页面已过期，请刷新后重新填写") from None
    except signing.BadSignature:
        raise Refused("提交无效，请刷新页面后重新填写") from None
    try:
        signer.unsign(token, max_age=MIN_SECONDS)
    except signing.SignatureExpired:
        return value  # old enough: a person read the page before sending
    raise Refused("提交过快：为防止机器自动提交，请阅读页面几秒后再点“提交”，您填写的内容还在")


@transaction.atomic
def submit_anonymous(box: OpinionBox, *, about, aspect, text: str, token: str, honeypot: str):
    if not box.is_open:
        raise Refused("意见箱已关闭，感谢您的关心")
    if honeypot:
        raise Refused("提交无效")
    value = check_token(token)
    text = _clean(text)
    today = local_today()
    _spend(box, value, today)
    sent_today = Opinion.objects.filter(
        meeting=box.meeting, source=OpinionSource.ONLINE, received_on=today
    )
    if sent_today.count() >= box.daily_limit:
        raise Refused(
            f"今天通过网上意见箱提交的意见已达上限（{box.daily_limit}条），请明天再提交，"
            "或通过纸质意见箱、征求意见表反映"
        )
    if sent_today.filter(text=text).exists():
        raise Refused("相同的意见今天已经收到")
    # No audit entry: its time and actor would undo the anonymity the box promises.
    return Opinion.objects.create(
        meeting=box.meeting,
        about=about,
        aspect=aspect,
        source=OpinionSource.ONLINE,
        text=text,
        received_on=today,
    )


def _spend(box: OpinionBox, value: str, today) -> None:
    """One form, one opinion: the form's token is spent (only its digest is kept, two days)."""
    UsedBoxToken.objects.filter(used_on__lt=today - dt.timedelta(days=2)).delete()
    digest = hashlib.sha256(value.encode()).hexdigest()
    try:
        with transaction.atomic():
            UsedBoxToken.objects.create(box=box, digest=digest, used_on=today)
    except IntegrityError:
        raise Refused("这份表单已经提交过了：如需再提一条意见，请刷新页面后重新填写") from None


def _clean(text: str) -> str:
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise Refused("请填写意见内容", field="text")
    if len(text) > MAX_TEXT:
        raise Refused(
            f"意见内容不超过{MAX_TEXT}字（现为{len(text)}字），请精简或分几条提交；您填写的内容还在",
            field="text",
        )
    return text


def summary(opinions) -> dict:
    """Counts by source, target and aspect, for the page and the report."""
    by_source: dict[str, int] = {}
    by_target: dict[str, int] = {}
    by_aspect: dict[str, int] = {}
    for opinion in opinions:
        source = OpinionSource(opinion.source).label
        by_source[source] = by_source.get(source, 0) + 1
        target = opinion.about.person.name if opinion.about else "班子"
        by_target[target] = by_target.get(target, 0) + 1
        aspect = opinion.aspect.head if opinion.aspect else "未分类"
        by_aspect[aspect] = by_aspect.get(aspect, 0) + 1
    return {"source": by_source, "target": by_target, "aspect": by_aspect}


FORMS_BACK_DAYS = 7  # before the meeting: time to sort the opinions into the outlines


def forms_back_by(meeting) -> dt.date | None:
    """When the printed 征求意见表 should come back: a week before the meeting's own date (the
    notice's deadline for holding it is weeks later — "交回 2027-01-09" for a meeting on
    2026-12-09), never earlier than three days from today nor later than the day before.
    None while the meeting has no date."""
    if meeting.date is None:
        return None
    latest = meeting.date - dt.timedelta(days=1)
    wanted = max(meeting.date - dt.timedelta(days=FORMS_BACK_DAYS), local_today() + dt.timedelta(3))
    return min(wanted, latest)
