from django.urls import path

from upstander.routes import views

app_name = "routes"

urlpatterns = [
    path("<slug:slug>/", views.page_view, name="page"),
    path("<slug:slug>/poster.pdf", views.poster_view, name="poster"),
    path("<slug:slug>/routes/", views.edit_view, name="edit"),
]
