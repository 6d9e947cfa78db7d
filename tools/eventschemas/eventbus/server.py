"""Running the service under uvicorn, with one or several worker processes.

One worker serves, in this process, the state `serve` loaded to validate the
tree. Several workers are separate processes, so they learn the repository and
the options from one environment variable that `serve` sets before starting
them, and each loads the tree itself.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from eventschemas.eventbus.logs import configure

_ARGS = "EVENT_SCHEMAS_SERVE"
logger = logging.getLogger(__name__)


def app_factory() -> Any:
    """Build the app in a worker from the options `serve` left in the environment."""
    from eventschemas.eventbus.app import create_app
    from eventschemas.eventbus.state import ServiceState

    args = json.loads(os.environ[_ARGS])
    configure(args["log_level"])
    config = Path(args["config"]) if args["config"] else None
    cache_dir = Path(args["cache_dir"]) if args["cache_dir"] else None
    state = ServiceState(
        Path(args["root"]),
        config,
        cache_dir=cache_dir,
        parse_cache=args["parse_cache"],
        **args["overrides"],
    )
    return create_app(state)


def serve(
    root: Path,
    *,
    config_file: Path | None,
    host: str,
    port: int,
    workers: int,
    overrides: dict[str, Any],
    log_level: int = logging.INFO,
    cache_dir: Path | None = None,
    parse_cache: bool = True,
) -> None:
    """Validate the configuration, then run uvicorn until SIGINT/SIGTERM."""
    import uvicorn

    from eventschemas.eventbus.state import ServiceState

    configure(log_level)
    # Load once here so that a broken tree or config fails before any worker
    # starts (and so that the workers find the parse cache filled). A single
    # worker runs in this process and serves this state.
    state = ServiceState(
        root, config_file, cache_dir=cache_dir, parse_cache=parse_cache, **overrides
    )
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "log_config": None,
        "access_log": log_level <= logging.DEBUG,
        "server_header": False,
        "timeout_graceful_shutdown": 30,
        "lifespan": "on",
    }
    if workers == 1:
        from eventschemas.eventbus.app import create_app

        uvicorn.run(create_app(state), **options)
        return
    os.environ[_ARGS] = json.dumps(
        {
            "root": str(root),
            "config": str(config_file) if config_file else "",
            "cache_dir": str(cache_dir) if cache_dir else "",
            "parse_cache": parse_cache,
            "overrides": {
                k: str(v) if isinstance(v, Path) else v for k, v in overrides.items()
            },
            "log_level": log_level,
        }
    )
    if "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(
            prefix="event-schemas-metrics-"
        )
    uvicorn.run(
        "eventschemas.eventbus.server:app_factory",
        factory=True,
        workers=workers,
        **options,
    )
