"""The ``narrative`` command line (Typer). Commands are thin: each calls a pure function."""

from .main import app


def main() -> None:
    """Console-script entry point."""
    app()


__all__ = ["app", "main"]
