"""big8: beleid als code voor VTH (vergunningverlening, toezicht, handhaving)."""

__version__ = "0.2.0"
