from django.urls import path

from upstander.guidance import views
from upstander.guidance.models import Audience

app_name = "guidance"

urlpatterns = [
    path("", views.index_view, name="index"),
    path("young-people/", views.audience_view, {"audience": Audience.YOUNG_PEOPLE}, name="young_people"),
    path("parents/", views.audience_view, {"audience": Audience.PARENTS}, name="parents"),
    path("staff/", views.audience_view, {"audience": Audience.STAFF}, name="staff"),
    path("adults/", views.audience_view, {"audience": Audience.ADULTS}, name="adults"),
    path("platforms/", views.platforms_view, name="platforms"),
    path("helplines/", views.helplines_view, name="helplines"),
]
