"""Clients for third-party services. Nothing here is a Django app."""
