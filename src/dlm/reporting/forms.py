from django import forms


class DraftForm(forms.Form):
    title = forms.CharField(label="标题", max_length=200)
    addressee = forms.CharField(label="主送", max_length=200, required=False)
    body = forms.CharField(label="正文", widget=forms.Textarea(attrs={"rows": 24}))
    revision = forms.IntegerField(widget=forms.HiddenInput)


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label="处理", choices=[("accept", "确认收到"), ("return", "退回")], widget=forms.RadioSelect
    )
    note = forms.CharField(label="意见（退回须写明理由）", max_length=1000, required=False)
