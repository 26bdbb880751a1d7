import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ruptures.settings")
application = get_wsgi_application()

# The engine loads its model with the first answer it scores (about 0.65 s of
# CPU, seconds on a busy machine). Each web process pays that here, before it
# serves, not on the first trainee's submit after every start; a management
# command or a test run, which never imports this module, does not pay it.
from ruptures.rubric import assess  # noqa: E402

assess("notice", "I notice you went quiet when I mentioned the homework.")
