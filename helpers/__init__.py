"""Helpers for the Iran-leadership news notebooks: one module per analysis step.

corpus    load a folder of article texts, clean them, split sentences
reports   run the notebooks with papermill and build the HTML reports
"""

__all__ = ["corpus", "reports"]
