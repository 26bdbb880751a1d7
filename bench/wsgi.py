import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

# The product's own entry point (its warm-up included), on the bench settings.
from ruptures.wsgi import application  # noqa: E402, F401
