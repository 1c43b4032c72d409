"""Running report jobs: reports.toml, papermill workers, incremental state, HTML export, the index."""
