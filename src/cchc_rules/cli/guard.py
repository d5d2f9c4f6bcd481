"""What ``cchc check`` does around the engine so that nothing a plugin or a path does loses data
or corrupts the output: the output never names an input, writing fails with a message, plugins'
prints go to stderr, and a renderer that raises is named with its plugin."""

from __future__ import annotations

import codecs
import contextlib
import errno
import io
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .._safe import safe_str
from ..errors import PluginError, UsageError
from ..messages import core_catalog

__all__ = [
    "check_output",
    "plugin_output_to_stderr",
    "render_or_fail",
    "stream_output",
    "text",
    "write_output",
    "writing",
]


def check_output(output: str | None, inputs: Sequence[str], lang: str) -> None:
    """Refuse an ``--output`` that is one of the inputs (or inside an input folder), or a
    folder: the data must never be overwritten by its report."""
    if not output:
        return
    out = Path(output)
    if out.is_dir():
        detail = os.strerror(errno.EISDIR)
        raise UsageError(text("cli.cannot_write", lang, path=output, detail=detail))
    target = out.resolve()
    for given in inputs:
        src = Path(given)
        same = False
        with contextlib.suppress(OSError):
            same = out.exists() and src.exists() and os.path.samefile(out, src)
        inside = src.is_dir() and src.resolve() in target.parents
        if same or target == src.resolve() or inside:
            raise UsageError(text("cli.overwrite_input", lang, path=given))


def write_output(path: str, data: str | bytes, lang: str) -> None:
    """Write the report; a missing folder, a full disk or a device says so (exit 2)."""
    with writing(path, lang), open(path, "wb") as fh:
        fh.write(data if isinstance(data, bytes) else data.encode("utf-8"))


@contextlib.contextmanager
def writing(path: str | os.PathLike[str], lang: str) -> Iterator[None]:
    """Writing ``path`` (a file, or a folder of files): an ``OSError`` (a missing folder, a full
    disk, a device) becomes a :class:`UsageError` naming the path (exit 2)."""
    try:
        yield
    except OSError as exc:
        detail = exc.strerror or type(exc).__name__
        raise UsageError(text("cli.cannot_write", lang, path=str(path), detail=detail)) from None


def render_or_fail(report: Any, fmt: str, lang: str) -> str | bytes:
    """``report.render(fmt)``; a renderer that raises is named with its plugin (exit 3)."""
    try:
        with plugin_output_to_stderr():
            data: str | bytes = report.render(fmt, lang)
    except (KeyboardInterrupt, UsageError):
        raise
    except BaseException as exc:
        renderer = report.registry.renderers.get(fmt)
        plugin = getattr(renderer, "plugin", "") or "?"
        detail = f"{type(exc).__name__}: {safe_str(exc, 300)}"
        message = text("cli.renderer_failed", lang, format=fmt, plugin=plugin, detail=detail)
        raise PluginError(message, plugin=plugin) from None
    return data


def stream_output(report: Any, fmt: str, lang: str, path: str | None) -> bool:
    """Write the report to ``path`` (or stdout) as it is made, when its renderer can
    (``Renderer.write``, text formats): a large report is then never held whole. False when the
    renderer cannot stream (the caller renders it whole). Failures as :func:`write_output` and
    :func:`render_or_fail`; a report left half-written by a failing renderer is removed."""
    renderer = report.registry.renderers.get(fmt)
    write = getattr(renderer, "write", None)
    if write is None or renderer.binary:
        return False
    binary = renderer.write_binary
    fh: Any = sys.stdout
    if path is None:
        if binary and _plain_utf8(fh):
            fh.flush()
            fh = fh.buffer
    else:
        with writing(str(path), lang):
            fh = open(path, "wb") if binary else open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115
    try:
        with plugin_output_to_stderr():
            write(report, lang, fh)
        if path is not None:
            fh.close()
    except (KeyboardInterrupt, UsageError):
        raise
    except OSError as exc:
        if path is None:  # a closed pipe: the command line's own handling
            raise
        detail = exc.strerror or type(exc).__name__
        raise UsageError(text("cli.cannot_write", lang, path=path, detail=detail)) from None
    except BaseException as exc:
        if path is not None:
            with contextlib.suppress(OSError):  # what is still buffered: lost with the file
                fh.close()
            with contextlib.suppress(OSError):
                os.unlink(path)
        plugin = getattr(renderer, "plugin", "") or "?"
        detail = f"{type(exc).__name__}: {safe_str(exc, 300)}"
        message = text("cli.renderer_failed", lang, format=fmt, plugin=plugin, detail=detail)
        raise PluginError(message, plugin=plugin) from None
    finally:
        if path is not None and not fh.closed:
            # after a failed write: its error is reported, not the flush's that repeats it
            with contextlib.suppress(OSError):
                fh.close()
    return True


def _plain_utf8(stream: Any) -> bool:
    """Whether ``stream`` writes text as its buffer's UTF-8 bytes, as they are (strict UTF-8,
    ``\n`` line ends): a renderer may then write the bytes to the buffer itself."""
    return (
        type(stream) is io.TextIOWrapper
        and codecs.lookup(stream.encoding).name == "utf-8"
        and stream.errors == "strict"
        and os.linesep == "\n"
    )


@contextlib.contextmanager
def plugin_output_to_stderr() -> Iterator[None]:
    """Send what plugin code prints to stdout to stderr instead, so that machine output on
    stdout (``--format json``) stays exactly the report."""
    with contextlib.redirect_stdout(sys.stderr):
        yield


def text(message_id: str, lang: str, **params: Any) -> str:
    """The core message ``message_id`` in ``lang``."""
    return core_catalog().render(message_id, params, lang)
