"""What forumkit makes for people: Word, PowerPoint, charts, calendar files and bundles."""
