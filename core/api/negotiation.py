"""Content negotiation that refuses a ``?format=`` it does not serve, empty included.

DRF answers an unknown ``?format=xml`` with a bare 404 but treats ``?format=`` (empty) as
no format at all; both are a client mistake worth naming.
"""

from rest_framework.exceptions import NotFound
from rest_framework.negotiation import DefaultContentNegotiation


class RegistryContentNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        requested = request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        if requested is not None and not format_suffix:
            served = [renderer.format for renderer in renderers]
            if requested not in served:
                raise NotFound(
                    f"Unknown format {requested[:40]!r}; this endpoint answers "
                    + ", ".join(f"format={name}" for name in served if name != "api")
                    + "."
                )
        return super().select_renderer(request, renderers, format_suffix)
