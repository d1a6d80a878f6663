"""What every registry admin shares: history with revert, guarded deletes, sources, import.

``RegistryAdmin`` is the base of every model admin: django-simple-history's history view
and revert form, a delete that is refused while other records reference the object, and a
"Sources" column. ``ImportExportRegistryAdmin`` adds CSV/XLSX import and export for the
models that have a natural-key resource (mechanisms, references).
"""

from __future__ import annotations

import hashlib
import json
import re
import threading

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import (
    AutocompleteMixin,
    AutocompleteSelect,
    AutocompleteSelectMultiple,
    RelatedFieldWidgetWrapper,
)
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.forms.utils import flatatt
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME
from simple_history.utils import get_m2m_reverse_field_name

from core.deletion import RecordInUse, blocking_references
from core.history import (
    inline_histories,
    load_links,
    record_changes,
    save_version,
)

admin.site.site_header = gettext_lazy("ISCM Registry")
admin.site.site_title = gettext_lazy("ISCM Registry")
admin.site.index_title = gettext_lazy("Curate mechanisms, GCM references and surveys")
# The app list beside every page took 280 of 1366 px and squeezed lists into sideways
# scrolling; the index page and the breadcrumbs lead to every model.
admin.site.enable_nav_sidebar = False


class _Labels:
    """Labels of a related table, read once and shared by the copies of one widget."""

    def __init__(self):
        self.by_value = None


class _SharedLabelsMixin:
    """An autocomplete widget that reads the labels of its selected values once per page.

    Django's autocomplete widget queries the selected records of each row it renders, so an
    inline of 30 rows with four such fields ran 120 queries. The copies of one widget (one
    per inline row) share ``_Labels``, filled with the whole related table on first use:
    the tables linked from inlines (notes, mechanisms, objectives, choices) are small.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.shared = _Labels()

    def optgroups(self, name, value, attr=None):
        if self.shared.by_value is None:
            field = self.choices.field
            self.shared.by_value = {
                str(field.prepare_value(obj)): field.label_from_instance(obj)
                for obj in self.choices.queryset.using(self.db)
            }
        default = (None, [], 0)
        if not self.is_required and not self.allow_multiple_selected:
            default[1].append(self.create_option(name, "", "", False, 0))
        selected = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        for option_value in selected:
            label = self.shared.by_value.get(option_value)
            if label is not None:
                index = len(default[1])
                default[1].append(
                    self.create_option(name, option_value, label, set(selected), index)
                )
        return [default]

    def render(self, name, value, attrs=None, renderer=None):
        """The <select> in Python: the template engine took 5 ms per widget of ~12 attrs."""
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (o["value"], mark_safe(" selected") if o["selected"] else "", o["label"])
                for _, group, _ in widget["optgroups"]
                for o in group
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options
        )


class SharedAutocompleteSelect(_SharedLabelsMixin, AutocompleteSelect):
    pass


class SharedAutocompleteSelectMultiple(_SharedLabelsMixin, AutocompleteSelectMultiple):
    pass


class CompactRelationsMixin:
    """Sources as a short autocomplete box, and related-record widgets that query once.

    For model admins and inlines alike: ``sources`` joins the autocomplete fields (one line
    instead of a tall multi-select or a two-box selector per row), autocomplete widgets
    share their labels across inline rows, and plain selects list their choices once.
    """

    def get_autocomplete_fields(self, request):
        fields = tuple(super().get_autocomplete_fields(request))
        if has_sources(self.model) and "sources" not in fields:
            fields += ("sources",)
        return fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            db = kwargs.get("using")
            kwargs["widget"] = SharedAutocompleteSelect(db_field, self.admin_site, using=db)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            db = kwargs.get("using")
            kwargs["widget"] = SharedAutocompleteSelectMultiple(db_field, self.admin_site, using=db)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(getattr(formfield, "widget", None), "widget", None)
        if isinstance(formfield, forms.ModelChoiceField) and not isinstance(
            widget or formfield.widget, AutocompleteMixin
        ):
            # Evaluated once here instead of once per inline row when rendered.
            formfield.choices = list(formfield.choices)
        return formfield


class InlineQueriesMixin:
    """Inline rows read with their foreign keys and many-to-many links: no query per row.

    Each row's title (``__str__``) follows its foreign keys, and each row's form reads its
    links (sources) for its initial value; both come from the one inline query here.
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(formfield, "widget", None)
        if isinstance(widget, RelatedFieldWidgetWrapper):
            # Four add/change/delete/view icons per related field per row made rows tall
            # and pages heavy (10 KB a row); the record's own page has them.
            formfield.widget = widget.widget
        return formfield

    def get_queryset(self, request):
        opts = self.model._meta
        related = [f.name for f in opts.concrete_fields if f.is_relation]
        m2m = [f.name for f in opts.many_to_many]
        return super().get_queryset(request).select_related(*related).prefetch_related(*m2m)


