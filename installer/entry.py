"""Entry point of the PyInstaller bundle: the same `motcua` command as `desktop.cli:main`."""

import multiprocessing
import sys

from desktop.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the SANE worker process (desktop/scan/sane_process.py) starts here
    sys.exit(main())
