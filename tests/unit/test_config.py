"""Settings: a generated secret kept in var/, weak secrets refused outside development."""

import os
import stat

import pytest

from thidua.config import Settings


def test_secret_is_generated_once_and_kept_private(tmp_path) -> None:  # type: ignore[no-untyped-def]
    first = Settings(var_dir=tmp_path, secret_key=None).resolved_secret_key
    second = Settings(var_dir=tmp_path, secret_key=None).resolved_secret_key
    assert first == second and len(first) >= 48
    mode = stat.S_IMODE(os.stat(tmp_path / "secret_key").st_mode)
    assert mode == 0o600


@pytest.mark.parametrize("secret", ["short", "changeme", "secret", "x" * 31])
def test_weak_secret_is_refused_in_production(tmp_path, secret: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="SECRET_KEY"):
        _ = Settings(var_dir=tmp_path, secret_key=secret, environment="production").resolved_secret_key
    assert (
        Settings(var_dir=tmp_path, secret_key=secret, environment="development").resolved_secret_key == secret
    )


def test_default_database_is_a_sqlite_file_under_var(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = Settings(var_dir=tmp_path, database_url=None).resolved_database_url
    assert url == f"sqlite:///{(tmp_path / 'thidua.db').resolve()}"
    pg = Settings(var_dir=tmp_path, database_url="postgresql://u@h/db").resolved_database_url
    assert pg == "postgresql+psycopg://u@h/db"


def test_cors_origins_from_a_comma_separated_variable(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CORS_ORIGINS", "https://a.example, https://b.example")
    assert Settings().cors_origins == ["https://a.example", "https://b.example"]


def test_cors_origins_are_exact_origins(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CORS_ORIGINS", "HTTPS://Cong.ThanhThuy.example/, http://127.0.0.1:5173")
    assert Settings().cors_origins == ["https://cong.thanhthuy.example", "http://127.0.0.1:5173"]


@pytest.mark.parametrize(
    "origins",
    ["*", "null", "https://*.example", "https://a.example/path", "a.example", "file://", "https://"],
)
def test_a_wildcard_or_anything_but_an_origin_is_refused_at_start(monkeypatch, origins: str) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CORS_ORIGINS", f"https://good.example,{origins}")
    with pytest.raises(ValueError, match="CORS_ORIGINS"):
        Settings()


def test_production_warns_at_start_while_public_url_is_the_loopback_default(
    tmp_path, caplog: pytest.LogCaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    from thidua.main import create_app

    production = Settings(var_dir=tmp_path, environment="production", secret_key="k" * 48)
    assert "PUBLIC_URL" in production.startup_warnings()[0]
    with caplog.at_level("WARNING", logger="thidua"):
        create_app(production)
    assert any("PUBLIC_URL is still http://127.0.0.1:8000" in r.getMessage() for r in caplog.records)
    public = Settings(
        var_dir=tmp_path,
        environment="production",
        secret_key="k" * 48,
        public_url="https://thidua.example.vn",
    )
    assert public.startup_warnings() == []
    assert Settings(var_dir=tmp_path, environment="development").startup_warnings() == []


def test_the_import_pause_hook_works_only_in_the_test_environment(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from thidua.imports.jobs import _pause

    assert _pause(Settings(var_dir=tmp_path, environment="test", import_chunk_pause_seconds=0.2)) is not None
    assert _pause(Settings(var_dir=tmp_path, environment="test")) is None
    gate = tmp_path / "gate"
    assert _pause(Settings(var_dir=tmp_path, environment="test", import_chunk_gate=gate)) is not None
    gated = Settings(var_dir=tmp_path, environment="production", secret_key="k" * 48, import_chunk_gate=gate)
    assert _pause(gated) is None
    production = Settings(
        var_dir=tmp_path, environment="production", secret_key="k" * 48, import_chunk_pause_seconds=0.2
    )
    assert _pause(production) is None
