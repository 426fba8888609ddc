from __future__ import annotations

from django import forms

from dlm.core.forms import RevisedModelForm
from dlm.organisations.domain import SEAT_REVISION_FIELDS
from dlm.organisations.enums import OrganisationKind, RoleKind
from dlm.organisations.models import Organisation, Person, TeamMember


class TeamMemberForm(RevisedModelForm):
    name = forms.CharField(label="姓名", max_length=50)
    revision_fields = SEAT_REVISION_FIELDS

    class Meta:
        model = TeamMember
        fields = [
            "position",
            "is_principal",
            "areas_overseen",
            "own_branch",
            "precedence",
        ]
        widgets = {"areas_overseen": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, team: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.team = team
        self.fields = {"name": self.fields.pop("name"), **self.fields}
        if self.instance.pk:
            self.fields["name"].initial = self.instance.person.name
        self.fields["own_branch"].queryset = Organisation.objects.within(team.path).filter(
            kind=OrganisationKind.BRANCH
        )

    def clean(self):
        data = super().clean()
        precedence = data.get("precedence")
        if precedence is not None:
            others = TeamMember.objects.active().filter(team=self.team, precedence=precedence)
            if self.instance.pk:
                others = others.exclude(pk=self.instance.pk)
            holder = others.select_related("person").first()
            if holder is not None:
                self.add_error(
                    "precedence", f"位次{precedence}已由{holder.person.name}使用，请另选位次"
                )
        if data.get("is_principal") and self.instance.active:
            others = TeamMember.objects.active().filter(team=self.team, is_principal=True)
            if self.instance.pk:
                others = others.exclude(pk=self.instance.pk)
            holder = others.select_related("person").first()
            if holder is not None:
                self.add_error(
                    "is_principal",
                    f"本班子的主要负责同志已是{holder.person.name}，请先取消其标记",
                )
        return data


class SubOrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "short_name", "kind", "sort_order"]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("请填写名称")
        return name


class NewAccountForm(forms.Form):
    """A login for someone of the unit: a person already listed, or a new one (the office
    staff of a new unit are usually new to DLM)."""

    person = forms.ModelChoiceField(
        label="人员", queryset=Person.objects.none(), required=False, empty_label="新增人员"
    )
    name = forms.CharField(label="姓名（新增人员）", max_length=50, required=False)
    title = forms.CharField(label="职务（新增人员）", max_length=100, required=False)
    username = forms.CharField(
        label="登录名", max_length=30, help_text="3到30位字母、数字、点、下划线或连字符"
    )
    email = forms.EmailField(label="电子邮箱", required=False, help_text="用于接收提醒，可不填")
    role = forms.ChoiceField(
        label="角色",
        required=False,
        choices=[("", "不授予角色（班子成员本人登录）"), *RoleKind.choices],
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(
            organisation=organisation, user__isnull=True
        )

    def clean(self):
        data = super().clean()
        if not data.get("person") and not (data.get("name") or "").strip():
            self.add_error("name", "请选择人员，或填写新增人员的姓名")
        return data


class LoginForm(forms.Form):
    username = forms.CharField(label="登录名", max_length=30)


class LeaveForm(forms.Form):
    """离任 or 调任: to whom each thing that must pass on goes, and where a move leads."""

    move_to = forms.ModelChoiceField(
        label="调往（调任时选择；离任不选）",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="离任，不调往其他班子",
    )
    position = forms.CharField(label="在新班子的职务", max_length=100, required=False)

    def __init__(self, *args, seat: TeamMember, pending, teams, **kwargs):
        super().__init__(*args, **kwargs)
        others = seat.team.team_members.active().exclude(pk=seat.pk).select_related("person")
        default = next((s for s in others if s.is_principal), None)
        self.handed = []
        for item in pending:
            if item.hand_over is None:
                continue
            field = forms.ModelChoiceField(
                label=item.label,
                queryset=others,
                initial=default,
                empty_label="请选择接手人",
            )
            field.label_from_instance = lambda s: f"{s.person.name}（{s.position}）"
            self.fields[item.key] = field
            self.handed.append(item.key)
        self.fields["move_to"].queryset = teams
        if not teams.exists():
            del self.fields["move_to"], self.fields["position"]

    def successors(self) -> dict:
        return {key: self.cleaned_data[key] for key in self.handed}