class RegistryInline(InlineQueriesMixin, CompactRelationsMixin, admin.TabularInline):
    """Base inline: compact rows (sources as autocomplete), no empty extra rows."""

    extra = 0


class RegistryStackedInline(InlineQueriesMixin, CompactRelationsMixin, admin.StackedInline):
    extra = 0


class CompactRelatedFilter(admin.RelatedFieldListFilter):
    """A related-record filter folded to one line that names the current choice."""

    template = "admin/core/compact_filter.html"


#: The search terms of the changelist being rendered (one request per thread).
_search = threading.local()


class SearchMatchMixin:
    """Say on each row of a search why it matched: "Former name: Puebla Process".

    A record is found by any name it has (its other names, the mechanisms a reference
    names); when the match is not in the row's own columns, the "Matched" column shows the
    value that matched. ``search_match_labels`` names the search fields for the column.
    """

    #: search field → label shown in the "Matched" column
    search_match_labels: dict[str, str] = {}

    def get_list_display(self, request):
        display = super().get_list_display(request)
        _search.terms = request.GET.get("q", "").split()
        if _search.terms and self.search_match_labels:
            return (*display, "search_match")
        return display

    @admin.display(description=gettext_lazy("Matched"))
    def search_match(self, obj):
        terms = [t.casefold() for t in getattr(_search, "terms", [])]
        found = []
        for path, label in self.search_match_labels.items():
            for value in _values(obj, path.lstrip("=^@").split("__")):
                text = str(value)
                if text and any(t in text.casefold() for t in terms):
                    found.append(f"{label}: {text if len(text) <= 80 else text[:79] + '…'}")
        return "; ".join(dict.fromkeys(found)) or "—"


def _values(obj, parts):
    """The values at ``a__b__c`` from ``obj``, following (prefetched) relations."""
    if obj is None:
        return []
    if not parts:
        return [obj]
    value = getattr(obj, parts[0], None)
    if hasattr(value, "all"):
        return [v for item in value.all() for v in _values(item, parts[1:])]
    return _values(value, parts[1:])


def _short_source(doc) -> str:
    match = re.search(r"\((\d{3})\)$", str(doc))
    return match.group(1) if match else str(doc)


def flat_fields(fields):
    """The field names of a fieldset's ``fields``, a row ``("name_fr", "name_es")`` opened."""
    for name in fields:
        if isinstance(name, list | tuple):
            yield from name
        else:
            yield name


def has_sources(model) -> bool:
    return any(f.name == "sources" and f.many_to_many for f in model._meta.get_fields())


