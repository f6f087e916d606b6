# Production image: gunicorn serves the site; the same image runs the worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements/base.txt requirements/base.txt
RUN pip install --require-hashes -r requirements/base.txt
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
# The stylesheet (Sass, with the design system) and the design system's JavaScript.
RUN scripts/build-static.sh
RUN DJANGO_SETTINGS_MODULE=elearning.settings.production SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost \
    DATABASE_URL=sqlite:////tmp/unused.sqlite3 python manage.py collectstatic --noinput
# Named volumes mounted here start as a copy of these folders, so they stay writable by ihop.
RUN useradd --create-home ihop && mkdir -p /app/media /app/certificates && chown ihop /app/media /app/certificates
USER ihop
ENV DJANGO_SETTINGS_MODULE=elearning.settings.production
EXPOSE 8000
CMD ["gunicorn", "elearning.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
