from __future__ import annotations

import tempfile
from pathlib import Path

from django import forms

from dlm.campaigns.models import Aspect, local_today
from dlm.core.forms import RevisedModelForm
from dlm.organisations.models import Organisation, TeamMember
from dlm.preparation.enums import MaterialKind, OpinionSource, ReviewDecision, TemplateKind
from dlm.preparation.models import (
    Consultation,
    Forum,
    Opinion,
    Plan,
    StudySession,
    Talk,
    TypicalCase,
)
from dlm.textcheck.errors import UnreadableDocument
from dlm.textcheck.reading import read_path

MAX_UPLOAD = 20 * 1024 * 1024
# A date box: its value written as the browser's date input reads it (a localised
# "2026/11/25" left every correction form's date empty)
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MaterialForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=MaterialKind.choices)
    author = forms.ModelChoiceField(
        label="撰写人（个人发言提纲）", queryset=TeamMember.objects.none(), required=False
    )

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["author"].queryset = team.team_members.active().select_related("person")


def read_upload(upload) -> tuple[str, str, tuple]:
    """The text of an uploaded .docx/.txt/.md, read as `dlm analyse` reads files, its name,
    and its unnumbered headings (see ``Document.headings``)."""
    if upload.size > MAX_UPLOAD:
        raise forms.ValidationError("文件过大，上限为 20 MB")
    suffix = Path(upload.name).suffix.lower()
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
        handle.flush()
        try:
            document = read_path(handle.name, max_bytes=MAX_UPLOAD)
            return document.text, upload.name, document.headings
        except UnreadableDocument as error:
            raise forms.ValidationError(error.message) from None


class TextOrFileForm(forms.Form):
    text = forms.CharField(
        label="正文（粘贴）", required=False, widget=forms.Textarea(attrs={"rows": 16})
    )
    upload = forms.FileField(label="或上传文件（.docx、.txt、.md）", required=False)

    def clean(self):
        data = super().clean()
        upload = data.get("upload")
        typed = data.get("text") or ""
        if upload:
            try:
                data["text"], data["source_name"], data["headings"] = read_upload(upload)
            except forms.ValidationError as error:
                self.add_error("upload", error)
                return data
            if self._typed(typed):
                # a changed text and a file: which is meant? never drop one silently
                data["text"] = typed
                self.add_error(
                    "text",
                    "您既修改了正文又选择了文件，请只用一种：上传的文件会替换整篇正文。"
                    "如要用文件，请先撤销对正文的修改；如要保留修改，请不要选择文件。",
                )
                return data
        else:
            data["source_name"], data["headings"] = "", ()
        if not (data.get("text") or "").strip() and not self.errors:
            self.add_error("text", "请粘贴正文或上传文件")
        return data

    def _typed(self, text: str) -> bool:
        """Whether the text box holds something other than what the form opened with."""

        def plain(value: str) -> str:
            return value.replace("\r\n", "\n").replace("\r", "\n").strip()

        return bool(plain(text)) and plain(text) != plain(str(self.initial.get("text") or ""))


class VersionForm(TextOrFileForm):
    based_on = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class TemplateForm(TextOrFileForm):
    organisation = forms.ModelChoiceField(
        label="所属组织", queryset=Organisation.objects.none(), empty_label=None
    )
    title = forms.CharField(label="标题", max_length=200, required=False)
    kind = forms.ChoiceField(label="类别", choices=TemplateKind.choices)
    field_order = ["organisation", "kind", "title", "text", "upload"]

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in organisations]
        )


