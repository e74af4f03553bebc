"""treadgently: gentle interview follow-ups, drafted into Gmail, never sent."""

__version__ = "0.1.0"
