from django.urls import path, register_converter

from journal.converters import DateConverter
from journal.views import day, meals

register_converter(DateConverter, "date")

app_name = "journal"
urlpatterns = [
    path("today/", day.today, name="today"),
    path("meals/add/", meals.meal_add, name="meal_add"),
]
