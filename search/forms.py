from django import forms
from django.utils.translation import gettext_lazy as _

from search.engine import MAX_QUERY_LENGTH, kinds


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the registry"), max_length=MAX_QUERY_LENGTH, strip=True)
    kind = forms.ChoiceField(label=_("Only"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Every kind of record"))] + [
            (k.key, k.plural) for k in kinds()
        ]
