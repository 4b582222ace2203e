from django.shortcuts import render

from journal.models import SupplementProduct, sodium_in_salt
from journal.reference import DRI_SOURCE, TABLE
from journal.supplement_forms import FORMS


def learn(request):
    forms = [(label, FORMS[value]) for value, label in SupplementProduct.Form.choices]
    # Grams of salt a label, a clinician or the POTS guidance may name (1 g tablets; 6 g; 10 to 12 g a day).
    salt_table = [(grams, sodium_in_salt(grams * 1000)) for grams in (1, 6, 10, 12)]
    return render(request, "journal/learn.html", {
        "reference_table": TABLE, "dri_source": DRI_SOURCE, "forms": forms, "salt_table": salt_table,
    })
