"""The layout shows the pipeline: a few shared modules at the top of `pipeline/`, one sub-package
per stage, and no stage importing a later one or another stage's modules (only its `__init__`)."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"
STAGES = ("validation", "formats", "building", "exports", "cli")
#: What each stage may import besides the shared modules at the top.
MAY_IMPORT = {"top": (), "validation": (), "formats": (), "building": ("validation", "formats"),
              "exports": ("building", "validation", "formats"), "cli": STAGES}


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else "top"


def _imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pipeline"):
            names = [f"pipeline.{alias.name}" for alias in node.names] if node.module == "pipeline" else []
            yield node.lineno, [node.module, *names]
        elif isinstance(node, ast.Import):
            yield node.lineno, [alias.name for alias in node.names if alias.name.startswith("pipeline")]


def test_the_top_holds_at_most_eight_modules_and_one_package_per_stage():
    assert len(list(PACKAGE.glob("*.py"))) <= 8
    assert {path.parent.name for path in PACKAGE.glob("*/__init__.py")} == set(STAGES)


def test_no_stage_imports_a_later_one_or_another_stage_s_modules():
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        own = _stage(module)
        if own == "top" and path.name in ("__init__.py", "__main__.py"):
            continue  # the API's functions import their stages when called; `python -m` runs the cli
        for line, targets in _imports(path):
            for target in targets:
                stage = _stage(target)
                if stage in ("top", own):
                    continue
                if stage not in MAY_IMPORT[own] or (own != "cli" and target.count(".") > 1):
                    wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {target}")
    assert wrong == []
