from __future__ import annotations

import uuid

from django import forms
from django.db.models import Q

from dlm.campaigns.models import Meeting, local_today
from dlm.core.forms import RevisedModelForm
from dlm.organisations.models import TeamMember
from dlm.rectification.domain import ITEM_FIELDS
from dlm.rectification.enums import SourceKind
from dlm.rectification.models import Item

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ItemForm(RevisedModelForm):
    revision_fields = tuple(ITEM_FIELDS)
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    duplicate_ok = forms.BooleanField(label="确认另列一项（与已有事项问题相同）", required=False)
    source_kind = forms.ChoiceField(label="问题来源", choices=SourceKind.choices)
    source_note = forms.CharField(label="来源说明", max_length=300, required=False)

    class Meta:
        model = Item
        fields = [
            "member",
            "problem",
            "measures",
            "responsible",
            "assisting",
            "lead_department",
            "kind",
            "deadline",
            "ongoing",
            "stage_goals",
            "internal_note",
        ]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 3}),
            "measures": forms.Textarea(attrs={"rows": 4}),
            "stage_goals": forms.Textarea(attrs={"rows": 2}),
            "internal_note": forms.Textarea(attrs={"rows": 2}),
            "deadline": DATE,
        }

    def __init__(self, *args, meeting: Meeting, with_source: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        # the team as it is, and whoever the item names now even if they left since
        # (editing must not silently turn a departed member's item into the team's)
        named = [pk for pk in (self.instance.member_id, self.instance.responsible_id) if pk]
        seats = TeamMember.objects.filter(team=meeting.team).filter(
            Q(active=True) | Q(pk__in=named)
        )
        seats = seats.select_related("person").order_by("-active", "precedence", "id")
        for name in ("member", "responsible"):
            self.fields[name].queryset = seats
            self.fields[name].label_from_instance = lambda s: (
                f"{s.person.name}（{s.position}）" + ("" if s.active else "（已离任）")
            )
        self.fields["member"].empty_label = "班子（集体）"
        if not with_source:
            for name in ("source_kind", "source_note", "token", "duplicate_ok"):
                del self.fields[name]
        else:  # a new item: one token per form shown, so a form sent twice makes one item
            self.fields["token"].initial = uuid.uuid4().hex


class SeveralFiles(forms.ClearableFileInput):
    """A file input that takes several files at once (the view reads them all)."""

    allow_multiple_selected = True


class SeveralFilesField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", SeveralFiles(attrs={"multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(SeveralFilesField, self).clean(one, initial) for one in data]
        return super().clean(data, initial)


class ProgressForm(forms.Form):
    on = forms.DateField(label="日期", widget=DATE, initial=local_today)
    text = forms.CharField(label="进展情况", widget=forms.Textarea(attrs={"rows": 3}))
    # every file sent, each checked as a file (≤ 10 and their sizes: domain.add_progress)
    files = SeveralFilesField(
        label="佐证材料",
        required=False,
        help_text="可一次选择多个文件（最多10个，每个不超过20 MB）",
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", max_length=500, required=False)
    # 申请延期 only; the domain says when it is missing or not later than the old one
    new_deadline = forms.DateField(label="延期至", required=False, widget=DATE)


class LedgerImportForm(forms.Form):
    upload = forms.FileField(label="整改清单（.xlsx）")
