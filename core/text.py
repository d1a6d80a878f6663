"""Text folding shared by sorting and search: lower case without accents."""

import unicodedata


def fold(value):
    """Lower case without accents: "Diálogo" -> "dialogo". None stays None (SQL NULL)."""
    if value is None:
        return None
    decomposed = unicodedata.normalize("NFKD", str(value))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
