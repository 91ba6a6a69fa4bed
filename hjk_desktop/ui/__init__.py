"""Qt widgets of the desktop explorer, one per file."""
