"""Numbers for inline SVG drawn by the templates (bars, charts)."""


def svg_number(value) -> str:
    """A number for an SVG attribute: "37.5", "100", never the reader's locale's "37,5".

    Text, not a float: the template engine localizes floats, and a French page would print a
    decimal comma, which no browser draws (the bar is then missing).
    """
    return f"{float(value):.1f}".removesuffix(".0")
