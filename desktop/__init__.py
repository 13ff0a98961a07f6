"""Sổ CCHC desktop application."""

__version__ = "0.1.0"
APP_NAME = "Sổ CCHC"
