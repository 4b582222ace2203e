"""The doctor report: one printable page that sums up a period.

Weekly rows come from the day-by-day summaries grouped by the Monday that
starts each week; intake figures average only the days with food logged.
"""

from dataclasses import dataclass
from datetime import timedelta

import pandas as pd
from django.db.models import Count, Sum

from journal.insights import day_frame, rounded
from journal.models import SupplementDose, SupplementProduct, SymptomNote
from journal.summaries import SUMMARY_SCORES, summarize


@dataclass(frozen=True)
class WeekRow:
    week_start: object
    intake_days: int
    food_mg: object
    supplement_mg: object
    total_mg: object
    dizziness: object
    fatigue: object
    anxiety: object


@dataclass(frozen=True)
class Report:
    first: object
    last: object
    days: int
    weeks: list
    intake_days: int
    incomplete_days: int
    goal_met_days: int
    days_above_upper_limit: int
    mean_total_mg: object
    score_means: dict
    supplements: list  # rows of product_name, form, doses, elemental_mg
    notes: object  # SymptomNote QuerySet of notes with text


def report_for(user, profile, first, last):
    summaries = summarize(user, profile, first, last)
    frame = day_frame(summaries)
    frame["upper_limit_mg"] = [profile.supplement_upper_limit_mg(day) for day in frame.index]
    intake = frame["total_mg"].where(frame["food_logged"])
    above_limit = frame["supplement_mg"] > frame["upper_limit_mg"].astype(float)
    return Report(
        first=first,
        last=last,
        days=len(frame),
        weeks=weekly_rows(frame),
        intake_days=int(frame["food_logged"].sum()),
        incomplete_days=int(frame["magnesium_incomplete"].sum()),
        goal_met_days=int((intake >= frame["goal_mg"]).sum()),
        days_above_upper_limit=int(above_limit.sum()),
        mean_total_mg=rounded(intake.mean()),
        score_means={score: rounded(frame[score].mean()) for score in SUMMARY_SCORES},
        supplements=[
            {**row, "form_label": SupplementProduct.Form(row["form"]).label}
            for row in SupplementDose.objects.filter(user=user, date__range=(first, last))
            .values("product_name", "form")
            .annotate(doses=Count("pk"), elemental_mg=Sum("elemental_mg"))
            .order_by("-elemental_mg")
        ],
        notes=SymptomNote.objects.filter(user=user, date__range=(first, last)).exclude(text="").order_by("recorded_at"),
    )


def weekly_rows(frame):
    logged = frame["food_logged"]
    weekly = pd.DataFrame({
        "week_start": [day - timedelta(days=day.weekday()) for day in frame.index],
        "intake_days": logged.astype(int),
        "food_mg": frame["food_mg"].where(logged),
        "supplement_mg": frame["supplement_mg"].where(logged),
        "total_mg": frame["total_mg"].where(logged),
        **{score: frame[score] for score in SUMMARY_SCORES},
    }).groupby("week_start")
    sums, means = weekly.sum(), weekly.mean()
    return [
        WeekRow(
            week_start=week_start,
            intake_days=int(sums.at[week_start, "intake_days"]),
            **{column: rounded(means.at[week_start, column])
               for column in ("food_mg", "supplement_mg", "total_mg", *SUMMARY_SCORES)},
        )
        for week_start in means.index
    ]
