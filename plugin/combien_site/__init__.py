"""The MkDocs plugin that builds the Combien paie TikTok site around the calculator (`combien-site` in mkdocs.yml).

One module per job: plugin.py (the events) hands work to rates.py, runtime.py (wheel.py,
bytecode.py, stdlib.py, lock.py, pyodide.py), assets.py, widget.py, figures.py, csp.py and
service_worker.py; config.py holds the options.
"""
