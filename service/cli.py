"""The `jumush` command line: migrations, demo data, users, serving."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import click
from flask import Flask
from sqlalchemy.exc import SQLAlchemyError

from models.enums import Region, UserRole
from service import create_app
from service.platform.config import ConfigError
from service.platform.db import get_db
from service.usecases.errors import DomainError

GUNICORN_CONF = "service.platform.gunicorn_conf"


def _app(ctx: click.Context) -> Flask:
    app: Flask = ctx.obj
    return app


@click.group()
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Jumush: job matching for people who lost work to COVID-19."""
    if ctx.obj is None:
        ctx.obj = create_app()


@cli.group()
def db() -> None:
    """Manage the database schema."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True)
@click.pass_context
def db_upgrade(ctx: click.Context, revision: str) -> None:
    """Apply migrations up to REVISION."""
    from service.platform.migrate import current_revision, upgrade

    engine = get_db(_app(ctx)).engine
    upgrade(engine, revision)
    click.echo(f"database at revision {current_revision(engine)}")


@cli.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database holds data.")
@click.option("--seed", default=2020, show_default=True, help="Random seed (same seed, same data).")
@click.pass_context
def seed_demo_command(ctx: click.Context, if_empty: bool, seed: int) -> None:
    """Load clearly-marked demo data."""
    from service.demo import database_is_empty, seed_demo

    app = _app(ctx)
    with app.app_context(), get_db(app).sessions() as session:
        if not database_is_empty(session=session):
            if if_empty:
                click.echo("database already holds data; demo data not loaded")
                return
            raise click.ClickException(
                "the database already holds data; demo data is only loaded into an empty database"
            )
        counts = seed_demo(session=session, seed=seed)
    click.echo("demo data loaded: " + ", ".join(f"{n} {name}" for name, n in counts.items()))


@cli.command("create-user")
@click.option("--email", required=True)
@click.option("--role", required=True, type=click.Choice([role.value for role in UserRole]))
@click.option(
    "--password",
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    envvar="JUMUSH_NEW_USER_PASSWORD",
    help="Asked for when not given (or set JUMUSH_NEW_USER_PASSWORD).",
)
@click.option(
    "--region",
    "regions",
    multiple=True,
    type=click.Choice([region.value for region in Region]),
    help="Limit the user to this region (oblast); repeat for several. None: all regions.",
)
@click.pass_context
def create_user_command(
    ctx: click.Context, email: str, role: str, password: str, regions: tuple[str, ...]
) -> None:
    """Create a programme user and print its API token once."""
    from service.usecases.accounts import create_user

    app = _app(ctx)
    with app.app_context(), get_db(app).sessions() as session:
        user, token = create_user(
            session=session, email=email, role=role, password=password, regions=regions
        )
    click.echo(f"created {user.role.value} user {user.email} (id {user.id})")
    click.echo("API token (shown once, store it now):")
    click.echo(token)


@cli.command("unlock-user")
@click.argument("email")
@click.option(
    "--reset-second-factor", is_flag=True, help="Also forget the second factor (a lost phone)."
)
@click.pass_context
def unlock_user_command(ctx: click.Context, email: str, reset_second_factor: bool) -> None:
    """Let a programme user locked by wrong attempts sign in again (the last admin too)."""
    from service.usecases import accounts

    app = _app(ctx)
    with app.app_context(), get_db(app).sessions() as session:
        user = accounts.find_user(session=session, email=email)
        accounts.unlock_user(session=session, user_id=user.id, actor_id=None)
        if reset_second_factor:
            accounts.reset_second_factor(session=session, user_id=user.id, actor_id=None)
    done = "unlocked" + (", second factor reset" if reset_second_factor else "")
    click.echo(f"{user.email}: {done}")


@cli.command("reindex")
@click.pass_context
def reindex_command(ctx: click.Context) -> None:
    """Encode and store vectors for every open vacancy and visible seeker (resumable)."""
    from tqdm import tqdm

    from service.platform.matcher import get_matcher
    from service.usecases.indexing import count_indexable, reindex

    app = _app(ctx)
    with app.app_context(), get_db(app).sessions() as session:
        live = get_matcher(app)
        total = count_indexable(session=session)
        with tqdm(total=total, unit="text", desc=f"reindex ({live.encoder.name})") as bar:
            counts = reindex(session=session, matcher=live.matcher, progress=bar.update)
    click.echo(f"indexed {counts['vacancies']} vacancies and {counts['seekers']} seekers")


@cli.command("close-expired")
@click.pass_context
def close_expired_command(ctx: click.Context) -> None:
    """Close open vacancies whose valid_through date has passed."""
    from service.usecases import clock
    from service.usecases.vacancies import close_expired_vacancies

    app = _app(ctx)
    with app.app_context(), get_db(app).sessions() as session:
        closed = close_expired_vacancies(session=session, today=clock.today())
    click.echo(f"closed {closed} expired vacancies")


@cli.command("retention")
@click.option("--dry-run", is_flag=True, help="Only count who would get notice or be anonymised.")
@click.pass_context
def retention_command(ctx: click.Context, dry_run: bool) -> None:
    """Give notice to inactive seekers; anonymise those whose notice ran out."""
    from service.usecases import clock
    from service.usecases.retention import RetentionPolicy, apply_retention

    app = _app(ctx)
    for name in ("RETENTION_INACTIVE_DAYS", "RETENTION_NOTICE_DAYS"):
        if int(app.config[name]) < 1:
            raise click.ClickException(f"JUMUSH_{name} must be a whole number of days, at least 1")
    policy = RetentionPolicy(
        inactive_days=int(app.config["RETENTION_INACTIVE_DAYS"]),
        notice_days=int(app.config["RETENTION_NOTICE_DAYS"]),
    )
    with get_db(app).sessions() as session:
        run = apply_retention(session=session, policy=policy, now=clock.utcnow(), dry_run=dry_run)
    would = "would be " if dry_run else ""
    click.echo(
        f"{run.noticed} seekers inactive {policy.inactive_days} days {would}given notice; "
        f"{run.anonymised} seekers {would}anonymised after {policy.notice_days} days of notice"
    )


@cli.command("end-seeker-sessions")
@click.argument("seeker_id", type=int)
@click.pass_context
def end_seeker_sessions_command(ctx: click.Context, seeker_id: int) -> None:
    """End every session of a seeker at once (a lost phone, a shared device)."""
    from service.usecases.seeker_accounts import end_all_sessions
    from service.usecases.seekers import get_seeker

    app = _app(ctx)
    with get_db(app).sessions() as session:
        end_all_sessions(session=session, seeker=get_seeker(session=session, seeker_id=seeker_id))
    click.echo(f"ended every session of seeker {seeker_id}")


@cli.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, writable=True, path_type=Path))
@click.pass_context
def backup_command(ctx: click.Context, path: Path) -> None:
    """Copy the live database into a new file PATH, while the service keeps writing."""
    from service.usecases.backups import BackupError, backup_database

    try:
        done = backup_database(engine=get_db(_app(ctx)).engine, target=path)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"backed up the {done.backend} database to {done.path} ({done.size:,} bytes)")


@cli.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def restore_command(ctx: click.Context, path: Path) -> None:
    """Load the backup PATH into the configured database, which must be empty."""
    from service.platform.migrate import head_revision
    from service.usecases.backups import BackupError, restore_database

    try:
        done = restore_database(engine=get_db(_app(ctx)).engine, source=path)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"restored {done.tables} tables into the {done.backend} database from {path}")
    head = head_revision()
    if done.revision == head:
        click.echo(f"schema at revision {done.revision} (the newest)")
    else:
        click.echo(
            f"schema at revision {done.revision}, this version's newest is {head}: "
            "run `jumush db upgrade`"
        )


@cli.command("export-outcomes")
@click.option(
    "--out",
    "out_path",
    default="-",
    type=click.Path(dir_okay=False, writable=True, allow_dash=True),
    help="JSON lines file to write (default: standard output).",
)
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Only matches opened on or after this date (UTC), as YYYY-MM-DD.",
)
@click.pass_context
def export_outcomes_command(ctx: click.Context, out_path: str, since: datetime | None) -> None:
    """Export graded outcomes with the signals each match had (no personal data)."""
    from service.usecases.outcomes import export_outcomes

    app = _app(ctx)
    with (
        click.open_file(out_path, "w", encoding="utf-8") as out,
        get_db(app).sessions() as session,
    ):
        day = None if since is None else since.date()
        summary = export_outcomes(session=session, out=out, since=day)
    written = sum(summary.written.values())
    by_outcome = ", ".join(f"{n} {name}" for name, n in sorted(summary.written.items()))
    click.echo(f"exported {written} outcomes" + (f" ({by_outcome})" if written else ""), err=True)
    if summary.left_out:
        left = ", ".join(f"{n} {why}" for why, n in sorted(summary.left_out.items()))
        click.echo(f"left out: {left}", err=True)


@cli.command("fit-outcomes")
@click.option(
    "--in",
    "in_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False),
    help="JSON lines written by export-outcomes.",
)
@click.option(
    "--out",
    "out_path",
    default="outcome_model.json",
    show_default=True,
    type=click.Path(dir_okay=False, writable=True),
    help="Where to write the fitted model (the shipped one only if named here).",
)
@click.option("--min-pairs", default=200, show_default=True, type=click.IntRange(min=1))
@click.option(
    "--c",
    default=1.0,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Inverse regularisation strength, as in scripts/fit_weights.py.",
)
@click.option("--seed", default=0, show_default=True, help="Seed of the held-out split.")
def fit_outcomes_command(in_path: str, out_path: str, min_pairs: int, c: float, seed: int) -> None:
    """Fit the matcher's score model on exported outcomes and compare it with the shipped one."""
    from matching.scoring import ScoreModel
    from service.usecases.outcomes import (
        OutcomeFileError,
        TooFewOutcomes,
        fit_outcomes,
        model_digest,
        read_outcomes,
    )

    try:
        with open(in_path, encoding="utf-8") as lines:
            pairs = read_outcomes(lines)
        shipped = ScoreModel.default()
        about = {"source": Path(in_path).name, "command": "jumush fit-outcomes"}
        fit = fit_outcomes(
            pairs=pairs, baseline=shipped, min_pairs=min_pairs, c=c, seed=seed, about=about
        )
    except (OutcomeFileError, TooFewOutcomes) as exc:
        raise click.ClickException(f"{in_path}: {exc}") from None
    click.echo(f"{len(pairs)} graded pairs from {in_path}")
    if pairs.incomplete:
        click.echo(f"skipped {pairs.incomplete} lines without every signal the model reads")
    click.echo(
        f"grades: 0 = {fit.grades[0]}, 1 = {fit.grades[1]}, 2 = {fit.grades[2]}; outcomes: "
        + ", ".join(f"{n} {name}" for name, n in sorted(pairs.outcomes.items()))
    )
    recorded = ", ".join(f"{name} ({n})" for name, n in pairs.models.most_common())
    encoders = ", ".join(f"{name} ({n})" for name, n in pairs.encoders.most_common())
    click.echo(f"recorded under score models {recorded}; encoders {encoders}")
    if len(pairs.encoders) > 1:
        click.echo("note: several encoders: their semantic signals are not on one scale")
    for label, part in (("relevant", fit.model.relevant), ("takeable", fit.model.takeable)):
        weights = "  ".join(f"{n} {w:+.3f}" for n, w in zip(part.names, part.coef, strict=True))
        click.echo(f"{label}: {weights}  intercept {part.intercept:+.3f}")
    if fit.held_out is None:
        click.echo(fit.held_out_note)
    else:
        click.echo(
            f"held out: {fit.held_out.pairs} pairs (random split, stratified by grade, "
            f"seed {seed}; fitted on the rest)"
        )
        names = list(fit.held_out.fitted)
        click.echo(f"  {'model':8} " + " ".join(f"{n:>18}" for n in names))
        for label, figures in (("fitted", fit.held_out.fitted), ("shipped", fit.held_out.shipped)):
            click.echo(f"  {label:8} " + " ".join(f"{figures[n]:>18.4f}" for n in names))
    Path(out_path).write_text(fit.model.to_json(), encoding="utf-8")
    click.echo(f"wrote {out_path} (model {model_digest(fit.model)}, fitted on every pair)")


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
@click.option("--workers", default=2, show_default=True)
def serve(host: str, port: int, workers: int) -> None:
    """Serve the application under gunicorn, each worker warm before its first request."""
    import matching  # noqa: F401  (sets the BLAS/OpenMP thread policy the workers inherit)

    argv = [
        sys.executable,
        "-m",
        "gunicorn",
        # The one gunicorn configuration, as in the Dockerfile and the README.
        "--config",
        f"python:{GUNICORN_CONF}",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "service:create_app()",
    ]
    os.execv(sys.executable, argv)  # nosec B606  # this interpreter running gunicorn, a list


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; report failures in one readable line."""
    try:
        cli.main(
            args=list(argv) if argv is not None else None, prog_name="jumush", standalone_mode=False
        )
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 1
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except DomainError as exc:
        details = "; ".join(f"{k}: {' '.join(map(str, v))}" for k, v in (exc.errors or {}).items())
        click.echo(f"jumush: error: {exc.message}{' ' + details if details else ''}", err=True)
        return 1
    except ConfigError as exc:
        click.echo(f"jumush: error: {exc}", err=True)
        return 1
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        click.echo(f"jumush: error: database: {reason}", err=True)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
