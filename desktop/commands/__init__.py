"""Sub-commands of `motcua`, discovered by `desktop.cli`: one module each, exposing `register()`."""
