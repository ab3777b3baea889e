"""A service worker: every page offline after one visit, the calculator offline for readers who
used it, and updates the reader sees and accepts (no silent takeover of an open page).

At build time the plugin lists the files the worker may serve with a hash of each, and writes
``sw.js`` with that manifest; the page side is ``theme/assets/javascripts/guide/offline.mjs``.
"""
