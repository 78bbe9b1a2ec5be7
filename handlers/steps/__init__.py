"""The kit multi-step conversations that are not forms (staff's, /check) are written in: typed
state, steps with Back and Cancel."""

from handlers.steps.flow import BACK, CANCEL, Screen, StepFlow
from handlers.steps.state import FlowState, LinearState, StaleState, read_state, row_of

__all__ = [
    "BACK",
    "CANCEL",
    "FlowState",
    "LinearState",
    "Screen",
    "StaleState",
    "StepFlow",
    "read_state",
    "row_of",
]
