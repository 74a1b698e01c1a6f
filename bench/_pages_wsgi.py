"""The WSGI application gunicorn serves in bench/pages.py: Ruche's, with the floor page's
template installed (bench/_floor.py), so that locust can read the floor like any page."""

from bench._floor import install_floor_template
from intranet.wsgi import application

install_floor_template()

__all__ = ["application"]
