from django.urls import path

from dlm.rectification.views import exchange, ledger

app_name = "rectification"

urlpatterns = [
    path("meetings/<int:pk>/ledger/", ledger.meeting_ledger, name="meeting_ledger"),
    path("meetings/<int:pk>/ledger/new/", ledger.item_create, name="item_create"),
    path("meetings/<int:pk>/ledger.xlsx", exchange.ledger_xlsx, name="ledger_xlsx"),
    path("meetings/<int:pk>/ledger-<slug:version>.docx", exchange.ledger_docx, name="ledger_docx"),
    path("meetings/<int:pk>/ledger/import/", exchange.ledger_import, name="ledger_import"),
    path(
        "meetings/<int:pk>/ledger/import/<int:import_pk>/",
        exchange.ledger_import_review,
        name="ledger_import_review",
    ),
    path("ledger/<int:pk>/", ledger.item_detail, name="item_detail"),
    path("ledger/<int:pk>/edit/", ledger.item_edit, name="item_edit"),
    path("ledger/<int:pk>/<slug:action>/", ledger.item_action, name="item_action"),
    path(
        "ledger/<int:pk>/evidence/<int:evidence_pk>/",
        ledger.evidence_download,
        name="evidence_download",
    ),
]
