from django.http import StreamingHttpResponse
from django.shortcuts import render

from journal import export
from journal.forms.export import ExportForm
from journal.models import Profile

FILES = {
    ExportForm.Kind.DAILY: (export.DAILY_HEADER, export.daily_rows),
    ExportForm.Kind.ENTRIES: (export.ENTRY_HEADER, export.entry_rows),
    ExportForm.Kind.STAND_TESTS: (export.STAND_TEST_HEADER, export.stand_test_rows),
    ExportForm.Kind.LABS: (export.LAB_HEADER, export.lab_rows),
}


def export_csv(request):
    profile = Profile.for_user(request.user)
    form = ExportForm(request.GET or None, today=profile.today())
    if not form.is_valid():
        return render(request, "journal/export.html", {"form": form})
    kind, start, end = form.cleaned_data["kind"], form.cleaned_data["start"], form.cleaned_data["end"]
    header, rows = FILES[kind]
    # The entries file makes each distinct cell safe and quoted once, as it formats it; the others cell by cell.
    chunks = export.csv_chunks(header, rows(profile, start, end), encoded=rows is export.entry_rows)
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="mgtracker-{kind}-{start}-to-{end}.csv"'
    return response
