"""Settings: every default once, from newsgraph.toml and NEWSGRAPH_* variables, under the command line."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.errors import NewsgraphError
from newsgraph.ingest.service import ServiceOptions
from newsgraph.settings import DEFAULTS, SettingsError, load
from tests.pages import STORY_PARAGRAPHS, news_page


def test_without_a_file_or_variables_the_defaults_hold(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load(environ={}) == DEFAULTS
    assert DEFAULTS.ingest.max_page_bytes == 50 * 1024 * 1024 and DEFAULTS.web.port == 8000


def test_the_file_then_the_environment_then_the_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "newsgraph.toml").write_text('[ingest]\nworkers = 3\nmax_page_mb = 2\n[web]\nport = 8080\n')
    settings = load(environ={"NEWSGRAPH_WEB_PORT": "9090", "NEWSGRAPH_INGEST_ALLOW_PRIVATE": "yes"})
    assert settings.ingest.workers == 3 and settings.ingest.max_page_bytes == 2 * 1024 * 1024
    assert settings.web.port == 9090 and settings.ingest.allow_private is True
    assert settings.store == DEFAULTS.store
    options = ServiceOptions.from_settings(settings.ingest, workers=1)
    assert options.workers == 1 and options.reading().max_page_bytes == 2 * 1024 * 1024


@pytest.mark.parametrize("text, words", [
    ("[ingest]\nworkers = 'two'\n", "ingest.workers must be int"),
    ("[ingest]\nthreads = 2\n", "unknown key ingest.threads"),
    ("[fetch]\ntimeout = 2\n", "unknown section [fetch]"),
    ("[ingest\nworkers = 2\n", "not a TOML file"),
    ("[ingest]\nbatch_size = 0\n", "ingest.batch_size must be at least 1"),
    ("[ingest]\ntimeout = -5\n", "must not be negative"),
])
def test_a_bad_file_is_one_line_naming_the_file_and_the_key(tmp_path, text, words):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(SettingsError) as raised:
        load(path, environ={})
    assert isinstance(raised.value, NewsgraphError)
    assert str(raised.value).startswith(str(path)) and words in str(raised.value) and "\n" not in str(raised.value)


def test_a_bad_variable_names_the_variable():
    with pytest.raises(SettingsError, match="NEWSGRAPH_INGEST_WORKERS: must be int"):
        load(environ={"NEWSGRAPH_INGEST_WORKERS": "many"})


def test_the_commands_take_their_defaults_from_the_settings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "flood.html").write_text(news_page("River floods force thousands from homes",
                                                             STORY_PARAGRAPHS))
    (tmp_path / "newsgraph.toml").write_text('[store]\ndatabase = "from-settings.db"\n[ingest]\nmax_page_mb = 0.001\n')
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", "pages"], catch_exceptions=False)
    assert (tmp_path / "from-settings.db").exists()  # the database the file names
    assert result.exit_code == 1 and "too large" in result.output  # the page cap the file sets (1 kB)
    result = runner.invoke(main, ["ingest", "pages", "--max-page-mb", "5"], catch_exceptions=False)
    assert result.exit_code == 0  # the command line wins
    assert "default: 8000" in runner.invoke(main, ["serve", "--help"]).output
    monkeypatch.setenv("NEWSGRAPH_WEB_PORT", "8123")
    assert "default: 8123" in runner.invoke(main, ["serve", "--help"]).output


def test_a_bad_settings_file_stops_the_command_with_one_line(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text("[web]\nport = 'eighty'\n")
    result = CliRunner().invoke(main, ["--config", str(path), "stats"])
    assert result.exit_code != 0 and "web.port must be int" in result.output
    assert "Traceback" not in result.output
