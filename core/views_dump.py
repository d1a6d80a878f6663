"""``GET /api/v1/dump/``: the bulk dump as a download. Public data, so anyone may fetch it."""

import tempfile

from django.db import transaction
from django.http import FileResponse
from django.utils import timezone

from core.api.exceptions import error_response
from core.dump import write_dump

# Small dumps stay in memory; a large database's dump spills to a temporary file instead.
_IN_MEMORY_LIMIT = 32 * 1024 * 1024


@transaction.non_atomic_requests  # write_dump opens its own repeatable-read transaction
def dump(request):
    # Errors in the API's one shape; like every list, no parameter it does not know.
    if request.method not in ("GET", "HEAD"):
        response = error_response(405, f'Method "{request.method}" not allowed.')
        response["Allow"] = "GET, HEAD"
        return response
    if request.GET:
        name = next(iter(request.GET))[:60]
        return error_response(
            400,
            f"{name}: Unknown query parameter. The dump takes none.",
            field=name,
            code="unknown_parameter",
        )
    stream = tempfile.SpooledTemporaryFile(max_size=_IN_MEMORY_LIMIT)  # noqa: SIM115 (closed by the response)
    write_dump(stream)
    stream.seek(0)
    return FileResponse(
        stream,
        as_attachment=True,
        filename=f"iscm-registry-dump-{timezone.now():%Y%m%d-%H%M%S}.zip",
        content_type="application/zip",
    )
