"""Audience personalization: ``/// audience | <names>`` blocks and the reader's choice.

:mod:`.audiences` names the audiences, :mod:`.blocks` is the Markdown extension
(``build_tools.audience.blocks``), :mod:`.plugin` the MkDocs plugin ``guide/audience`` that marks
the pages which get the "Which best describes you?" selector (:mod:`.selector`) and puts it under
their title; the behaviour is the theme's ``assets/javascripts/guide/audience-early.js`` and
``audience.mjs``, the showing and hiding is CSS (``guide.css``).
"""
