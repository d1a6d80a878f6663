// Binds django-import-export's "Select all" toggle without an inline handler, which the
// Content-Security-Policy forbids. onSelectToggleChange comes from export_selectable_fields.js.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input.select-toggle").forEach((toggle) => {
    toggle.addEventListener("change", (event) => onSelectToggleChange(event));
  });
});
