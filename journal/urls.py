from django.urls import path, register_converter

from journal.converters import DateConverter
from journal.views import day, export, meals, week

register_converter(DateConverter, "date")

app_name = "journal"
urlpatterns = [
    path("today/", day.today, name="today"),
    path("meals/add/", meals.meal_add, name="meal_add"),
    path("day/<date:day>/", day.today, name="day"),  # TEMP
    path("week/", week.week, name="week"),
    path("week/<date:start>/", week.week, name="week_of"),
    path("export/", export.export_csv, name="export"),
]
