"""The evidence vault's framework-free core.

Plain Python, no Django import, so each piece can be tested alone and the Django layer (models,
services, tasks, the `upstander evidence ...` commands) only passes settings values and bytes in:

- `crypto`: key ring, AES-256-GCM envelopes bound to the content's SHA-256, key rotation.
- `storage`: content-addressed encrypted blob stores (local disk, S3-compatible), `verify_all`.
- `filetypes`: type from content (magic bytes), safe file names.
- `images`: upload checks, decompression-bomb refusal, EXIF capture time, metadata-free previews.
- `ocr`: Tesseract through a subprocess, with a clear "unavailable" state.
- `custody`: hash-chain helpers for the custody trail of each evidence item.
- `bundle`: signed export ZIPs for police, platforms and local authorities, and offline checking.
"""
