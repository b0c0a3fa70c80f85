"""Helpers for the Iran-leadership news notebooks: one module per analysis step.

corpus     read a folder of article texts, clean them, split sentences     (notebook 01)
actors     the actor register, mentions, new-name candidates               (notebook 02)
quotes     direct and reported speech with its speaker                     (notebook 02)
sentiment  TextBlob and VADER scores, agreement with hand labels           (notebook 03)
framing    loaded terms per outlet                                         (notebook 03)
stance     who favours or opposes war with Israel and talks with the US    (notebook 04)
timeline   dates resolved against publication, events across articles      (notebook 05)
reports    the runner: executes the notebooks, writes HTML and index.html
pipeline   every step end to end, for the benchmark

Shared pieces: text (sentence splitting), dates (calendar words, date lines), params
(notebook parameters), tables (CSV and PNG writing), parallel (process pool), datafiles
(the editable files in helpers/data/).
"""
