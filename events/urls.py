from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("mes-formations/ateliers/<id:registration_id>/annuler/", views.cancel_own, name="cancel_own"),
]
