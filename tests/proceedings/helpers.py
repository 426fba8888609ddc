from __future__ import annotations

from django.urls import reverse

from tests.proceedings.script import SCRIPT


def seat_named(world, name):
    return next(
        s for s in world.street.team_members.select_related("person") if s.person.name == name
    )


def post_turn(client, world, kind, speaker, target=None, text="", **extra):
    data = {
        "kind": kind,
        "speaker": f"seat:{seat_named(world, speaker).pk}",
        "target": str(seat_named(world, target).pk) if target else "",
        "text": text,
        **extra,
    }
    return client.post(
        reverse("proceedings:meeting_record", args=[world.meeting.pk]),
        data,
        HTTP_ACCEPT="application/json",
    )


def record_script(client, world):
    for kind, speaker, target, text in SCRIPT:
        response = post_turn(client, world, kind, speaker, target, text)
        assert response.status_code == 201, response.content.decode()


def structure(turns):
    """(kind, speaker, target, points) of the substantive turns, in order."""
    return [
        (t.kind, t.speaker_name, t.target.person.name if t.target_id else None, t.points.count())
        for t in turns
        if t.kind in ("self_criticism", "criticism", "response")
    ]
