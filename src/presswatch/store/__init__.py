"""Stores: the Store protocol (base.py) and its backends (sqlite.py, postgres.py); ``open_store`` picks one by URL."""
