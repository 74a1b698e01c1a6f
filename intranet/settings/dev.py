"""The embedded default used by `make run`: debug on, everything else from base."""

from .base import *

DEBUG = env_bool("DEBUG", True)
