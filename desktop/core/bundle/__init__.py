"""Bundles (gói tài liệu kiểm chứng) for the USB handoff: export, verify, import.

Jobs by module: ``naming`` (Windows-safe names), ``layout`` (folders per area and
sub-criterion), ``plan`` (what goes in; the summary the screen shows), ``handoff`` (what left when), ``export`` +
``writers`` + ``index_xlsx`` (writing, reading back, renaming), ``manifest`` with
``schema`` (its shape and limits, checked before use) and ``signing`` (Ed25519: this
installation's key, colleagues' keys), ``source`` (reading a folder or .zip without
leaving it, zip-bomb and free-space limits), ``verify``, ``import_preview`` + ``importer``
(preview, then one transaction), ``drives`` (removable drives).

Everything here is Qt-free; screens get plain dataclasses.
"""
