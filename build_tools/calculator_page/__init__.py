"""The in-page eligibility calculator: its form (rendered at build time) and criteria tables.

The form's input names, choice values and visibility rules are generated here from one table of
field definitions; JavaScript only moves the form's text values to ``calculator`` under Pyodide
and renders the JSON it returns.
"""
