"""The doctor report: one printable page that sums up a period, week by week, by the ledger's rules."""

from dataclasses import dataclass

from django.db.models import Count, Sum

from journal.ledger import Period, days_of
from journal.models import StandTest, SupplementDose, SupplementProduct, SymptomNote


@dataclass(frozen=True)
class Report:
    period: Period
    supplements: list  # {product_name, form, form_label, doses, elemental_mg}, most magnesium first
    notes: object  # SymptomNote QuerySet of the notes with text
    stand_tests: list  # the StandTests in the period, oldest first, their readings prefetched


def report_for(profile, first, last):
    in_range = {"user": profile.user_id, "date__range": (first, last)}
    doses = (
        SupplementDose.objects.filter(**in_range).values("product_name", "form")
        .annotate(doses=Count("pk"), elemental_mg=Sum("elemental_mg")).order_by("-elemental_mg", "product_name")
    )
    return Report(
        period=Period(days_of(profile, first, last)),
        supplements=[{**row, "form_label": SupplementProduct.Form(row["form"]).label} for row in doses],
        notes=SymptomNote.objects.filter(**in_range).exclude(text="").order_by("recorded_at"),
        stand_tests=list(StandTest.objects.with_readings().filter(**in_range).order_by("started_at", "pk")),
    )
