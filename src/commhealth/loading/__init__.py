"""Reading and writing plans, activity ledgers and observations."""

from .ledgers._frames import activities_from_frame
from .ledgers._read import (
    ACTIVITY_HEADERS,
    OBSERVATION_HEADERS,
    LedgerFile,
    activities_from_rows,
    load_activities,
    load_observations,
    observations_from_rows,
    read_activities,
    read_observations,
)
from .ledgers._writer import dump_activities
from .plans._plans import dump_plan, dumps_plan, load_plan, loads_plan, plan_from_dict, plan_to_dict

__all__ = [
    "ACTIVITY_HEADERS",
    "OBSERVATION_HEADERS",
    "LedgerFile",
    "activities_from_frame",
    "activities_from_rows",
    "dump_activities",
    "dump_plan",
    "dumps_plan",
    "load_activities",
    "load_observations",
    "load_plan",
    "loads_plan",
    "observations_from_rows",
    "plan_from_dict",
    "plan_to_dict",
    "read_activities",
    "read_observations",
]
