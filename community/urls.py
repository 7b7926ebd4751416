from django.urls import path

from . import views

urlpatterns = [path("comptes/benevolat/", views.account, name="community_account")]
