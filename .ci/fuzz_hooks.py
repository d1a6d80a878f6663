"""schemathesis hooks for .ci/fuzz (loaded through SCHEMATHESIS_HOOKS).

Two refusals the schema cannot express, each named by its field and code in the API's error
body and described in the parameter's description:

- a page past the last page of the matching rows (``page``, ``invalid_page``): the schema
  says ``page`` is a whole number from 1, because how many pages there are depends on the
  data, the filters and ``page_size`` (issue 16: "400 for malformed paging");
- ``page_size`` with ``format=csv`` but without ``page`` (``page_size``, ``partial_csv``): a
  CSV without a page holds every row, and a page size alone would silently cut it short
  (issue 16: "refuses to return a partial CSV without an explicit page"). OpenAPI has no
  way to say that one parameter needs another.

A schema-valid request refused for exactly one of these reasons is not a failure. Every
other refusal of a schema-valid request still fails the fuzz.
"""

import json

import schemathesis

UNEXPRESSIBLE = {("page", "invalid_page"), ("page_size", "partial_csv")}


def is_unexpressible_refusal(response) -> bool:
    if response.status_code != 400:
        return False
    try:
        errors = json.loads(response.content)["errors"]
    except (ValueError, KeyError, TypeError):
        return False
    return bool(errors) and all(
        (error.get("field"), error.get("code")) in UNEXPRESSIBLE for error in errors
    )


@schemathesis.hook
def filter_failure(context, failure, case, response):
    # Keep (True) every failure except a schema-valid request refused for one of the above.
    return not (failure.code == "ST202" and is_unexpressible_refusal(response))
