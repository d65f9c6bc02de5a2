"""The steps a chunk of rows goes through, one module each, shared by every kind:

1. parse (`parse.py`): a row's text cells read into typed values; problems pile up on a RowReader;
2. validate (`validate.py`): one row per natural key, units and staff in the caller's scope, then
   the kind's own rules;
3. write (`write.py`): the strategy decides create, update or unchanged, and the kind's writer
   stores the row;
4. report (`report.py`): counts and per-row errors, then the import's summary and audit event.

`kinds/base.RowKind.process_chunk` runs them in this order; a kind declares only what differs (its
columns, its record, its rules, its writer). Unit scoping comes from `units/access.py`.
"""
