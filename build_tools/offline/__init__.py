"""A service worker that keeps the calculator working offline and fast on repeat visits.

At build time the plugin lists the files the calculator needs (Pyodide runtime, wheel, lock
file, the page glue), hashes their contents into a build id, and writes ``sw.js`` with that
manifest. A new build changes the id, so the browser installs the new worker, which re-caches
and deletes the old cache: no stale calculator after a deploy.
"""
