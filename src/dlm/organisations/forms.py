from __future__ import annotations

from django import forms

from dlm.core.forms import RevisedModelForm
from dlm.organisations.domain import SEAT_REVISION_FIELDS
from dlm.organisations.enums import OrganisationKind
from dlm.organisations.models import Organisation, TeamMember


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
            "active",
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
        if data.get("is_principal") and data.get("active"):
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
