"""Qt translations: loading them at start-up, and the `update` / `compile` / `check` tool.

Source strings are English inside `self.tr()` / `QCoreApplication.translate()`; Vietnamese is the default
language. Two catalogues live in `resources/translations/`:

- `motcua_vi.ts`: our strings, extracted from `desktop/ui/**/*.py` (and the status labels of
  `desktop/core/status.py`) by `pyside6-lupdate` (no source locations, so parallel edits do not churn
  line numbers).
- `qtbase_vi.ts`: hand-kept Vietnamese for the Qt strings our windows show (standard buttons, context
  menus, message-box details) and Qt's own dialogs (file chooser, print, printer properties, page setup,
  print preview, colour), because Qt ships no `qtbase_vi.qm`. The sources are Qt's own contexts and English
  strings (as in Qt's `qtbase_*.ts`); a string Qt asks for that is missing here shows in English. If a Qt
  build ever ships a `qtbase_vi.qm`, it is loaded too.

    python -m desktop.ui.i18n update    # add new/changed tr() strings to motcua_vi.ts (then translate them)
    python -m desktop.ui.i18n compile   # .ts -> .qm (commit both)
    python -m desktop.ui.i18n check     # exit 1 if a string is untranslated or a .qm is stale
    python -m desktop.ui.i18n fill F.json   # optional: {"Context": {"English": "Tiếng Việt"}} into the .ts

`MOTCUA_LANG=en` starts the application with the English source strings (for screenshots in bug reports).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desktop.resources import resource

DEFAULT_LANGUAGE = "vi"
OUR_CATALOGUE = "motcua"
QT_SUPPLEMENT = "qtbase"


def translations_dir() -> Path:
    return resource("translations")


# Qt-free modules whose labels the screens translate (marked with QT_TRANSLATE_NOOP)
LABELLED_CORE = ("status.py",)


def ui_sources() -> list[Path]:
    """Every Python file of the UI package, sorted, then the labelled core modules (the input of lupdate)."""
    root = Path(__file__).resolve().parent
    core = root.parent / "core"
    return sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts) + [
        core / name for name in LABELLED_CORE
    ]


def language() -> str:
    """The UI language: Vietnamese unless MOTCUA_LANG says otherwise."""
    return os.environ.get("MOTCUA_LANG", DEFAULT_LANGUAGE).strip() or DEFAULT_LANGUAGE


def install_translators(app: QApplication, lang: str | None = None) -> list[QTranslator]:
    """Load our catalogue and Qt's own strings for `lang`; keep the returned objects alive."""
    lang = lang or language()
    QLocale.setDefault(QLocale(lang))
    installed: list[QTranslator] = []
    if lang == "en":
        return installed
    candidates = [
        (QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), f"qtbase_{lang}"),
        (str(translations_dir()), f"{QT_SUPPLEMENT}_{lang}"),
        (str(translations_dir()), f"{OUR_CATALOGUE}_{lang}"),
    ]
    for folder, name in candidates:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


# ---- the maintenance tool ---------------------------------------------------------------------------
# (its modules are imported where used: the application itself only loads the translations, at start-up)


def _tool(name: str) -> str:
    """Path of a pyside6 tool next to the running interpreter (the venv), else on PATH."""
    local = Path(sys.executable).parent / name
    if local.exists():
        return str(local)
    import shutil

    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6-Essentials in this environment")
    return found


def ts_path(catalogue: str, lang: str = DEFAULT_LANGUAGE) -> Path:
    return translations_dir() / f"{catalogue}_{lang}.ts"


def update(ts: Path | None = None) -> None:
    """Merge the current tr() strings into our .ts (dropping vanished ones)."""
    target = ts or ts_path(OUR_CATALOGUE)
    args = [_tool("pyside6-lupdate"), *map(str, ui_sources())]
    args += ["-locations", "none", "-no-obsolete", "-silent", "-target-language", "vi_VN", "-ts", str(target)]
    import subprocess

    subprocess.run(args, check=True)


