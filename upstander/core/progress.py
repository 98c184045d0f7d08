"""Progress bars for long commands: counts and time left on a terminal, silence anywhere else.

For every long command (import-people, evidence verify and rotate-keys, records-review, backup,
backup verify and restore). A command makes one with `for_command(self, quiet=options["json"])` and hands it
to the service, which wraps its loops: `for row in progress(rows, total=len(rows), desc="people")`.
Services default to `no_progress`, so tests and the web pages see nothing. Services that report
`(stage, done, total)` themselves (core/backup.py) get `stages_for_command(self, quiet=...)` instead.

The bar is drawn (on standard error, with tqdm) only when both standard output and standard error
are terminals and the command was not asked for `--json`: piped, redirected, run by cron or read
by a program, a command prints only its own output.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO, Any, Protocol, TypeVar

from tqdm import tqdm

T = TypeVar("T")


class Progress(Protocol):
    def __call__(self, iterable: Iterable[T], *, total: int | None = None, desc: str = "") -> Iterator[T]: ...


def no_progress(iterable: Iterable[T], *, total: int | None = None, desc: str = "") -> Iterator[T]:
    yield from iterable


def _raw(stream: Any) -> Any:
    """Django's OutputWrapper adds a newline to every write; a bar needs the stream itself."""
    return getattr(stream, "_out", stream)


def _is_terminal(stream: Any) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


def terminal_progress(*, stdout: IO[str] | Any, stderr: IO[str] | Any, quiet: bool = False) -> Progress:
    """A bar on `stderr` if both streams are terminals and not `quiet`; otherwise `no_progress`."""
    out, err = _raw(stdout), _raw(stderr)
    if quiet or not (_is_terminal(out) and _is_terminal(err)):
        return no_progress

    def progress(iterable: Iterable[T], *, total: int | None = None, desc: str = "") -> Iterator[T]:
        # mininterval keeps redrawing cheap; the finished bar stays, with its count and time taken.
        yield from tqdm(iterable, total=total, desc=desc, file=err, leave=True, mininterval=0.2, unit="")

    return progress


def for_command(command: Any, *, quiet: bool = False) -> Progress:
    """The progress for a management command (its own stdout and stderr)."""
    return terminal_progress(stdout=command.stdout, stderr=command.stderr, quiet=quiet)


class StageProgress(Protocol):
    def __call__(self, stage: str, done: int, total: int) -> None: ...


def stage_bars(*, stdout: IO[str] | Any, stderr: IO[str] | Any, quiet: bool = False) -> StageProgress:
    """For services that report `(stage, done, total)` themselves (core/backup.py): one bar per stage
    on a terminal, drawn as the counts arrive; a no-op when piped, redirected or `quiet`."""
    out, err = _raw(stdout), _raw(stderr)
    if quiet or not (_is_terminal(out) and _is_terminal(err)):
        return lambda stage, done, total: None
    bars: dict[str, Any] = {}

    def report(stage: str, done: int, total: int) -> None:
        bar = bars.get(stage)
        if bar is None:
            for other in bars.values():
                other.close()
            bar = bars[stage] = tqdm(total=total, desc=stage, file=err, leave=True, mininterval=0.2, unit="")
        bar.total = total
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return report


def stages_for_command(command: Any, *, quiet: bool = False) -> StageProgress:
    """`stage_bars` for a management command (its own stdout and stderr)."""
    return stage_bars(stdout=command.stdout, stderr=command.stderr, quiet=quiet)
