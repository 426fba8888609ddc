"""Forms of the meeting record. The turn form is built for speed: everything but the words
is preselected from the agenda and the record so far."""

from __future__ import annotations

from django import forms
from django.forms.utils import ErrorDict

from dlm.campaigns.models import Meeting
from dlm.proceedings.agenda import team_in_order
from dlm.proceedings.enums import Presence, TurnKind
from dlm.proceedings.live import absent_seats
from dlm.proceedings.models import AgendaItem
from dlm.proceedings.recording import TurnInput


class TurnForm(forms.Form):
    item = forms.ModelChoiceField(
        label="议程", queryset=AgendaItem.objects.none(), required=False, empty_label="（无）"
    )
    kind = forms.ChoiceField(label="类型", choices=TurnKind.choices)
    speaker = forms.ChoiceField(label="发言人")
    target = forms.ChoiceField(label="被批评人", required=False)
    text = forms.CharField(
        label="发言内容",
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 6, "placeholder": "批评意见按“一是……二是……”分条记录，Ctrl+Enter 保存"}
        ),
    )
    use_outline = forms.BooleanField(label="按经审阅的发言提纲发言（不必重录）", required=False)
    client_id = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    revision = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # when the live screen saved it (it may reach us later, after being offline)
    typed_at = forms.DateTimeField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, meeting: Meeting, outlines: dict, team_outline=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.outlines = outlines
        self.team_outline = team_outline
        self.seats = {seat.pk: seat for seat in team_in_order(meeting)}
        self.guides = {g.pk: g for g in meeting.guides.select_related("person")}
        self.fields["item"].queryset = meeting.agenda_items.all()
        absent = absent_seats(meeting)

        def named(pk, seat) -> str:
            return seat.person.name + ("（缺席）" if pk in absent else "")

        self.fields["speaker"].choices = (
            [("", "请选择")]
            + [(f"seat:{pk}", named(pk, seat)) for pk, seat in self.seats.items()]
            + [(f"guide:{pk}", f"{g.person.name}（{g.duty}）") for pk, g in self.guides.items()]
        )
        self.fields["target"].choices = [("", "—")] + [
            (str(pk), named(pk, seat)) for pk, seat in self.seats.items()
        ]

    def turn_input(self) -> TurnInput:
        data = self.cleaned_data
        kind, speaker_key = data["kind"], data["speaker"]
        prefix, _, raw = speaker_key.partition(":")
        speaker = self.seats.get(int(raw)) if prefix == "seat" and raw.isdigit() else None
        guide = self.guides.get(int(raw)) if prefix == "guide" and raw.isdigit() else None
        name = speaker.person.name if speaker else guide.person.name if guide else ""
        target_key = data.get("target") or ""
        target = self.seats.get(int(target_key)) if target_key.isdigit() else None
        version = None
        if data.get("use_outline"):
            if kind == TurnKind.SELF_CRITICISM and speaker is not None:
                version = self.outlines.get(speaker.pk)
            elif kind == TurnKind.TEAM_MATERIAL:
                version = self.team_outline
        return TurnInput(
            kind=kind,
            speaker=speaker,
            speaker_name=name,
            target=target,
            text=data.get("text") or "",
            agenda_item=data.get("item"),
            material_version=version,
            client_id=data.get("client_id") or "",
            typed_at=_plausible(data.get("typed_at")),
        )


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["position", "kind", "title", "subject"]
        widgets = {"position": forms.NumberInput(attrs={"class": "narrow", "min": 1})}

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].queryset = meeting.team.team_members.active().select_related(
            "person"
        )
        self.fields["subject"].required = False


def agenda_formset(meeting: Meeting, data=None):
    factory = forms.modelformset_factory(AgendaItem, form=AgendaItemForm, extra=1, can_delete=True)
    return factory(
        data,
        queryset=meeting.agenda_items.select_related("subject__person"),
        form_kwargs={"meeting": meeting},
        prefix="agenda",
    )


class MemberPresenceForm(forms.Form):
    presence = forms.ChoiceField(
        choices=[(Presence.PRESENT, "出席"), (Presence.ABSENT, "缺席")],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label="缺席原因", max_length=200, required=False)


class GuestsForm(forms.Form):
    attending = forms.CharField(
        label="列席人员",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="每行一人：姓名 职务（如“王强 党政办主任”）",
    )

    def guests(self) -> list[tuple[str, str]]:
        rows = []
        for line in (self.cleaned_data.get("attending") or "").splitlines():
            name, _, title = line.strip().partition(" ")
            if name:
                rows.append((name[:50], title.strip()[:100]))
        return rows


class MinutesUploadForm(forms.Form):
    upload = forms.FileField(label="会议记录文件（.docx、.txt）")


class TurnEditForm(TurnForm):
    """A correction of one turn, with the division into points the recorder may set."""

    points = forms.CharField(
        label="批评意见分条（每行一条；留空则按“一是……二是……”等自动分条）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def turn_input(self) -> TurnInput:
        data = super().turn_input()
        lines = [line.strip() for line in (self.cleaned_data.get("points") or "").splitlines()]
        data.points = [line for line in lines if line] or None
        return data


class ImportRowForm(TurnForm):
    """One proposed turn of an imported minutes file, for the recorder to confirm."""

    include = forms.BooleanField(label="导入", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("item", "use_outline", "client_id", "revision", "typed_at"):
            del self.fields[name]
        self.fields["text"].widget.attrs.update(rows=3, placeholder="")

    def full_clean(self) -> None:
        if self.is_bound and not self.data.get(self.add_prefix("include")):
            # a row left out is not checked: nothing of it will be saved
            self._errors = ErrorDict()
            self.cleaned_data = {"include": False}
            return
        super().full_clean()

    def values(self) -> dict:
        data = self.cleaned_data
        if not data.get("include"):  # left out: only that is a change
            return {"include": False} | {
                name: self.initial.get(name, "") for name in ("kind", "speaker", "target", "text")
            }
        return {
            name: data.get(name) or ("" if name != "include" else False)
            for name in ("include", "kind", "speaker", "target", "text")
        }


def import_formset(meeting: Meeting, outlines: dict, *, data=None, initial=None):
    factory = forms.formset_factory(ImportRowForm, extra=0)
    return factory(
        data,
        initial=initial,
        prefix="row",
        form_kwargs={"meeting": meeting, "outlines": outlines},
    )


def _plausible(moment):
    """A screen's clock within a day of ours is believed; otherwise the server's time is used."""
    import datetime as dt

    from django.utils import timezone

    if moment is None or abs(moment - timezone.now()) > dt.timedelta(days=1):
        return None
    return moment
