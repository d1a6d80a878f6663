"""JSON bodies of any shape answer 400, never 500.

Python's decoder recurses once per nesting level: 10 KB of ``[`` raises ``RecursionError``,
which DRF's parser (catching ``ValueError`` only) let through as a 500. No registry body
nests deeper than a few levels, so anything past ``MAX_DEPTH`` is refused as malformed, as
are numbers no JSON peer could read back (``1e999`` is not a float) and NaN/Infinity.
"""

import codecs
import json
import math

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser, get_encoding

MAX_DEPTH = 32


def _too_deep(data, limit: int = MAX_DEPTH) -> bool:
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > limit:
                return True
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return False


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"Number out of range: {text[:40]}")
    return value


def _no_constant(name: str):
    raise ValueError(f"{name} is not a JSON number")


class RegistryJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        encoding = get_encoding(parser_context or {})
        try:
            data = json.load(
                codecs.getreader(encoding)(stream),
                parse_float=_finite,
                parse_constant=_no_constant,
            )
        except RecursionError:
            raise ParseError(f"JSON parse error - nested deeper than {MAX_DEPTH} levels.") from None
        except ValueError as exc:  # also UnicodeDecodeError and over-long integers
            raise ParseError(f"JSON parse error - {str(exc)[:200]}") from None
        if _too_deep(data):
            raise ParseError(f"JSON parse error - nested deeper than {MAX_DEPTH} levels.")
        return data
