FROM python:3.11-slim-bookworm
# WeasyPrint : Pango, HarfBuzz (libharfbuzz-subset0 pour le sous-ensemble rapide des polices)
# et une police couvrant le français.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
    libharfbuzz-subset0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir .
COPY . .
RUN SECRET_KEY=construction-seulement-$(head -c 48 /dev/urandom | base64 | tr -d '\n') \
    python manage.py collectstatic --noinput
EXPOSE 8000
CMD ["gunicorn", "rameau.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
