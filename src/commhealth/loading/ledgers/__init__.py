"""Activity and observation ledgers (台账), read as a pipeline of stages, one module each:

- bytes → sheets: ``_csv`` (a CSV file's text as rows, and as one sheet), ``_fast_csv`` (a
  plain UTF-8 CSV's bytes straight to columns, with polars), ``_zip_scan`` (a look into a
  zipped workbook before it is read: bounds, hidden columns, merged and error cells) and
  ``_workbook`` (every sheet of a spreadsheet as text cells);
- sheets → tables: ``_sheets`` (which sheets hold a ledger) and ``_layout`` (the table in
  a sheet: its header, its activity rows, and the title, total and sign-off lines noted);
- table → cells: ``_fields`` (each column's field, the extra and evidence columns, dates
  as typed); ``_cells`` and ``_values`` (how a cell's text is read);
- cells → columns → schedule: ``_columns`` (a column's distinct cells read once, every row
  checked as arrays) and ``_tables`` (records of observations);
- and beside them: ``_read`` (the entry points), ``_records`` (records through the
  converter), ``_frames`` (DataFrames), ``_scores`` (score sheets) and ``_writer``
  (ledgers written back). How a ledger was read is worded in ``commhealth._wording``.
"""
