"""Measure which standard-library modules the calculator needs under Pyodide, and pack only those.

Run by stdlib.mjs inside Pyodide (Node), after the same wheels the browser loads are
installed. Imports happen inside the functions, in order: `exercise` does what the
browser worker does (and its error paths), `used_files` reads sys.modules before any
tooling is imported, then `write_reduced` packs those modules, byte-compiled.
"""

import sys

# Imported by Pyodide in the browser but not under Node (the worker's event loop and fetch glue).
BROWSER_ONLY: tuple[str, ...] = ()


def exercise(rates_text: str) -> None:
    import json

    from calculator.browser import Session
    from calculator.rates import rates_json

    Session(rates_text)  # the YAML path, which the browser can still take
    session = Session(rates_json(rates_text))
    session.answer(json.dumps({"followers": "20 000", "age": "25", "monthly_views": "300000", "video_seconds": "75",
                               "niche": "beauty", "sponsored_videos": "2"}), "EUR")
    session.answer(json.dumps({"followers": "abc", "niche": "x"}), "GBP")
    session.answer("not json")
    # The media kit (/kit-media/): with a tax status, the reader's own fields, and their errors.
    session.kit(json.dumps({"followers": "100000", "age": "28", "tax_status": "micro_bnc", "household": "couple"}),
                json.dumps({"handle": "@moi", "country_1": "France", "country_1_share": "61,5",
                            "video_1_title": "Vidéo", "video_1_views": "1 200 000", "women": "60"}), "EUR")
    session.kit(json.dumps({"followers": "x"}), json.dumps({"women": "80", "men": "30", "handle": 3}), "USD")
    for broken in ("a: [", "{}", "currency: USD"):
        try:  # noqa: SIM105 - contextlib would add a module of its own to the measurement
            Session(broken)
        except ValueError:
            pass


def used_files() -> list[str]:
    """Paths inside the standard-library zip of every module imported so far."""
    prefix = next(entry for entry in sys.path if entry.endswith(".zip")) + "/"
    found = {getattr(module, "__file__", None) or "" for module in list(sys.modules.values())}
    return sorted(path[len(prefix):] for path in found if path.startswith(prefix))


def write_reduced(source_zip: str, target_zip: str, files: list[str]) -> int:
    """Write the listed modules (compiled for this Python) to target_zip; return its entry count."""
    import zipfile

    from compile_wheel import FIXED_TIME, _bytecode

    wanted = sorted(set(files) | {name.replace(".", "/") + ".py" for name in BROWSER_ONLY})
    with zipfile.ZipFile(source_zip) as source, zipfile.ZipFile(target_zip, "w", zipfile.ZIP_DEFLATED) as target:
        for name in wanted:
            data = source.read(name)
            if name.endswith(".py"):
                # Like python -OO: no docstrings, a third less to download; the stdlib supports it.
                name, data = name + "c", _bytecode(name, data, optimize=2)
            target.writestr(zipfile.ZipInfo(name, FIXED_TIME), data, zipfile.ZIP_DEFLATED)
    return len(wanted)
