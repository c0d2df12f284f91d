# Jumush: the same install as the README's `make install`, served by gunicorn.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    OPENBLAS_THREAD_TIMEOUT=4 \
    OMP_WAIT_POLICY=PASSIVE

RUN apt-get update \
    && apt-get install -y --no-install-recommends make \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# torch first and pinned to the CPU build: an unpinned torch pulls a CUDA build of GBs.
RUN pip install --index-url https://download.pytorch.org/whl/cpu torch==2.13.0

COPY pyproject.toml README.md Makefile babel.cfg ./
COPY service ./service
COPY matching ./matching
COPY models ./models
COPY scripts ./scripts
# Compile the catalogues before installing so the .mo files ship in the package.
RUN pip install Babel && pybabel compile -d service/translations && pip install .

RUN useradd --create-home --uid 10001 jumush && mkdir -p /app/instance \
    && chown -R jumush:jumush /app/instance
USER jumush

ENV JUMUSH_ENV=production
EXPOSE 8000
# gunicorn listens once the master has loaded the index: about 2 minutes for 100,000
# vacancies on 2 cores (scripts/bench_warm.py), after the reindex check below.
HEALTHCHECK --interval=30s --timeout=3s --start-period=600s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status != 200)"

# Migrate, encode what is new or stale, then serve (as the README's production steps).
# Vectors are stored with the encoder's name: after an upgrade that changes the default
# encoder every text is encoded once here, not inside the first requests. With nothing
# stale it takes seconds (6.8 s for the demo's 1,212 texts, model load included); after
# an encoder change it takes as long as encoding everything (about an hour per 100,000
# texts at 25-30 a second on 2 cores), so run `jumush reindex` with the new image as a
# one-off job before switching traffic to it.
# JUMUSH_SECRET_KEY, DATABASE_URL and JUMUSH_RATELIMIT_STORAGE_URI (redis://host:6379, so
# that the workers share their rate-limit counts) come from the environment.
# gunicorn's configuration is the one `jumush serve` and the README use: the master loads
# the models and the index and runs them once before it listens, the workers share that
# memory and each is warm before its first request (JUMUSH_PRELOAD=false: each loads its own).
CMD ["sh", "-c", "jumush db upgrade && jumush reindex && exec gunicorn --config python:service.platform.gunicorn_conf --bind 0.0.0.0:8000 --workers 2 'service:create_app()'"]
