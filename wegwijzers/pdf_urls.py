from django.urls import path, re_path

from wegwijzers import pdf_views

app_name = "pdf"

urlpatterns = [
    path("minigids.pdf", pdf_views.minigids, name="minigids"),
    path("minigids-drukproef.pdf", pdf_views.drukproef, name="drukproef"),
    path("minigids/<slug:slug>.pdf", pdf_views.wegwijzer, name="wegwijzer"),
    re_path(r"^edities/(?P<nummer>[1-9][0-9]{0,4})/minigids-(?P<formaat>a5|a4)\.pdf$", pdf_views.editie, name="editie"),
    path("minigids/pdf/", pdf_views.selection, name="selectie"),
    path("minigids/pdf/<int:pk>/", pdf_views.status, name="status"),
    path("minigids/pdf/<int:pk>/download/", pdf_views.download, name="download"),
]
