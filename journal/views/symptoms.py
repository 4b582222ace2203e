from django.contrib import messages
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from journal.forms.symptoms import SymptomNoteForm
from journal.models import Profile, SymptomNote
from journal.views.params import redirect_back, requested_day


def symptom_list(request):
    return render(request, "journal/symptom_list.html", {"notes": SymptomNote.objects.recent(request.user)})


def symptom_add(request):
    return symptom_form(request, SymptomNote(), requested_day(request))


def symptom_edit(request, pk):
    return symptom_form(request, get_object_or_404(SymptomNote, pk=pk, user=request.user))


def symptom_form(request, note, day=None):
    form = SymptomNoteForm(request.POST or None, instance=note, profile=Profile.for_user(request.user), day=day)
    if form.is_valid():
        note = form.save()
        messages.success(request, f"Saved your symptom note for {note.date:%d %b %Y}.")
        return redirect_back(request, "journal:symptoms")
    return render(request, "journal/symptom_form.html", {"form": form, "note": note})


@require_POST
def symptom_delete(request, pk):
    note = get_object_or_404(SymptomNote, pk=pk, user=request.user)
    note.delete()
    messages.success(request, f"Deleted the symptom note of {note.date:%d %b %Y}.")
    return redirect_back(request, "journal:symptoms")
