"""Content negotiation that refuses a ``?format=`` it does not serve, empty included.

DRF answers an unknown ``?format=xml`` with a bare 404 but treats ``?format=`` (empty) as
no format at all, and keeps the last of ``?format=csv&format=json``; all three are a client
mistake worth naming with a 400 (in every mode: JSON, CSV, the browsable API).
"""

from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation


class RegistryContentNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        name = self.settings.URL_FORMAT_OVERRIDE
        asked = request.query_params.getlist(name)
        if len(asked) > 1:
            raise ValidationError(
                {name: [f"Given {len(asked)} times; give one format."]}, code="repeated"
            )
        requested = asked[0] if asked else None
        if requested is not None and not format_suffix:
            served = [renderer.format for renderer in renderers]
            if requested not in served:
                raise ValidationError(
                    {
                        name: [
                            f"Unknown format {requested[:40]!r}; this endpoint answers "
                            + ", ".join(f"format={n}" for n in served if n != "api")
                            + "."
                        ]
                    },
                    code="invalid_choice",
                )
        return super().select_renderer(request, renderers, format_suffix)
