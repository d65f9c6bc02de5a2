"""Files generated in the background (issue 19.1): large exports and document batches (the results
XLSX across every unit, a province proposal's hồ sơ ZIP). A request creates a `generated_file` row and
a job of the queue; the job builds the file as its requester, writes it through the storage interface
and marks the row done; only the requester reads the row and downloads the file (streamed)."""
