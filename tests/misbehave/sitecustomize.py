"""Make reading chosen communities' ledgers go wrong, in every process started with this
folder on ``PYTHONPATH`` and ``COMMHEALTH_MISBEHAVE`` set: the batch's workers (started
from a fork server or spawned, so a monkeypatch in the test's process never reaches them)
and ``python -m commhealth`` run as a subprocess.

``COMMHEALTH_MISBEHAVE`` is JSON: ``{"actions": {community: action}, "marks": folder}``,
each action one of ``"raise"`` (a zipfile error, not the library's), ``"die"`` (the
process killed, as by the kernel when out of memory), ``"die once"`` (the first time only;
``marks`` remembers), ``"hang"`` (two minutes) or ``"slow"`` (half a second).
"""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path
from typing import Any

ENV = "COMMHEALTH_MISBEHAVE"


def install(actions: dict[str, str], marks: str | None = None) -> None:
    """Wrap ``commhealth.loading.load_activities`` to misbehave for ``actions``."""
    import commhealth.loading

    real = commhealth.loading.load_activities

    def load(path: Any, *args: Any, **kwargs: Any) -> Any:
        name = Path(path).parent.name
        action = actions.get(name)
        if action == "raise":
            raise NotImplementedError("That compression method is not supported")
        if action == "die once" and marks is not None:
            mark = Path(marks) / name
            if not mark.exists():
                mark.touch()
                action = "die"
        if action == "die":
            os.kill(os.getpid(), signal.SIGKILL)
        if action == "hang":
            time.sleep(120)
        if action == "slow":
            time.sleep(0.5)
        return real(path, *args, **kwargs)

    commhealth.loading.load_activities = load  # type: ignore[assignment]


if os.environ.get(ENV):
    _config = json.loads(os.environ[ENV])
    install(_config["actions"], _config.get("marks"))
