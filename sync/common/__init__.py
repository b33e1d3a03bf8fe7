"""The helpers both ends of the sync share: errors, the clock, text cleaning, the dossier-code ranges and the
version. Desktop-free and Qt-free (standard library only), so the reference server installs without the
counter application; `desktop.core.errors|timeutil|text|code_ranges` re-export them under their old names."""
