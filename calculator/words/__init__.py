"""Words: every string a person reads (the field table, the words for result codes, the page's
view, the copied summary, the re-classify page)."""
