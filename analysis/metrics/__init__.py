"""Pure metrics: incident frames in, frames out (filters, counts, frequency, casualties, coverage)."""
