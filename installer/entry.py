"""Entry point of the PyInstaller bundle: the same `motcua` command as `desktop.cli:main`."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
