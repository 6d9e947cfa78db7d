"""`event-schemas docs` from the command line."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import CliRunner, write
from tests.docs.sitecheck import check_html_site


def test_builds_an_html_site(
    run_cli: CliRunner, schema_repo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"

    result = run_cli("--repo", str(schema_repo), "docs", "--out", str(out))

    assert result.exit_code == 0, result.stderr
    assert "Wrote 3 pages" in result.stderr
    assert (out / "thing/change/index.html").is_file()
    assert (out / "assets/site.css").is_file()
    assert check_html_site(out).problems == []


def test_builds_markdown(run_cli: CliRunner, schema_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "md"

    result = run_cli(
        "--repo", str(schema_repo), "docs", "-o", str(out), "--format", "markdown"
    )

    assert result.exit_code == 0, result.stderr
    assert (out / "README.md").is_file() and (out / "thing/change/README.md").is_file()
    assert "[thing/change](thing/change/README.md)" in (out / "README.md").read_text()


def test_a_rebuild_replaces_the_previous_site(
    run_cli: CliRunner, schema_repo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    run_cli("--repo", str(schema_repo), "docs", "--out", str(out))
    (out / "stale.html").write_text("left over")

    result = run_cli("--repo", str(schema_repo), "docs", "--out", str(out))

    assert result.exit_code == 0, result.stderr
    assert not (out / "stale.html").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")]


def test_base_url_adds_canonical_links_and_a_sitemap(
    run_cli: CliRunner, schema_repo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    url = "https://schemas.example.org/docs"

    result = run_cli(
        "--repo", str(schema_repo), "docs", "-o", str(out), "--base-url", url
    )

    assert result.exit_code == 0, result.stderr
    page = (out / "thing/change/index.html").read_text()
    assert f'<link rel="canonical" href="{url}/thing/change/">' in page
    assert f"<loc>{url}/thing/change/</loc>" in (out / "sitemap.xml").read_text()
    assert check_html_site(out).external == []  # canonical links only


def test_markdown_links_become_absolute_under_a_base_url(
    run_cli: CliRunner, schema_repo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "md"
    url = "https://wiki.example.org/schemas/"

    run_cli(
        "--repo",
        str(schema_repo),
        "docs",
        "-o",
        str(out),
        "-f",
        "markdown",
        "--base-url",
        url,
    )

    assert f"]({url}thing/change/README.md)" in (out / "README.md").read_text()


def test_refuses_a_directory_it_did_not_write(
    run_cli: CliRunner, schema_repo: Path, tmp_path: Path
) -> None:
    out = write(tmp_path / "precious/notes.txt", "mine\n").parent

    result = run_cli("--repo", str(schema_repo), "docs", "--out", str(out))

    assert result.exit_code == 2
    assert "was not written by `event-schemas docs`" in result.stderr
    assert (out / "notes.txt").read_text() == "mine\n"


def test_refuses_to_write_into_the_schema_tree_or_over_the_repository(
    run_cli: CliRunner, schema_repo: Path
) -> None:
    for out in (schema_repo / "jsonschema/site", schema_repo, schema_repo.parent):
        result = run_cli("--repo", str(schema_repo), "docs", "--out", str(out))

        assert result.exit_code == 2, out
        assert "overlaps the schema tree or the repository" in result.stderr


def test_needs_an_output_directory(run_cli: CliRunner, schema_repo: Path) -> None:
    result = run_cli("--repo", str(schema_repo), "docs")

    assert result.exit_code == 2
    assert "give --out DIR" in result.stderr


def test_has_help(run_cli: CliRunner) -> None:
    result = run_cli("docs", "--help")

    assert result.exit_code == 0
    assert "--base-url" in result.stdout and "--serve" in result.stdout
