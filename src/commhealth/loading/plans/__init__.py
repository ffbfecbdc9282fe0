"""Plan files and assessors' schemes: TOML, JSON or YAML text structured into the model.

- ``_converter``: the cattrs converter and its hooks (dates, windows, requirements);
- ``_tags``: the ``type`` tag of each requirement kind;
- ``_observance_hooks``: observances a plan defines;
- ``_strict``: a key the schema does not know, or one given twice, as an error;
- ``_plans``: reading and writing plan files;
- ``_schemes``: reading scheme files;
- ``_schema``: the JSON Schemas of plans, schemes, assessments and reports.
"""
