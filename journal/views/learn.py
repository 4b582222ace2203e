from django.shortcuts import render

from journal.models import SupplementProduct
from journal.reference import DRI_SOURCE, TABLE
from journal.supplement_forms import FORMS


def learn(request):
    forms = [(label, FORMS[value]) for value, label in SupplementProduct.Form.choices]
    return render(request, "journal/learn.html", {"reference_table": TABLE, "dri_source": DRI_SOURCE, "forms": forms})
