"""The station's engine: usable headless, never imports Textual."""

__version__ = "0.1.0"
