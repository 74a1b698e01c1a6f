import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intranet.settings.production")

application = get_wsgi_application()

# Without a broker (the embedded mode) the periodic jobs run in this process
# (intranet/scheduler.py).
from intranet.scheduler import start_embedded_scheduler  # noqa: E402

start_embedded_scheduler()

# The query understanding's language data, loaded before the first search (search/understanding.py).
from search.understanding import warm_up  # noqa: E402

warm_up()
