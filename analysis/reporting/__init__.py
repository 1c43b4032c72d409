"""What a report shows: page furniture (header, caveats), tables, charts and text formats."""
