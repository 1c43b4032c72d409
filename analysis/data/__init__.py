"""Reading, checking and writing the data directory: typed loads, validation, CSV export, country outlines."""
