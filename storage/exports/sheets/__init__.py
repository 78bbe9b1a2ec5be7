"""One module per sheet of the agency's workbook; see `storage.exports` for how to add one."""
