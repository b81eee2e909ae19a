"""`forumkit app`'s Voilà setup: one list of screens, Danish titles, notebook-only cells left out, culling."""

from __future__ import annotations

import re
from types import SimpleNamespace

import nbformat

from forumkit.cli.app import APP_FILES, CULL_IDLE_SECONDS, app_command, app_environment
from forumkit.cli.lab import notebooks_path
from forumkit.ui import app_pages
from forumkit.ui.screens import LAB_ONLY, NOTEBOOK_ONLY, SCREENS, screen_for

NOTEBOOK_WORDS = re.compile(r"\bcelle|terminal|Kør alle|forumkit [a-z]+\b", re.IGNORECASE)


def test_every_notebook_is_a_screen_and_back():
    on_disk = sorted(p.stem for p in notebooks_path().glob("*.ipynb"))
    assert on_disk == sorted([*(s.notebook for s in SCREENS), *LAB_ONLY])
    assert screen_for("voila/render/03_idekatalog.ipynb").name == "Idékatalog"
    assert screen_for("nope.ipynb") is None


def test_titles_name_the_screen_and_the_forum(workspace):
    assert app_pages.forum_name() == "Samarbejdsforum"  # the example charter's short name
    assert app_pages.page_title("/voila/render/04_aarsstatus.ipynb", "Forum X") == "Årsstatus – Forum X"
    assert app_pages.page_title("", "Forum X") == "Forside – Forum X"
    config = app_pages.page_config({}, "/", {}, None, None, notebook_path="")
    assert config["forumkit"]["title"] == "Forside – Samarbejdsforum"
    assert [s["name"] for s in config["forumkit"]["screens"]] == [s.name for s in SCREENS]


def test_a_broken_charter_still_gives_a_title(tmp_path, monkeypatch):
    (tmp_path / "forum.toml").write_text("[forum\nname = ", encoding="utf-8")
    monkeypatch.setenv("FORUMKIT_WORKSPACE", str(tmp_path))
    assert app_pages.page_title("x/00_overblik.ipynb", app_pages.forum_name()) == "Overblik – Samarbejdsforum"


def test_the_app_leaves_notebook_guidance_out(workspace):
    for screen in SCREENS:
        nb = nbformat.read(notebooks_path() / f"{screen.notebook}.ipynb", as_version=4)
        kept = app_pages.prelaunch(
            SimpleNamespace(request=SimpleNamespace(path=f"/voila/render/{screen.notebook}.ipynb")), nb, "."
        )
        assert kept.metadata["title"] == f"{screen.name} – Samarbejdsforum"
        assert all(NOTEBOOK_ONLY not in c.metadata.get("tags", []) for c in kept.cells)
        shown = "\n".join(c.source for c in kept.cells if c.cell_type == "markdown")
        assert shown and not NOTEBOOK_WORDS.search(shown), screen.notebook
        assert any("Screen" in c.source for c in kept.cells if c.cell_type == "code")  # the screen itself stays


def test_app_command_uses_the_packaged_config_and_culls(tmp_path):
    cmd = app_command(tmp_path, 8899, True)
    assert f"--Voila.config_file_paths={APP_FILES}" in cmd
    assert f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_SECONDS}" in cmd
    assert "--MappingKernelManager.cull_interval=60" in cmd and "--port=8899" in cmd and "--no-browser" in cmd
    assert "--MappingKernelManager.cull_interval=4" in app_command(tmp_path, cull_seconds=8)
    assert (APP_FILES / "voila.py").is_file()
    template = APP_FILES / "share" / "voila" / "templates" / "forumkit"
    assert {"conf.json", "index.html.j2", "tree.html"} <= {p.name for p in template.iterdir()}
    env = app_environment({"JUPYTER_PATH": "/elsewhere"})
    assert env["JUPYTER_PATH"].split(":")[0] == str(APP_FILES / "share") and env["JUPYTER_PATH"].endswith("/elsewhere")


def test_one_notebook_mode_has_no_start_page_links(workspace):
    settings = {"voila": SimpleNamespace(notebook_path="/x/03_idekatalog.ipynb")}
    assert app_pages.page_config({}, "/", settings, None, None, notebook_path="")["forumkit"]["screens"] == []
    nb = nbformat.v4.new_notebook()
    handler = SimpleNamespace(request=SimpleNamespace(path="/"), notebook_path="/x/03_idekatalog.ipynb")
    assert app_pages.prelaunch(handler, nb, ".").metadata["title"] == "Idékatalog – Samarbejdsforum"


def test_the_start_page_escapes_the_charter(tmp_path, monkeypatch):
    """A forum name with markup in forum.toml is shown as text (Voilà's Jinja escapes the start page)."""
    import jinja2

    template = APP_FILES / "share" / "voila" / "templates" / "forumkit"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(template), autoescape=True)
    config = {
        "forumkit": {
            "forum": "<script>x()</script>",
            "title": "Forside – <b>",
            "screens": [{"notebook": "00_overblik.ipynb", "name": "Overblik", "purpose": "Formål"}],
        }
    }
    html = env.get_template("tree.html").render(page_config=config, base_url="/")
    assert "<script>x()" not in html and "&lt;script&gt;x()" in html
    assert '<html lang="da">' in html and 'href="/voila/render/00_overblik.ipynb"' in html
