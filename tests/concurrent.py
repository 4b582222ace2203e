"""Several POSTs released at once against pytest-django's live server, as from several browser tabs."""

import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings

# A form may send the CSRF cookie's unmasked secret as its token.
CSRF_SECRET = "r" * 32


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the redirect is the answer itself: a 302 after a successful save


def post_at_once(url, forms, session_key=None):
    """POST each form from its own thread, all released together; their HTTP status codes."""
    opener = urllib.request.build_opener(NoRedirects)
    cookies = {settings.CSRF_COOKIE_NAME: CSRF_SECRET}
    if session_key:
        cookies[settings.SESSION_COOKIE_NAME] = session_key
    headers = {"Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items())}
    start = threading.Barrier(len(forms))

    def post(fields):
        body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": CSRF_SECRET}).encode()
        request = urllib.request.Request(url, data=body, headers=headers)
        start.wait(timeout=10)
        try:
            with opener.open(request, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    with ThreadPoolExecutor(len(forms)) as pool:
        return list(pool.map(post, forms))
