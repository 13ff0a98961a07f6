"""Bundles (gói tài liệu kiểm chứng) for the USB handoff: export, verify, import.

Jobs by module: ``naming`` (Windows-safe names), ``layout`` (folders per area and
sub-criterion), ``plan`` (what goes in; the summary the screen shows), ``handoff`` (what left when), ``export`` +
``writers`` + ``index_xlsx`` (writing, reading back, renaming), ``manifest``, ``source``
(reading a folder or .zip without leaving it), ``verify``, ``import_preview`` +
``importer`` (preview, then one transaction), ``drives`` (removable drives).

Everything here is Qt-free; screens get plain dataclasses.
"""
