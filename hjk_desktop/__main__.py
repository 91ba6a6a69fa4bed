import sys

from hjk_desktop.cli import main

sys.exit(main())
