"""Entry point of the ``presswatch`` command. Each group of commands lives in its own module with ``register(app)``."""

from __future__ import annotations

import sys

import typer

from presswatch.errors import PresswatchError

app = typer.Typer(
    name="presswatch",
    help="Who said what in the press, where accounts conflict, and how an issue develops.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register_all() -> None:
    from presswatch.cli import analysis_cmds, ingest_cmds, nlp_cmds, search_cmds, serve_cmds, spark_cmds, train_cmds

    for module in (ingest_cmds, search_cmds, nlp_cmds, analysis_cmds, serve_cmds, spark_cmds, train_cmds):
        module.register(app)


@app.callback()
def _root() -> None:
    """Who said what in the press, where accounts conflict, and how an issue develops."""


@app.command()
def version() -> None:
    """Print the presswatch version."""
    from presswatch import __version__

    print(__version__)


_register_all()


def main() -> None:
    try:
        app()
    except PresswatchError as exc:  # expected: one line, no traceback
        print(f"presswatch: error: {exc}", file=sys.stderr)
        sys.exit(int(exc.exit_status))


if __name__ == "__main__":
    main()
