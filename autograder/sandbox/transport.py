"""Plain data across the trust boundary: JSON for structure, ``.npz`` for arrays, no pickle.

The grader sends a sandboxed submission its inputs this way and reads the answers back the
same way. Decoding never unpickles (``allow_pickle=False``), refuses object arrays, caps
sizes, and only builds ndarrays, Python scalars, strings, None and tuples/lists/dicts/sets
of those — whatever the other side wrote.
"""
from __future__ import annotations

import importlib
import io
import json
import math
from pathlib import Path
from typing import Any

import numpy as np

from ..probes import Opaque

MAX_JSON_BYTES = 16 * 2**20
MAX_NPZ_BYTES = 256 * 2**20


class TransportError(ValueError):
    pass


def _encode(obj: Any, arrays: dict) -> Any:
    if isinstance(obj, np.ndarray):
        if obj.dtype.kind not in "biufc":
            return {"__opaque__": f"ndarray of dtype {obj.dtype}"}
        key = f"a{len(arrays)}"
        arrays[key] = obj
        return {"__nd__": key}
    if isinstance(obj, np.generic):
        return _encode(obj.item(), arrays)
    if isinstance(obj, float):
        if math.isfinite(obj):
            return obj
        return {"__float__": repr(obj)}
    if obj is None or isinstance(obj, (bool, int, str)):
        return obj
    if isinstance(obj, tuple):
        return {"__tuple__": [_encode(v, arrays) for v in obj]}
    if isinstance(obj, list):
        return [_encode(v, arrays) for v in obj]
    if isinstance(obj, (set, frozenset)):
        return {"__set__": [_encode(v, arrays) for v in obj]}
    if isinstance(obj, dict):
        return {"__dict__": [[_encode(k, arrays), _encode(v, arrays)] for k, v in obj.items()]}
    if isinstance(obj, np.random.Generator):
        return {"__rng__": obj.bit_generator.state, "__bitgen__": type(obj.bit_generator).__name__}
    if isinstance(obj, Opaque):
        return {"__opaque__": obj.type_name}
    if callable(obj) and getattr(obj, "__module__", "").startswith("autograder.probes.") \
            and "<" not in getattr(obj, "__qualname__", "<"):
        return {"__ref__": f"{obj.__module__}:{obj.__qualname__}"}
    raise TransportError(f"cannot send a {type(obj).__name__} across the sandbox boundary")


def _decode(obj: Any, arrays, refs: bool = True) -> Any:
    if isinstance(obj, list):
        return [_decode(v, arrays, refs) for v in obj]
    if not isinstance(obj, dict):
        if obj is None or isinstance(obj, (bool, int, float, str)):
            return obj
        raise TransportError(f"unexpected JSON value {type(obj).__name__}")
    if "__nd__" in obj:
        arr = arrays[str(obj["__nd__"])]
        if arr.dtype.kind not in "biufc":
            raise TransportError("refusing a non-numeric array")
        return arr
    if "__tuple__" in obj:
        return tuple(_decode(v, arrays, refs) for v in obj["__tuple__"])
    if "__set__" in obj:
        return frozenset(_decode(v, arrays, refs) for v in obj["__set__"])
    if "__dict__" in obj:
        return {_decode(k, arrays, refs): _decode(v, arrays, refs) for k, v in obj["__dict__"]}
    if "__float__" in obj:
        return float(obj["__float__"])
    if "__opaque__" in obj:
        return Opaque(str(obj["__opaque__"]))
    if "__rng__" in obj:
        bitgen = getattr(np.random, str(obj.get("__bitgen__", "PCG64")))()
        bitgen.state = obj["__rng__"]
        return np.random.Generator(bitgen)
    if "__ref__" in obj:
        if not refs:  # answers from a sandbox are plain data: they never name an object
            raise TransportError("an answer may not name an object")
        module, _, qualname = str(obj["__ref__"]).partition(":")
        if not module.startswith("autograder.probes."):
            raise TransportError(f"refusing a reference to {module}")
        target = importlib.import_module(module)
        for part in qualname.split("."):
            target = getattr(target, part)
        return target
    raise TransportError(f"unknown tag in {sorted(obj)[:3]}")


def dump(obj: Any, base: Path) -> None:
    """Write ``obj`` as ``base.json`` + ``base.npz``."""
    arrays: dict = {}
    structure = _encode(obj, arrays)
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    base.with_suffix(".npz").write_bytes(buf.getvalue())
    base.with_suffix(".json").write_text(json.dumps(structure))


def load(base: Path, refs: bool = True) -> Any:
    """Read what :func:`dump` wrote, refusing anything but plain data.

    ``refs=False`` (answers from a sandbox) also refuses references to probe helpers. Sizes
    are checked before anything is read or decompressed: the files, and the size each
    array will have once expanded (a small compressed file can hold gigabytes of zeros)."""
    import zipfile
    jpath, npath = base.with_suffix(".json"), base.with_suffix(".npz")
    if jpath.stat().st_size > MAX_JSON_BYTES or npath.stat().st_size > MAX_NPZ_BYTES:
        raise TransportError("answer too large")
    try:
        with zipfile.ZipFile(npath) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise TransportError(f"not an array archive ({exc})") from None
    if expanded > MAX_NPZ_BYTES:
        raise TransportError(f"answer too large ({expanded / 2**20:.0f} MB once decompressed)")
    structure = json.loads(jpath.read_text())
    with np.load(npath, allow_pickle=False) as arrays:
        loaded = {k: arrays[k] for k in arrays.files}
    return _decode(structure, loaded, refs)


def transportable(obj: Any) -> bool:
    try:
        _encode(obj, {})
        return True
    except TransportError:
        return False
