"""Edits: pure Workspace -> Workspace functions that refuse bad input in Danish, and imports."""
