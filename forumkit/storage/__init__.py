"""The workspace on disk: atomic files, the CSV dialect, the locked store and its change log."""