def record_version(instance: models.Model) -> str:
    """A digest of the record as stored now: its columns and its many-to-many links."""
    model = type(instance)
    columns = [f.attname for f in model._meta.concrete_fields]
    state = model._base_manager.filter(pk=instance.pk).values(*columns).first() or {}
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        state[field.name] = sorted(
            through._base_manager.filter(**{f"{source}_id": instance.pk}).values_list(
                f"{target}_id", flat=True
            )
        )
    payload = json.dumps(state, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


# The fieldset of a record's French and Spanish versions (mechanisms, events, questions).
TRANSLATIONS = gettext_lazy("Translations (French, Spanish)")
TRANSLATIONS_HELP = gettext_lazy(
    "Editors' French and Spanish versions. Never machine-made: the English text is the "
    "notes' wording; a field left empty shows it, marked not translated."
)

VERSION_FIELD = "record_version"
CHANGED_MEANWHILE = gettext_lazy(
    "Someone else saved this record since you opened it (see its History). Your changes "
    "were not saved: open the record again to see the current version, then redo them."
)


def versioned_form(form_class):
    """``form_class`` with a hidden field holding the record's version when the form was
    opened; saving refuses (with ``CHANGED_MEANWHILE``) if the record has changed since."""

    class VersionedForm(form_class):
        record_version = forms.CharField(widget=forms.HiddenInput, required=False)

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if self.instance.pk is not None and not self.is_bound:
                self.initial[VERSION_FIELD] = record_version(self.instance)

        def clean(self):
            cleaned = super().clean()
            opened = (cleaned or {}).get(VERSION_FIELD)
            # Empty: a form posted without it (a script); nothing to compare with.
            if opened and self.instance.pk is not None and opened != record_version(self.instance):
                raise ValidationError(CHANGED_MEANWHILE, code="changed_meanwhile")
            return cleaned

    VersionedForm.__name__ = form_class.__name__
    return VersionedForm


CHANGE_REASON = "change_reason"


class RegistryForm(forms.ModelForm):
    """Every registry change form: the record's fields and an optional reason for the change."""

    change_reason = forms.CharField(
        label=gettext_lazy("Reason for this change"),
        required=False,
        max_length=100,
        help_text=gettext_lazy("Optional. Shown in the record's history beside your name."),
    )


class RegistryAdmin(CompactRelationsMixin, SimpleHistoryAdmin):
    """Base admin: full history and revert, deletes refused while referenced, sources shown.

    A save writes one history row for the record (its own fields, its many-to-many links
    and its inline parts together) and one per inline part that changed, naming the user
    and the reason typed on the form. The history page shows each version's changes word
    by word, inline parts included; the revert page lists what reverting will change and
    restores the inline parts as they were.
    """

    form = RegistryForm
    object_history_list_template = "admin/core/object_history_list.html"
    object_history_form_template = "admin/core/object_history_form.html"
    list_per_page = 50
    delete_confirmation_template = "admin/core/delete_confirmation.html"
    delete_selected_confirmation_template = "admin/core/delete_selected_confirmation.html"
    # Editors paste bare domains; assume https as Django 6 will (silences its warning now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    #: Relations the changelist follows besides ``sources``, prefetched in one query each.
    list_prefetch_related: tuple[str, ...] = ()

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        prefetch = list(self.list_prefetch_related)
        if has_sources(self.model):
            prefetch.append("sources")
        return queryset.prefetch_related(*prefetch) if prefetch else queryset

    def get_form(self, request, obj=None, **kwargs):
        """On the revert page, show the version's many-to-many values, not today's.

        simple_history rebuilds the old version's own fields but its form would read the
        current links (regions, sources, ...); this fills them from the history rows so a
        revert restores them too.
        """
        record = getattr(obj, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None)
        if self._checks_version(obj):
            kwargs["form"] = versioned_form(kwargs.get("form", self.form))
        form = super().get_form(request, obj, **kwargs)
        if record is None:
            return form
        initial = {
            field.name: [
                getattr(row, f"{get_m2m_reverse_field_name(field)}_id")
                for row in getattr(record, field.name).all()
            ]
            for field in record._history_m2m_fields
            if field.name in form.base_fields
        }

        class VersionForm(form):
            def __init__(self, *args, **form_kwargs):
                super().__init__(*args, **form_kwargs)
                self.initial.update(initial)

        return VersionForm

    @staticmethod
    def _checks_version(obj) -> bool:
        """A change form of a stored record (not the revert form, not the add form)."""
        return (
            obj is not None
            and obj.pk is not None
            and getattr(obj, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None) is None
        )

    # --- One history row per save ---------------------------------------------------------

    def get_list_filter(self, request):
        """Filters on related records fold to one line (a long list of objectives did not)."""
        filters = []
        for item in super().get_list_filter(request):
            if isinstance(item, str) and "__" not in item:
                field = self.model._meta.get_field(item)
                if field.is_relation:
                    item = (item, CompactRelatedFilter)
            filters.append(item)
        return filters

    def render_delete_form(self, request, context):
        context["refusals"] = getattr(request, "registry_refusals", [])
        return super().render_delete_form(request, context)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        allowed = (
            self.has_change_permission(request, obj)
            if obj is not None
            else self.has_add_permission(request)
        )
        listed = {name for _, options in fieldsets for name in flat_fields(options["fields"])}
        if not allowed:
            fieldsets = [
                (title, {**options, "fields": [f for f in options["fields"] if f != CHANGE_REASON]})
                for title, options in fieldsets
            ]
            if not self.fieldsets or not self._checks_version(obj):
                return fieldsets
            *rest, (name, options) = fieldsets
            return [*rest, (name, {**options, "fields": (*options["fields"], VERSION_FIELD)})]
        extra = [] if CHANGE_REASON in listed else [CHANGE_REASON]
        if self.fieldsets and self._checks_version(obj):
            extra.append(VERSION_FIELD)  # derived fieldsets include it already
        if not extra:
            return fieldsets
        return [*fieldsets, (None, {"fields": extra, "classes": ["change-reason"]})]

    def save_model(self, request, obj, form, change):
        # History waits until the links and inline parts are saved too (save_related).
        obj.skip_history_when_saving = True
        # One date for every row of the save: the parent's version and its parts' rows.
        obj._history_date = timezone.now()
        obj._registry_reason = form.cleaned_data.get(CHANGE_REASON, "")
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        """Save inline parts with one history row each (their sources included)."""
        instances = formset.save(commit=False)
        date = getattr(form.instance, "_history_date", None) or timezone.now()
        for obj in formset.deleted_objects:
            obj._history_user = request.user
            obj._history_date = date
            obj.delete()
        created = {id(obj) for obj in formset.new_objects}
        for obj in instances:
            obj.skip_history_when_saving = True
            obj._history_date = date
            obj.save()
        formset.save_m2m()
        reason = form.cleaned_data.get(CHANGE_REASON, "")
        for obj in instances:
            save_version(obj, created=id(obj) in created, user=request.user, reason=reason)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        # The hidden version field always differs from its (unbound) initial: not a change.
        changed = any(name != VERSION_FIELD for name in form.changed_data) or any(
            fs.has_changed() for fs in formsets
        )
        reason = getattr(obj, "_registry_reason", "")
        if not change or changed:
            save_version(obj, created=not change, user=request.user, reason=reason)
        else:  # nothing changed: no empty version
            for attr in ("skip_history_when_saving", "_history_date"):
                if hasattr(obj, attr):
                    delattr(obj, attr)

    # --- History pages -----------------------------------------------------------------

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        queryset = super().get_history_queryset(request, history_manager, pk_name, object_id)
        return queryset.select_related(*self._history_related(history_manager.model))

    def _history_related(self, history_model):
        return [
            f.name
            for f in self.model._meta.concrete_fields
            if f.is_relation and hasattr(history_model, f.name)
        ]

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """Give each version on the page the list of what it changed, inline parts included."""
        records = list(historical_records)
        if not records:
            return
        parent = records[0].instance
        inlines = inline_histories(self, parent)
        older = records[1:] + [records[-1].prev_record]
        newer = [records[0].next_record, *records[:-1]]
        load_links([*records, older[-1]])
        for record, previous, following in zip(records, older, newer, strict=True):
            record.registry_changes = self.version_changes(previous, record, following, inlines)

    def version_changes(self, previous, record, following, inlines):
        """Fields and links changed from ``previous``; parts changed while ``record`` stood."""
        if record.history_type == "-":
            return []
        changes = [] if previous is None else record_changes(previous, record)
        until = None if following is None else following.history_date
        for inline in inlines:
            old = {} if previous is None else inline.state(record.history_date)
            changes += inline.changes(old, inline.state(until))
        return changes

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """The revert page: what reverting will change, then the version's form."""
        history = getattr(self.model, self.model._meta.simple_history_manager_attribute)
        object_id = unquote(object_id)
        pk_name = self.model._meta.pk.attname
        version = get_object_or_404(history, **{pk_name: object_id, "history_id": version_id})
        latest = history.filter(**{pk_name: object_id}).first()
        following = version.next_record
        until = None if following is None else following.history_date
        load_links([version, latest])
        inlines = inline_histories(self, version.instance)
        pending = record_changes(latest, version)
        for inline in inlines:
            pending += inline.changes(inline.state(), inline.state(until))
        if request.method == "POST" and not self.revert_disabled(request, version.instance):
            response = self._revert(request, version, until, inlines)
            if response is not None:
                return response
        context = {
            "pending_changes": pending,
            "version": version,
            **(extra_context or {}),
        }
        return super().history_form_view(request, object_id, version_id, extra_context=context)

    def _revert(self, request, version, until, inlines):
        """Save the version's form, links and inline parts in one version; None if invalid."""
        obj = version.instance
        obj._state.adding = False
        if not self.has_change_history_permission(request, obj):
            raise PermissionDenied
        form = self.get_form(request, obj)(request.POST, request.FILES, instance=obj)
        if not form.is_valid():
            return None  # simple_history renders the form with its errors
        reason = form.cleaned_data.get(CHANGE_REASON) or (
            _("Reverted to the version of %(date)s")
            % {"date": f"{version.history_date:%Y-%m-%d %H:%M}"}
        )
        date = timezone.now()
        with transaction.atomic():
            new_object = self.save_form(request, form, change=True)
            new_object.skip_history_when_saving = True
            new_object._history_user = request.user
            new_object._history_date = date
            new_object.save()
            form.save_m2m()
            for inline in inlines:
                inline.restore(new_object, until, user=request.user, reason=reason, date=date)
            save_version(new_object, created=False, user=request.user, reason=reason)
        self.log_change(request, new_object, [{"changed": {"fields": ["reverted"]}}])
        return self.response_change(request, new_object)

    @admin.display(description=gettext_lazy("Sources"))
    def source_list(self, obj):
        """Short: a note's number where its name ends in one ("(004)"), else its name."""
        return ", ".join(_short_source(doc) for doc in obj.sources.all()) or "—"

    def get_deleted_objects(self, objs, request):
        """Add every record that references an object to Django's "protected" list.

        PROTECT foreign keys are already there; many-to-many links (a reference naming a
        mechanism, a record citing a note) are not, and Django would silently drop them.
        Both the delete view and the "delete selected" action refuse while ``protected``
        is not empty; the page shows the refusals grouped by kind, counted and linked
        (``request.registry_refusals``, read by the delete templates).
        """
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        in_use, refusals = [], []
        for obj in objs:
            blockers = blocking_references(obj)
            if blockers:
                in_use.append(str(RecordInUse(obj, blockers)))
                refusals.append(self._refusal(obj, blockers))
        request.registry_refusals = refusals
        return deleted, model_count, perms_needed, in_use + list(protected)

    def _refusal(self, obj, blockers):
        groups = []
        for blocker in blockers:
            opts = blocker.model._meta
            admin_site = self.admin_site
            registered = blocker.model in admin_site._registry
            records = [
                (str(r), _admin_url(admin_site, r, "change") if registered else None)
                for r in blocker.records
            ]
            list_url = None
            if registered:
                list_url = _admin_url(admin_site, blocker.model, "changelist")
                list_url += f"?{blocker.lookup}__id__exact={obj.pk}"
            label = opts.verbose_name if blocker.count == 1 else opts.verbose_name_plural
            groups.append(
                {
                    "label": f"{blocker.count} {label}",
                    "records": records,
                    "more": blocker.count - len(records),
                    "list_url": list_url,
                }
            )
        return {"object": obj, "url": _admin_url(self.admin_site, obj, "change"), "groups": groups}

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            _, name, description = actions["delete_selected"]
            actions["delete_selected"] = (_delete_selected, name, description)
        return actions


def _admin_url(admin_site, model_or_obj, view):
    opts = model_or_obj._meta
    args = (model_or_obj.pk,) if view in ("change", "delete") else ()
    try:
        return reverse(f"{admin_site.name}:{opts.app_label}_{opts.model_name}_{view}", args=args)
    except NoReverseMatch:
        return None


def _delete_selected(modeladmin, request, queryset):
    """Django's "delete selected" action, its refusal page grouped like the delete view's."""
    response = delete_selected(modeladmin, request, queryset)
    if isinstance(response, TemplateResponse):
        response.context_data["refusals"] = getattr(request, "registry_refusals", [])
    return response


_delete_selected.allowed_permissions = ("delete",)
_delete_selected.short_description = delete_selected.short_description


class ImportExportRegistryAdmin(ImportExportMixin, RegistryAdmin):
    """Registry admin with CSV/XLSX import and export through a natural-key resource.

    Import is all or nothing: a row that fails validation rolls the whole file back, on the
    confirm step too (the data may have changed since the preview), and the page says which
    row failed and why.
    """

    def has_import_permission(self, request):
        # Importing adds and changes records: it needs both permissions, so Viewers cannot.
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        # Exporting reads what the changelist already shows (and the public API serves).
        return self.has_view_permission(request)

    def get_import_data_kwargs(self, **kwargs):
        data_kwargs = super().get_import_data_kwargs(**kwargs)
        data_kwargs["rollback_on_validation_errors"] = True
        return data_kwargs

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        result = getattr(response, "context_data", {}).get("result")
        if result is not None and (result.has_errors() or result.has_validation_errors()):
            response.status_code = 400  # the file was refused; the page lists its row errors
        return response

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            messages.error(request, _("Nothing was imported: a row failed. Fix it and try again."))
            context = self.admin_site.each_context(request)
            context.update(
                {
                    "title": _("Import"),
                    "opts": self.model._meta,
                    "result": result,
                    "form": self.get_import_form_class(request)(
                        self.get_import_formats(),
                        self.get_import_resource_classes(request),
                        initial=self.get_import_form_initial(request),
                    ),
                    "import_error_display": self.import_error_display,
                }
            )
            request.current_app = self.admin_site.name
            return TemplateResponse(request, [self.import_template_name], context, status=400)
        return super().process_result(result, request)
