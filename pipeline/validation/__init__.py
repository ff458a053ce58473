"""Validation, the first stage: is each document well-formed, valid against its RelaxNG schema,
and does it pass the Schematron rules? Findings come out as data (`pipeline.findings`).

This is the stage's one way in: the names below, each imported from its module when first used
(a build reads `DEFAULT_SCHEMA` without loading Jing's or Schematron's code). `validate_paths`
checks files as `teipipe validate` does; `Plan.of` and `check` validate one parsed document the
way a build does, and `complete` adds Jing's findings for those libxml2 found invalid. The
modules: `checks` (the plan and the checks), `schemas` (which schemas, and whether they can be
used), `jing`, `schematron` and `schematron_xslt` (the checkers), `locate` (lines and columns),
`dates` and `pointers` (what the Schematron rules call from Python; `BAD_BASE`, the rule of
an xml:base no pointer can be read from, which no format can build), `suggested` (slips near
the values a schema suggests), `catalogs` (OASIS XML catalogs: the local copies of the schemas
documents name by web address).
"""

from pipeline import lazy_names

__getattr__, __all__ = lazy_names(__name__, {
    "checks": ("validate_paths", "validate_file", "validate_tree", "check", "complete", "Plan", "Options",
               "Report", "FileReport", "Checked"),
    "schemas": ("SchemaError", "Schema", "vet", "DEFAULT_SCHEMA", "DEFAULT_SCHEMATRON", "RELAXNG", "COMPACT",
                "SCHEMATRON"),
    "pointers": ("BAD_BASE",),
})
