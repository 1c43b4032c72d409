"""incident-reports: load the sourced incident table and compute what the reports show."""

__version__ = "0.1.0"
