"""Precompressed ``.br`` and ``.gz`` copies beside the built site's large files (``guide/compress``)."""
