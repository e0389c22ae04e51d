"""presswatch: who said what in a country's press, where accounts conflict, and how an issue develops."""

__version__ = "0.1.0"
