from django.urls import path

from upstander.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.audit_list_view, name="list"),
    path("<str:object_type>/<str:object_id>/", views.audit_object_view, name="object"),
]
