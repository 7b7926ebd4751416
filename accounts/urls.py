from django.urls import include, path

from . import views

urlpatterns = [
    path("profil/", views.profile, name="account_profile"),
    path("mes-donnees/", views.export, name="account_export"),
    path("supprimer/", views.delete, name="account_delete"),
    path("", include("allauth.urls")),
]
