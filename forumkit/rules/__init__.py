"""Pure rules over a workspace: checks that return findings, planning, roll-ups and year facts."""
