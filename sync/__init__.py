"""Both ends of the sync protocol; Qt-free."""
