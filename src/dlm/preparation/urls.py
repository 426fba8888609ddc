from django.urls import path

from dlm.preparation.views import (
    materials,
    opinions,
    plan,
    registers,
    review,
    study,
    talks,
)

app_name = "preparation"

urlpatterns = [
    path("meetings/<int:pk>/materials/", materials.meeting_materials, name="meeting_materials"),
    path("materials/<int:pk>/", materials.material_detail, name="material_detail"),
    path("materials/<int:pk>/docx/", materials.material_docx, name="material_docx"),
    path("materials/<int:pk>/versions/new/", materials.version_create, name="version_create"),
    path(
        "materials/<int:pk>/compare/<int:doc>/", materials.material_compare, name="material_compare"
    ),
    path("templates/", materials.template_list, name="template_list"),
    path("materials/<int:pk>/submit/", review.material_submit, name="material_submit"),
    path(
        "materials/<int:pk>/unreadable/<int:upload_pk>/",
        materials.unreadable_download,
        name="unreadable_download",
    ),
    path("materials/<int:pk>/review/", review.material_review, name="material_review"),
    path("materials/<int:pk>/comments/new/", review.material_comment, name="material_comment"),
    path("meetings/<int:pk>/opinions/", opinions.meeting_opinions, name="meeting_opinions"),
    path("meetings/<int:pk>/opinions/box/", opinions.box_settings, name="box_settings"),
    path(
        "meetings/<int:pk>/opinion-form.docx", opinions.opinion_form_docx, name="opinion_form_docx"
    ),
    path(
        "meetings/<int:pk>/opinion-summary.docx",
        opinions.opinion_summary_docx,
        name="opinion_summary_docx",
    ),
    path("opinion-box/<slug:token>/", opinions.opinion_box, name="opinion_box"),
    path("meetings/<int:pk>/talks/", talks.meeting_talks, name="meeting_talks"),
    path("meetings/<int:pk>/talk-record.docx", talks.talk_record_form, name="talk_record_form"),
    path("talks/<int:pk>/record.docx", talks.talk_record_docx, name="talk_record_docx"),
    path("meetings/<int:pk>/forums/", opinions.meeting_forums, name="meeting_forums"),
    path(
        "meetings/<int:pk>/consultation/",
        opinions.consultation_edit,
        name="consultation_edit",
    ),
    path("registers/<slug:name>/<int:pk>/edit/", registers.register_edit, name="register_edit"),
    path("registers/<slug:name>/<int:pk>/void/", registers.register_void, name="register_void"),
    path("meetings/<int:pk>/study/", study.meeting_study, name="meeting_study"),
    path("meetings/<int:pk>/cases/", study.meeting_cases, name="meeting_cases"),
    path("meetings/<int:pk>/plan/", plan.meeting_plan, name="meeting_plan"),
    path("meetings/<int:pk>/plan.docx", plan.plan_docx, name="plan_docx"),
    path("meetings/<int:pk>/preparation/", study.meeting_preparation, name="meeting_preparation"),
]
