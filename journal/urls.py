from django.urls import path, register_converter

from journal.converters import DateConverter
from journal.views import day, meals, saved_meals

register_converter(DateConverter, "date")

app_name = "journal"
urlpatterns = [
    path("today/", day.today, name="today"),
    path("day/<date:day>/", day.day, name="day"),
    path("day/<date:day>/copy/", meals.meal_copy, name="day_copy"),
    path("day/<date:day>/<str:meal>/copy/", meals.meal_copy, name="meal_copy"),
    path("day/<date:day>/<str:meal>/save/", saved_meals.saved_meal_create, name="saved_meal_create"),
    path("meals/add/", meals.meal_add, name="meal_add"),
    path("meals/<int:pk>/edit/", meals.meal_edit, name="meal_edit"),
    path("meals/<int:pk>/delete/", meals.meal_delete, name="meal_delete"),
    path("meals/<int:pk>/again/", meals.meal_again, name="meal_again"),
    path("saved-meals/", saved_meals.saved_meal_list, name="saved_meal_list"),
    path("saved-meals/<int:pk>/log/", saved_meals.saved_meal_log, name="saved_meal_log"),
    path("saved-meals/<int:pk>/delete/", saved_meals.saved_meal_delete, name="saved_meal_delete"),
]
