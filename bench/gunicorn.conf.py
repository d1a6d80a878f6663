"""gunicorn settings for bench/api.py: the production file minus what would measure
something else (an access-log line per request, worker recycling mid-run)."""

accesslog = None
errorlog = "-"
loglevel = "warning"
max_requests = 0
