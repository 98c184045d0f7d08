"""Owner-only data: everything Upstander writes under its data directory is readable by its own
user alone (files 0600, directories 0700), whatever umask the process was started with.

The database and its WAL, `var/mail/` (password-reset links), the keys, the evidence vault and the
logs hold special-category data about children: another account on the same machine must not read
them. `restrict_umask` makes every file created from then on private; `tighten` fixes what an older
version (or a hand-made copy) left readable.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def restrict_umask() -> None:
    """Take group and other permissions away from every file and directory this process creates."""
    current = os.umask(0o077)
    os.umask(current | 0o077)


def private_dir(path: Path) -> None:
    """Create `path` (and its missing parents) owner-only; make it owner-only if it is ours already."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    _chmod_if_ours(path, PRIVATE_DIR_MODE)


def tighten(*roots: Path) -> list[Path]:
    """Make every directory under `roots` 0700 and every file 0600 (symbolic links are not
    followed; what another user owns is left alone). Returns what was changed."""
    changed: list[Path] = []
    for root in roots:
        if not root.exists() or root.is_symlink():
            continue
        if _chmod_if_ours(root, PRIVATE_DIR_MODE if root.is_dir() else PRIVATE_FILE_MODE):
            changed.append(root)
        if not root.is_dir():
            continue
        for folder, dirs, files in os.walk(root):
            for name in dirs:
                path = Path(folder) / name
                if not path.is_symlink() and _chmod_if_ours(path, PRIVATE_DIR_MODE):
                    changed.append(path)
            for name in files:
                path = Path(folder) / name
                if not path.is_symlink() and _chmod_if_ours(path, PRIVATE_FILE_MODE):
                    changed.append(path)
    return changed


def _chmod_if_ours(path: Path, mode: int) -> bool:
    try:
        info = path.lstat()
    except FileNotFoundError:  # removed meanwhile (a SQLite -shm file, a temporary file)
        return False
    if info.st_uid != os.geteuid() or stat.S_IMODE(info.st_mode) & 0o077 == 0:
        return False
    if stat.S_ISSOCK(info.st_mode):
        return False
    try:
        os.chmod(path, (stat.S_IMODE(info.st_mode) & 0o700) | (mode & 0o700))
    except FileNotFoundError:
        return False
    return True
