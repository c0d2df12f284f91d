"""Flask-side infrastructure: settings, database, errors, logs, limits, health, the matcher."""