class OpinionForm(forms.Form):
    about = forms.ModelChoiceField(
        label="针对", queryset=TeamMember.objects.none(), required=False, empty_label="班子"
    )
    aspect = forms.ModelChoiceField(
        label="对照方面", queryset=Aspect.objects.none(), required=False, empty_label="未分类"
    )
    # no max_length on the field: the browser's maxlength cut pasted text silently; the
    # domain refuses an over-long text with a message and keeps it in the form
    text = forms.CharField(
        label="意见内容",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="不超过2000字；较长的意见可分几条提交",
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["about"].queryset = meeting.team.team_members.active().select_related("person")
        self.fields["about"].label_from_instance = lambda seat: seat.person.name
        self.fields["aspect"].queryset = meeting.campaign.aspects.all()
        self.fields["aspect"].label_from_instance = lambda aspect: aspect.head


class EnteredOpinionForm(OpinionForm):
    source = forms.ChoiceField(
        label="来源", choices=[c for c in OpinionSource.choices if c[0] != OpinionSource.ONLINE]
    )
    received_on = forms.DateField(label="收到日期", widget=DATE)
    field_order = ["source", "about", "aspect", "text", "received_on"]

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > local_today():
            raise forms.ValidationError("日期不能晚于今天")
        return day


class PublicOpinionForm(OpinionForm):
    token = forms.CharField(widget=forms.HiddenInput)
    # Hidden from people by CSS; robots fill every field they see.
    website = forms.CharField(label="网址（请勿填写）", required=False)


TALK_FACTS = (
    "member",
    "kind",
    "partner",
    "partner_name",
    "held_on",
    "covered_team",
    "covered_own",
    "covered_other",
    "covered_criticism",
)


class TalkForm(RevisedModelForm):
    # the revision covers what anyone correcting the talk sees: not the private notes
    revision_fields = TALK_FACTS

    class Meta:
        model = Talk
        fields = [*TALK_FACTS, "notes", "share_with_principal"]
        widgets = {
            "held_on": DATE,
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, meeting, own_seat=None, with_notes: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_notes:  # the office corrects a talk without reading what was said
            del self.fields["notes"], self.fields["share_with_principal"]
        seats = meeting.team.team_members.active().select_related("person")
        for name in ("member", "partner"):
            self.fields[name].queryset = seats
            self.fields[name].label_from_instance = lambda seat: (
                f"{seat.person.name}（{seat.position}）"
            )
        if own_seat is not None:  # a member records his own talks
            self.fields["member"].queryset = seats.filter(pk=own_seat.pk)
            self.fields["member"].initial = own_seat.pk
            self.fields["member"].empty_label = None

    def clean_held_on(self):
        day = self.cleaned_data["held_on"]
        if day > local_today():
            raise forms.ValidationError("日期不能晚于今天")
        return day


class StudySessionForm(RevisedModelForm):
    revision_fields = ("held_on", "form", "topic", "materials")

    class Meta:
        model = StudySession
        fields = ["held_on", "form", "topic", "materials", "attendees"]
        widgets = {
            "held_on": DATE,
            "materials": forms.Textarea(attrs={"rows": 3}),
            "attendees": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = meeting.team.team_members.active().select_related(
            "person"
        )
        self.fields["attendees"].label_from_instance = lambda seat: seat.person.name

    def clean_held_on(self):
        day = self.cleaned_data["held_on"]
        if day > local_today():
            raise forms.ValidationError("日期不能晚于今天")
        return day


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="结论", choices=ReviewDecision.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label="审阅意见", required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    resubmit_by = forms.DateField(label="修改后报回日期", required=False, widget=DATE)

    def clean_resubmit_by(self):
        day = self.cleaned_data["resubmit_by"]
        if day and day < local_today():
            raise forms.ValidationError("报回日期不能早于今天")
        return day


class PlanForm(RevisedModelForm):
    class Meta:
        model = Plan
        fields = [
            "theme",
            "time_place",
            "present",
            "attending",
            "guidance",
            "agenda",
            "steps",
            "requirements",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": rows})
            for name, rows in [
                ("theme", 3),
                ("present", 2),
                ("attending", 2),
                ("guidance", 2),
                ("agenda", 6),
                ("steps", 10),
                ("requirements", 6),
            ]
        }


class TypicalCaseForm(RevisedModelForm):
    revision_fields = ("title", "description", "analysis")

    class Meta:
        model = TypicalCase
        fields = ["title", "description", "analysis", "members"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "analysis": forms.Textarea(attrs={"rows": 4}),
            "members": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = meeting.team.team_members.active().select_related(
            "person"
        )
        self.fields["members"].label_from_instance = lambda seat: seat.person.name


class CommentForm(forms.Form):
    quote = forms.CharField(
        label="要批注的原文（在左侧正文中选中，或粘贴）",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    text = forms.CharField(label="批注", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class ForumForm(RevisedModelForm):
    revision_fields = ("held_on", "topic", "participants", "attendance")

    class Meta:
        model = Forum
        fields = ["held_on", "topic", "participants", "attendance"]
        widgets = {"held_on": DATE}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)

    def clean_held_on(self):
        day = self.cleaned_data["held_on"]
        if day > local_today():
            raise forms.ValidationError("日期不能晚于今天")
        return day


class OpinionEditForm(RevisedModelForm):
    """The office re-classifies an opinion (whom it is about, which aspect); the words of an
    opinion from the box are the sender's and are not edited, only voided."""

    revision_fields = ("about", "aspect", "source", "text", "received_on")

    class Meta:
        model = Opinion
        fields = ["about", "aspect", "source", "text", "received_on"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4}),
            "received_on": DATE,
        }

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["about"].queryset = meeting.team.team_members.select_related("person")
        self.fields["about"].label_from_instance = lambda seat: seat.person.name
        self.fields["about"].empty_label = "班子"
        self.fields["aspect"].queryset = meeting.campaign.aspects.all()
        self.fields["aspect"].label_from_instance = lambda aspect: aspect.head
        self.fields["aspect"].empty_label = "未分类"
        if self.instance.source == OpinionSource.ONLINE:
            for name in ("source", "text", "received_on"):
                self.fields[name].disabled = True
        else:
            self.fields["source"].choices = [
                c for c in OpinionSource.choices if c[0] != OpinionSource.ONLINE
            ]

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > local_today():
            raise forms.ValidationError("日期不能晚于今天")
        return day


class ConsultationForm(RevisedModelForm):
    revision_fields = ("forms_sent", "forms_returned", "interviews")

    class Meta:
        model = Consultation
        fields = ["forms_sent", "forms_returned", "interviews"]
        help_texts = {"forms_sent": "不填表示未登记（报告中为〔未登记〕）；确无则填 0"}

    def clean(self):
        data = super().clean()
        sent, returned = data.get("forms_sent"), data.get("forms_returned")
        if sent is not None and returned is not None and returned > sent:
            self.add_error("forms_returned", "收回的份数不能多于发放的份数")
        return data
