import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
os.environ["FACTCHECK_SERVING"] = "1"  # a server: settings insist on a SECRET_KEY

application = get_wsgi_application()
