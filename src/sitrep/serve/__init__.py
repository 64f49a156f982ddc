"""Serve stage: the HTTP API over the store (`sitrep serve`)."""
from .app import create_app

__all__ = ["create_app"]
