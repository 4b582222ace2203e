from django.urls import path, register_converter

from journal.converters import DateConverter
from journal.views import (
    day,
    drinks,
    export,
    insights,
    learn,
    meals,
    profile,
    report,
    saved_meals,
    supplements,
    symptoms,
    week,
)

register_converter(DateConverter, "date")

app_name = "journal"
urlpatterns = [
    path("today/", day.today, name="today"),
    path("day/<date:day>/", day.day, name="day"),
    path("day/<date:day>/marks/", day.day_marks, name="day_marks"),
    path("day/<date:day>/drinks/", drinks.drink_add, name="drink_add"),
    path("drinks/<int:pk>/delete/", drinks.drink_delete, name="drink_delete"),
    path("day/<date:day>/copy/", meals.meal_copy, name="day_copy"),
    path("day/<date:day>/<str:meal>/copy/", meals.meal_copy, name="meal_copy"),
    path("day/<date:day>/<str:meal>/save/", saved_meals.saved_meal_create, name="saved_meal_create"),
    path("meals/add/", meals.meal_add, name="meal_add"),
    path("week/", week.week, name="week"),
    path("week/<date:start>/", week.week, name="week_of"),
    path("insights/", insights.insights, name="insights"),
    path("export/", export.export_csv, name="export"),
    path("report/", report.doctor_report, name="report"),
    path("profile/", profile.profile, name="profile"),
    path("supplements/", supplements.supplement_list, name="supplements"),
    path("supplements/products/add/", supplements.product_add, name="product_add"),
    path("supplements/products/<int:pk>/edit/", supplements.product_edit, name="product_edit"),
    path("supplements/products/<int:pk>/delete/", supplements.product_delete, name="product_delete"),
    path("supplements/doses/add/", supplements.dose_add, name="dose_add"),
    path("supplements/doses/<int:pk>/edit/", supplements.dose_edit, name="dose_edit"),
    path("supplements/doses/<int:pk>/delete/", supplements.dose_delete, name="dose_delete"),
    path("symptoms/", symptoms.symptom_list, name="symptoms"),
    path("symptoms/add/", symptoms.symptom_add, name="symptom_add"),
    path("symptoms/<int:pk>/edit/", symptoms.symptom_edit, name="symptom_edit"),
    path("symptoms/<int:pk>/delete/", symptoms.symptom_delete, name="symptom_delete"),
    path("learn/", learn.learn, name="learn"),
    path("meals/<int:pk>/edit/", meals.meal_edit, name="meal_edit"),
    path("meals/<int:pk>/delete/", meals.meal_delete, name="meal_delete"),
    path("meals/<int:pk>/again/", meals.meal_again, name="meal_again"),
    path("saved-meals/", saved_meals.saved_meal_list, name="saved_meal_list"),
    path("saved-meals/<int:pk>/log/", saved_meals.saved_meal_log, name="saved_meal_log"),
    path("saved-meals/<int:pk>/delete/", saved_meals.saved_meal_delete, name="saved_meal_delete"),
]
