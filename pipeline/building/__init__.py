"""Building, the stage after validation: the outputs of every format, for the documents that
are out of date, and the collection pages (`builder`), with what it knows of earlier builds
(`manifest`), the stamp that lets a no-op build end at once (`stamp`) and writes that never
leave half a file (`outputs`).

This is the stage's one way in: the names below, each imported from its module when first used,
because `teipipe build` reads `pipeline.building.stamp` first and, when nothing changed, ends
without loading the builder, the formats or Saxon. `build(paths, settings)` builds;
`checked_document(path, settings)` reads and validates one document as a build does, for the
stages that use documents without building them (the exports).
"""

from pipeline import lazy_names

__getattr__, __all__ = lazy_names(__name__, {
    "builder": ("build", "build_document", "checked_document", "complete", "Settings", "Result", "SameName",
                "refuse_same_names", "CACHE"),
    "cluster": ("Unreachable",),
    "manifest": ("Busy", "Hashes", "Manifest", "locked"),
    "outputs": ("write_atomic", "writable"),
})
