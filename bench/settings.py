"""Settings for the API benchmark (bench/api.py): production settings plus the floor views.

Everything the app does in production stays on (DEBUG off, middleware, ATOMIC_REQUESTS,
throttle classes); only the throttle rates are raised so the load generator measures the
app, not the throttle's 429s.
"""

from iscm_registry.settings import *  # noqa: F403
from iscm_registry.settings import DATABASES, REST_FRAMEWORK

ROOT_URLCONF = "bench.urls"
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {"anon": "1000000000/hour", "user": "1000000000/hour"},
}
# A gunicorn worker keeps its database connection, as a deployment would.
DATABASES["default"]["CONN_MAX_AGE"] = 60
