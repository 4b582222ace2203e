from django.urls import path

from foods import views

app_name = "foods"
urlpatterns = [
    path("", views.food_list, name="list"),
    path("<int:pk>/", views.food_detail, name="detail"),
]