def compile_ts(ts: Path, qm: Path) -> None:
    import subprocess

    subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def catalogues() -> list[Path]:
    return sorted(translations_dir().glob(f"*_{DEFAULT_LANGUAGE}.ts"))


def compile_all() -> None:
    for ts in catalogues():
        compile_ts(ts, ts.with_suffix(".qm"))


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    translation: str
    finished: bool


def read_ts(path: Path) -> list[Message]:
    """The messages of a .ts file (plural forms count as translated when every form is filled)."""
    import xml.etree.ElementTree as ET

    messages = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            node = message.find("translation")
            if node is None:
                continue
            forms = [f.text or "" for f in node.iter("numerusform")] or [node.text or ""]
            kind = node.get("type", "")
            if kind in ("obsolete", "vanished"):
                continue
            messages.append(
                Message(
                    context=name,
                    source=message.findtext("source", ""),
                    translation=forms[0],
                    finished=kind != "unfinished" and all(f.strip() for f in forms),
                )
            )
    return messages


def problems() -> list[str]:
    """Everything that keeps the shipped translation from being complete, as readable lines."""
    import shutil
    import tempfile

    found: list[str] = []
    ours = ts_path(OUR_CATALOGUE)
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / ours.name
        shutil.copy(ours, fresh)
        update(fresh)
        known = {(m.context, m.source) for m in read_ts(ours)}
        for m in read_ts(fresh):
            if (m.context, m.source) not in known:
                found.append(
                    f"not in {ours.name} (run `python -m desktop.ui.i18n update`): [{m.context}] {m.source!r}"
                )
        for ts in catalogues():
            for m in read_ts(ts):
                if not m.finished:
                    found.append(f"untranslated in {ts.name}: [{m.context}] {m.source!r}")
            qm = ts.with_suffix(".qm")
            rebuilt = Path(tmp) / qm.name
            compile_ts(ts, rebuilt)
            if not qm.exists() or qm.read_bytes() != rebuilt.read_bytes():
                found.append(f"{qm.name} is stale (run `python -m desktop.ui.i18n compile`)")
    return found


def fill(path: Path, translations: dict[str, dict[str, str]]) -> int:
    """Write the given translations into a .ts (marking them finished); returns how many were set."""
    import xml.etree.ElementTree as ET

    tree = ET.parse(path)
    count = 0
    for context in tree.getroot().iter("context"):
        wanted = translations.get(context.findtext("name", ""), {})
        for message in context.iter("message"):
            node = message.find("translation")
            text = wanted.get(message.findtext("source", ""))
            if node is None or text is None:
                continue
            node.text = text
            node.attrib.pop("type", None)
            count += 1
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    return count


def main(argv: list[str] | None = None) -> int:
    import argparse
    import json

    parser = argparse.ArgumentParser(prog="python -m desktop.ui.i18n", description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["update", "compile", "check", "fill"])
    parser.add_argument("file", nargs="?", type=Path, help="for fill: a JSON file {context: {source: text}}")
    args = parser.parse_args(argv)
    if args.action == "fill":
        if args.file is None:
            parser.error("fill needs a JSON file")
        data = json.loads(args.file.read_text(encoding="utf-8"))
        print(f"{fill(ts_path(OUR_CATALOGUE), data)} translation(s) set")
        update()  # back to lupdate's own layout, so the file does not churn
        return 0
    if args.action == "update":
        update()
        todo = [m for m in read_ts(ts_path(OUR_CATALOGUE)) if not m.finished]
        print(f"{ts_path(OUR_CATALOGUE)}: {len(todo)} string(s) to translate")
        for m in todo:
            print(f"  [{m.context}] {m.source!r}")
        return 0
    if args.action == "compile":
        compile_all()
        return 0
    issues = problems()
    for line in issues:
        print(line)
    return 1 if issues else 0


if __name__ == "__main__":
    sys.exit(main())
