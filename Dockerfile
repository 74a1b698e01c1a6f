# syntax=docker/dockerfile:1
# Ruche production image: one image for web, workers and beat.
# Workers, one per queue group (see compose.yaml):
#   celery -A intranet worker -Q search -n search@%h --concurrency=2
#   celery -A intranet worker -Q email -n email@%h
#   celery -A intranet worker -Q analytics -n analytics@%h --concurrency=1
#   celery -A intranet worker -Q default -n default@%h
# (or one `celery -A intranet worker`, which consumes every queue) and `celery -A intranet beat`.

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN apt-get update && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*
# The runtime lock only: the development tools (requirements-dev.lock) never enter the image.
COPY requirements.lock ./
RUN python -m venv /venv && /venv/bin/pip install -r requirements.lock
COPY . .
# Static files and translations are built once, into the image.
RUN /venv/bin/python manage.py compilemessages --ignore '/venv/*' \
    && DJANGO_SETTINGS_MODULE=intranet.settings.production SECRET_KEY="$(head -c 64 /dev/urandom | base64 -w0)" \
       DATABASE_URL=sqlite:////tmp/build.sqlite3 STATIC_ROOT=/src/static \
       /venv/bin/python manage.py collectstatic --noinput

FROM python:3.11-slim-bookworm AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    PATH=/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=intranet.settings.production \
    STATIC_ROOT=/app/static MEDIA_ROOT=/app/media PORT=8000
# FreeDict's French-English dictionaries: cross-language search (search/dictionary.py).
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 curl \
        dict-freedict-fra-eng dict-freedict-eng-fra \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 ruche
WORKDIR /app
COPY --from=build /venv /venv
COPY --from=build --chown=ruche:ruche /src /app
RUN mkdir -p /app/media && chown ruche:ruche /app/media
USER ruche
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD curl -fsS -H "X-Forwarded-Proto: https" "http://127.0.0.1:${PORT}/healthz/" || exit 1
CMD ["sh", "-c", "gunicorn intranet.wsgi:application --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-3} --access-logfile -"]
