"""Entry script for the PyInstaller bundle: the same main() as `python -m hjk_desktop`."""

import sys

from hjk_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
