"""hjk-desktop: an explorer for Fafo-notat 2021:20 on LO representatives and home office."""

__version__ = "0.1.0"
