"""Settings from environment variables. Nothing secret is logged or committed."""

import re
import secrets
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[2]

# Secrets that appear in tutorials and templates; never accept them outside development.
WELL_KNOWN_SECRETS = {
    "secret",
    "changeme",
    "change-me",
    "changethis",
    "supersecret",
    "secret-key",
    "secretkey",
    "your-secret-key",
    "your_secret_key",
    "mysecret",
    "password",
    "development",
    "test",
    "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7",
}
MIN_SECRET_LENGTH = 32
_ORIGIN = re.compile(r"https?://[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?")


DEFAULT_PUBLIC_URL = "http://127.0.0.1:8000"
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "0.0.0.0"}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=None, extra="ignore")

    environment: Literal["development", "test", "production"] = "production"
    var_dir: Path = REPO_ROOT / "var"
    # Uploaded files (evidence, story images): none = a folder under var_dir; s3://bucket/prefix =
    # S3-compatible object storage (AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, ... from the environment).
    storage_url: str | None = None
    database_url: str | None = None
    secret_key: SecretStr | None = None
    access_token_minutes: int = Field(default=30, ge=1, le=24 * 60)
    cors_origins: Annotated[list[str], NoDecode] = []
    frontend_dist: Path = REPO_ROOT / "frontend" / "dist"
    # Login throttling: this many failures inside the window, for one login from one client address,
    # lock that pair for lock_seconds (a stranger elsewhere cannot lock the real user out).
    login_max_failures: int = 5
    login_window_seconds: int = 15 * 60
    login_lock_seconds: int = 5 * 60
    login_max_failures_per_ip: int = 30
    # The slower per-login backoff against guesses spread over many addresses: this many failures on one
    # login lock it for addresses that failed recently; an address without recent failures still passes.
    login_max_failures_per_login: int = Field(default=50, ge=1)
    # Addresses (or networks, "*" for any) of the reverse proxies whose X-Forwarded-For / -Proto headers
    # are believed; empty: nobody's, the client address is the TCP peer's.
    trusted_proxies: Annotated[list[str], NoDecode] = []
    sql_echo: bool = False
    # Database connections each API process keeps open (PostgreSQL), and how many more it may open at a
    # peak. A request holds one (the rate limit counts on it too); below the server's thread pool (40)
    # a busy process opens and closes connections all the time, and a new PostgreSQL backend costs more
    # than the queries it serves.
    db_pool_size: int = Field(default=40, ge=1, le=200)
    db_max_overflow: int = Field(default=5, ge=0, le=200)
    # Requests per minute per API key and per user, counted in the database: shared by every API
    # process (0 turns it off).
    rate_limit_per_minute: int = Field(default=1200, ge=0)
    # E-mail reminders are sent only when SMTP_HOST is set.
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_from: str = "thidua@localhost"
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = False
    # The address the public reaches: links in e-mails and certificates' verification links.
    public_url: str = DEFAULT_PUBLIC_URL
    # Bulk imports: a larger body runs as a background job (202), a body above the maximum is refused
    # (413); a JSON document not shaped as one top-level array is parsed whole, so it has its own cap.
    import_async_threshold_bytes: int = Field(default=2 * 1024 * 1024, ge=0)
    import_max_bytes: int = Field(default=200 * 1024 * 1024, ge=1)
    import_json_max_bytes: int = Field(default=50 * 1024 * 1024, ge=1)
    # A fault-injection hook for tests/processes only (ENVIRONMENT=test): an import job waits this long
    # after each chunk, so a SIGKILL lands inside its transaction however fast the machine is.
    import_chunk_pause_seconds: float = Field(default=0, ge=0, le=5)
    # The same, held by a file: after each chunk the job waits while this file exists, so a test
    # can kill the process mid-import however loaded the machine is.
    import_chunk_gate: Path | None = None
    # Background work (thidua/core/tasks.py): "procrastinate" = jobs in PostgreSQL run by
    # `python -m thidua.cli worker` processes (the default on PostgreSQL); "in_process" = a thread of
    # the API process runs them (the default on SQLite; one machine, one API process only).
    job_queue: Literal["auto", "procrastinate", "in_process"] = "auto"
    # Workers send a heartbeat this often; the jobs of a worker silent for queue_stalled_seconds go back
    # to the queue for another worker (a killed worker's import is run again, exactly once).
    queue_heartbeat_seconds: float = Field(default=10, gt=0)
    queue_stalled_seconds: float = Field(default=30, gt=0)
    # E-mail reminders (reminders/tasks.py), a periodic task: 00:00 UTC is 07:00 in Vietnam; "" = off.
    reminders_cron: str = "0 0 * * *"
    # Webhooks: each delivery is a job of the queue; a failed attempt is retried by the queue after
    # webhook_backoff_seconds x 2^(attempt-1), plus up to 10 % jitter, until webhook_max_attempts.
    # The sweep (a periodic task) sends any due delivery a job did not take (false: nothing is sent).
    webhooks_enabled: bool = True
    webhook_timeout_seconds: float = Field(default=5, gt=0, le=60)
    webhook_max_attempts: int = Field(default=6, ge=1, le=20)
    webhook_backoff_seconds: float = Field(default=30, ge=0)
    webhook_sweep_cron: str = "* * * * *"
    # Receivers on loopback, private, link-local or reserved addresses are refused (the server must not
    # be a way into the commune's own network or a cloud metadata service); true only for a receiver on
    # the same machine or intranet, and in tests.
    webhook_private_addresses: bool = False
    # The day's re-score (scoring/daily.py), a periodic task: scores that read today's date are
    # recomputed once the date changes (one pass at a time for the whole deployment).
    daily_rescore_enabled: bool = True
    daily_rescore_cron: str = "*/10 * * * *"
    # Build every route and open a database connection at start-up instead of in the first users'
    # requests (main._warm_up, under a second); the test suite's many short-lived apps skip it.
    warm_up: bool = True

    @property
    def resolved_job_queue(self) -> Literal["procrastinate", "in_process"]:
        if self.job_queue != "auto":
            return self.job_queue
        return "procrastinate" if self.resolved_database_url.startswith("postgresql") else "in_process"

    def startup_warnings(self) -> list[str]:
        """What an operator must fix, logged at start-up without stopping the server."""
        warnings = []
        if self.environment == "production" and urlsplit(self.public_url).hostname in LOOPBACK_HOSTS:
            warnings.append(
                f"PUBLIC_URL is still {self.public_url}: certificates printed now carry a verification "
                "link nobody outside this machine can open; set PUBLIC_URL to the commune's public address."
            )
        return warnings

    @field_validator("reminders_cron", "daily_rescore_cron", "webhook_sweep_cron")
    @classmethod
    def cron_line(cls, value: str) -> str:
        """A cron line (5 fields, or 6 with seconds last), checked at start-up; empty: off."""
        from croniter import croniter

        value = value.strip()
        if value and not croniter.is_valid(value):
            raise ValueError(f"{value!r} is not a cron line such as '0 0 * * *'")
        return value

    @field_validator("cors_origins", "trusted_proxies", mode="before")
    @classmethod
    def split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [o.strip() for o in value.split(",") if o.strip()]
        return value

    @field_validator("cors_origins")
    @classmethod
    def exact_origins(cls, origins: list[str]) -> list[str]:
        """Exact origins only (browsers send them lower-case, without a path): "*" or "null" would let
        any page, or any sandboxed frame or local file, call the API from a browser."""
        exact = []
        for origin in origins:
            origin = origin.strip().rstrip("/").lower()
            if not _ORIGIN.fullmatch(origin):
                raise ValueError(
                    f"CORS_ORIGINS: {origin!r} is not an origin such as https://truong.example.vn "
                    "(no wildcard, path or 'null')"
                )
            exact.append(origin)
        return exact

    @cached_property
    def resolved_database_url(self) -> str:
        if self.database_url:
            url = self.database_url
            # Plain postgres URLs are common in hosting; psycopg 3 is the driver we ship.
            for prefix in ("postgres://", "postgresql://"):
                if url.startswith(prefix):
                    return "postgresql+psycopg://" + url[len(prefix) :]
            return url
        self.var_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{(self.var_dir / 'thidua.db').resolve()}"

    @cached_property
    def resolved_secret_key(self) -> str:
        if self.secret_key is not None:
            value = self.secret_key.get_secret_value()
            weak = len(value) < MIN_SECRET_LENGTH or value.lower() in WELL_KNOWN_SECRETS
            if weak and self.environment != "development":
                raise ValueError(
                    f"SECRET_KEY is too short or well known; use at least {MIN_SECRET_LENGTH} random "
                    "characters (e.g. `python -c 'import secrets; print(secrets.token_urlsafe(48))'`)"
                )
            return value
        return _secret_from_var_dir(self.var_dir)


def _secret_from_var_dir(var_dir: Path) -> str:
    """A random secret kept in var/ so tokens survive restarts without any configuration."""
    var_dir.mkdir(parents=True, exist_ok=True)
    path = var_dir / "secret_key"
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(48))
    return path.read_text().strip()
