"""The model: records, the charter, the workspace, errors and the Danish vocabulary and formats."""
