from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("mes-formations/", views.dashboard, name="dashboard"),
]
