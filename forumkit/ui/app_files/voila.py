# Voilà configuration for `forumkit app` (read by Voilà, not imported by forumkit).
from forumkit.ui.app_pages import page_config, prelaunch

c = get_config()  # noqa: F821
c.VoilaConfiguration.template = "forumkit"
c.VoilaConfiguration.classic_tree = True
c.VoilaConfiguration.theme = "light"
c.VoilaConfiguration.strip_sources = True
c.VoilaConfiguration.show_tracebacks = False
c.VoilaConfiguration.page_config_hook = page_config
c.VoilaConfiguration.prelaunch_hook = prelaunch
c.HTMLExporter.language_code = "da"
