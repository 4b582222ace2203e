"""Your data: a backup to download and restore, an import from Cronometer, and deleting the account."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import logout
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from journal import backup, cronometer
from journal.accounts import delete_account
from journal.forms.data import MAX_BACKUP_BYTES, UPLOAD_ENVELOPE_BYTES, CronometerForm, DeleteAccountForm, RestoreForm
from journal.models import Profile

# The rows read from an uploaded file wait here between the preview and the import: the file is never kept.
PENDING_IMPORT = "cronometer_rows"


class InMemoryUpload(MemoryFileUploadHandler):
    """Keeps an uploaded file in memory up to `limit` bytes, where Django would write one over 2.5 MB to a temporary
    file: a person's diary never touches the disk. A larger request is not read at all (the form says so)."""

    def __init__(self, request, limit):
        super().__init__(request)
        self.limit = limit

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.activated = content_length is not None and content_length <= self.limit


def uploads_in_memory(limit):
    """The view's uploads stay in memory. CSRF is checked after the handler is set, as Django asks: the CSRF check
    reads the POST, and the handlers cannot change once it has been read."""

    def decorate(view):
        protected = csrf_protect(view)

        @csrf_exempt
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            request.upload_handlers = [InMemoryUpload(request, limit + UPLOAD_ENVELOPE_BYTES)]
            return protected(request, *args, **kwargs)

        return wrapper

    return decorate


def _page(request, restore_form=None, cronometer_form=None, status=200):
    context = {
        "restore_form": restore_form or RestoreForm(),
        "cronometer_form": cronometer_form or CronometerForm(today=Profile.for_user(request.user).today()),
        "has_diary": backup.has_diary(request.user),
    }
    return render(request, "journal/your_data.html", context, status=status)


def your_data(request):
    return _page(request)


def backup_download(request):
    today = Profile.for_user(request.user).today()
    response = HttpResponse(backup.backup_json(request.user), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="mgtracker-backup-{today}.json"'
    return response


@require_POST
@uploads_in_memory(MAX_BACKUP_BYTES)
def restore(request):
    form = RestoreForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            counts = backup.restore_backup(request.user, form.cleaned_data["file"])
        except backup.BackupError as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, f"Backup restored: {counts['meal_entries']} meal entries, "
                                      f"{counts['supplement_doses']} doses, {counts['symptom_notes']} symptom notes.")
            return redirect("journal:today")
    return _page(request, restore_form=form, status=400)


@require_POST
@uploads_in_memory(cronometer.MAX_FILE_BYTES)
def cronometer_upload(request):
    form = CronometerForm(request.POST, request.FILES, today=Profile.for_user(request.user).today())
    if not form.is_valid():
        return _page(request, cronometer_form=form, status=400)
    request.session[PENDING_IMPORT] = [row.to_session() for row in form.cleaned_data["file"]]
    return redirect("journal:cronometer_preview")


def _pending_rows(request):
    try:
        return [cronometer.Row.from_session(row) for row in request.session.get(PENDING_IMPORT, [])]
    except (KeyError, TypeError, ValueError, ArithmeticError):  # rows left by an earlier version of this page
        request.session.pop(PENDING_IMPORT, None)
        return []


def cronometer_preview(request):
    rows = _pending_rows(request)
    if not rows:
        messages.info(request, "Choose a Cronometer file first.")
        return redirect("journal:your_data")
    context = {
        "days": cronometer.preview(rows), "rows": len(rows), "without": cronometer.without_magnesium(rows),
        "already": len(cronometer.imported_before(request.user, rows)),
    }
    return render(request, "journal/cronometer_preview.html", context)


@require_POST
def cronometer_import(request):
    rows = _pending_rows(request)
    if not rows:
        messages.info(request, "Choose a Cronometer file first.")
        return redirect("journal:your_data")
    try:
        added, already = cronometer.import_rows(request.user, rows)
    except IntegrityError:  # the same rows imported at the same moment from another tab
        messages.error(request, "These rows were being imported at the same time: nothing was added. Try again.")
        return redirect("journal:cronometer_preview")
    del request.session[PENDING_IMPORT]
    skipped = f"; {already} were imported before and were left as they are" if already else ""
    messages.success(request, f"Imported {added} rows from Cronometer{skipped}.")
    return redirect("journal:day", day=min(row.day for row in rows))


def account_delete(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if form.is_valid():
        user = request.user
        with transaction.atomic():
            logout(request)
            delete_account(user)
        messages.success(request, "Your account and all its data are deleted.")
        return redirect("landing")
    return render(request, "journal/account_delete.html", {"form": form})
