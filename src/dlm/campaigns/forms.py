"""Forms for campaigns and meetings. Every input passes one of these."""

from __future__ import annotations

from django import forms

from dlm.campaigns.domain import CAMPAIGN_FIELDS, PARENT_FIELDS
from dlm.campaigns.enums import CampaignKind, MeetingState
from dlm.campaigns.models import Campaign, Meeting, local_today
from dlm.core.forms import RevisedModelForm
from dlm.organisations.models import Organisation, Person

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class CampaignForm(RevisedModelForm):
    revision_fields = tuple(CAMPAIGN_FIELDS)

    class Meta:
        model = Campaign
        fields = ["issuer", *CAMPAIGN_FIELDS]
        widgets = {
            "latest_meeting_date": DATE,
            "theme": forms.Textarea(attrs={"rows": 3}),
            "study_list": forms.Textarea(attrs={"rows": 4}),
            "own_requirements": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, issuers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if issuers is None:  # editing: the issuer is fixed once drafted
            del self.fields["issuer"]
        else:
            self.fields["issuer"].queryset = Organisation.objects.filter(
                pk__in=[o.pk for o in issuers]
            )
            self.fields["issuer"].empty_label = None
        if not self.instance.pk:
            self.fields["year"].initial = local_today().year
            self.fields["kind"].initial = CampaignKind.ANNUAL
        if self.instance.parent_id is not None:  # a forward: the notice is the superior's
            for name in PARENT_FIELDS:
                self.fields[name].disabled = True
                self.fields[name].help_text = "与上级通知一致，不能修改"
        elif self.instance.pk and not self.instance.is_draft:  # teams received it
            for name in PARENT_FIELDS:
                self.fields[name].disabled = True
                self.fields[name].help_text = "通知已下发，不能再修改"
        else:
            del self.fields["own_requirements"]


class AspectForm(forms.Form):
    head = forms.CharField(label="要点", max_length=120, required=False)
    text = forms.CharField(label="全文", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        head, text = data.get("head", "").strip(), data.get("text", "").strip()
        if head and not text:
            self.add_error("text", "请填写该方面的全文")
        if text and not head:
            self.add_error("head", "请填写该方面的要点（简短标题）")
        return data


class BaseAspectFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        if not self.aspects():
            raise forms.ValidationError("至少需要一个对照检查方面")

    def aspects(self) -> list[tuple[str, str]]:
        return [
            (f.cleaned_data["head"].strip(), f.cleaned_data["text"].strip())
            for f in self.forms
            if f.cleaned_data.get("head", "").strip()
        ]


MAX_ASPECTS = 20
AspectFormSet = forms.formset_factory(
    AspectForm, formset=BaseAspectFormSet, extra=2, max_num=MAX_ASPECTS, validate_max=True
)


def aspect_formset(campaign: Campaign | None, data=None, *, more: bool = False):
    """The aspects as rows: five empty ones for a new notice (the recent notices name five),
    two more than there are when editing; ``more`` adds a row to what was posted, keeping
    everything typed (再加一行, no script needed)."""
    initial = [{"head": a.head, "text": a.text} for a in campaign.aspects.all()] if campaign else []
    if more and data is not None:
        data = data.copy()
        total = int(data.get("aspects-TOTAL_FORMS") or 0)
        data["aspects-TOTAL_FORMS"] = str(min(total + 1, MAX_ASPECTS))
    formset = AspectFormSet(data, initial=initial, prefix="aspects")
    if campaign is None and data is None:
        formset.extra = 5
    return formset


class IssueForm(forms.Form):
    whole_subtree = forms.BooleanField(label="下发至全部下级班子", required=False)
    recipients = forms.ModelMultipleChoiceField(
        label="接收班子",
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, eligible, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipients"].queryset = eligible
        self.fields["recipients"].label_from_instance = lambda o: o.name

    def clean(self):
        data = super().clean()
        if data.get("whole_subtree"):
            data["recipients"] = list(self.fields["recipients"].queryset)
        if not data.get("recipients"):
            self.add_error("recipients", "请至少选择一个接收班子，或勾选下发至全部下级班子")
        return data


class ReissueForm(forms.Form):
    issuer = forms.ModelChoiceField(
        label="以哪个组织名义转发", queryset=Organisation.objects.none(), empty_label=None
    )

    def __init__(self, *args, issuers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = Organisation.objects.filter(pk__in=[o.pk for o in issuers])


class ScheduleForm(RevisedModelForm):
    class Meta:
        model = Meeting
        fields = ["date", "start_time", "place", "host", "recorder"]
        widgets = {"date": DATE, "start_time": TIME}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        team = self.instance.team
        self.fields["host"].queryset = team.team_members.active().select_related("person")
        self.fields["recorder"].queryset = Person.objects.filter(organisation=team)
        if self.instance.held_on:
            self.fields["date"].disabled = True
            self.fields["date"].help_text = "会议已召开，日期以登记为准"

    def clean_date(self):
        """A planned date is a day to come; a meeting already held is registered as held
        (登记会议已召开), which records its day."""
        date = self.cleaned_data.get("date")
        if self.instance.held_on:
            return date
        if date is None and self.instance.plan_submitted_on:
            raise forms.ValidationError("方案已按会议日期报送，会议日期不能清空")
        if date and date != self.initial.get("date") and date < local_today():
            raise forms.ValidationError("会议日期不能早于今天；会议已召开的，请“登记会议已召开”")
        return date


MAX_SCAN = 10 * 1024 * 1024


class StepForm(forms.Form):
    on = forms.DateField(label="日期", widget=DATE)
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, step, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = local_today()
        if not step.dated_by_user:  # done here, today: no date to choose (or to back-date)
            del self.fields["on"]
        elif step.date_field == "held_on":
            # the day it was held is asked, not assumed to be today: the planned date when
            # it has come, else nothing (a meeting registered days later kept "today")
            planned = meeting.date if meeting is not None else None
            self.fields["on"].initial = planned if planned and planned <= local_today() else None
            self.fields["on"].label = "会议召开日期"
            self.fields["on"].help_text = "会议实际召开的日期"
        self.fields["note"].label = step.note_label
        self.fields["note"].required = step.needs_note
        self.fields["note"].max_length = 2000
        if step.needs_evidence:  # 线下审定: who approved, and a 文号 or the scanned form
            self.fields["on"].label = "审定日期"
            self.fields["approver"] = forms.CharField(
                label="审定单位或审定人", max_length=100, help_text="如：区委组织部干部科 马建军"
            )
            self.fields["document_number"] = forms.CharField(
                label="审定文号", max_length=60, required=False, help_text="文号和扫描件至少填一项"
            )
            self.fields["scan"] = forms.FileField(label="审定单扫描件", required=False)
            if meeting is None or meeting.plan_submitted_on is None:  # else reported in DLM
                self.fields["submitted_on"] = forms.DateField(
                    label="方案线下报送日期",
                    required=False,
                    widget=DATE,
                    help_text="方案以纸质等方式报送上级的日期；不填按审定日期计",
                )

    def clean_on(self):
        on = self.cleaned_data["on"]
        if on > local_today():
            raise forms.ValidationError("日期不能晚于今天")
        return on

    def clean_scan(self):
        scan = self.cleaned_data.get("scan")
        if scan is not None and scan.size > MAX_SCAN:
            raise forms.ValidationError("扫描件过大，上限为 10 MB")
        return scan

    def evidence(self):
        from dlm.campaigns.process import OfflineEvidence

        if "approver" not in self.fields:
            return None
        data = self.cleaned_data
        scan = data.get("scan")
        return OfflineEvidence(
            approver=data["approver"],
            document_number=data.get("document_number", ""),
            scan_name=scan.name if scan else "",
            scan=b"".join(scan.chunks()) if scan else b"",
            submitted_on=data.get("submitted_on"),
        )


class LaterDateForm(forms.Form):
    until = forms.DateField(label="准予推迟召开至", widget=DATE)
    reason = forms.CharField(label="理由", max_length=300, widget=forms.Textarea(attrs={"rows": 2}))


class MeetingFilterForm(forms.Form):
    state = forms.ChoiceField(label="阶段", required=False)
    timing = forms.ChoiceField(
        label="时限",
        required=False,
        choices=[("", "全部"), ("overdue", "现在逾期未办"), ("done_late", "曾逾期完成")],
    )
    q = forms.CharField(label="班子名称", required=False, max_length=50)
    sort = forms.ChoiceField(
        label="排序",
        required=False,
        choices=[("", "按通知和班子"), ("due", "按下一项截止日期"), ("name", "按班子名称")],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", "全部阶段"), *MeetingState.choices]


class GuideForm(forms.Form):
    person = forms.ModelChoiceField(
        label="人员", queryset=Person.objects.none(), empty_label="请选择"
    )
    duty = forms.CharField(label="指导职责", max_length=100, initial="督导组成员")

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["person"].queryset = people
            self.fields["person"].label_from_instance = lambda p: (
                f"{p.name}（{p.organisation.display_name}{'·' + p.title if p.title else ''}）"
            )
