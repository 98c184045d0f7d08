from django.urls import path

from upstander.people import views, views_lookup

app_name = "people"

urlpatterns = [
    path("", views.person_list_view, name="list"),
    path("add/", views.person_create_view, name="create"),
    path("lookup/", views_lookup.person_lookup_view, name="lookup"),
    path("<int:person_id>/", views.person_detail_view, name="detail"),
    path("<int:person_id>/change/", views.person_change_view, name="change"),
]
