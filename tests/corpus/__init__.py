"""Data directories built at test time: one broken copy of the bundled data per bad-input case, and a hostile-text copy."""
