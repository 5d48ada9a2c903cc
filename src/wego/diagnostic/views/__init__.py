"""The diagnostic's pages, one module per feature (diagnostic/urls.py names each)."""
