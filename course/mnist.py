"""MNIST as the book's students know it: ``load_mnist(normalize, flatten, one_hot_label)``.

For learners who are online and want the real 28×28 digits (60,000 training and 10,000 test
images). The course's notebooks and tests never call this: they run offline on the small
digits bundled with scikit-learn (:func:`course.data.load_digits_split`, same options).

On the first call the four IDX files are downloaded from the first mirror that answers
(:data:`MIRRORS`, or the environment variable ``DLCOURSE_MNIST_MIRRORS``: URLs separated by
spaces or commas), their SHA-256 and MD5 checksums are verified, and they are kept in the
cache directory together with a parsed ``mnist.npz``; later calls read the cache only.

    >>> from course.mnist import load_mnist
    >>> (x_train, t_train), (x_test, t_test) = load_mnist(normalize=True, flatten=False)
    >>> x_train.shape, t_train.shape
    ((60000, 1, 28, 28), (60000,))

The cache directory is ``cache_dir``, else ``$DLCOURSE_DATA/mnist``, else
``$XDG_CACHE_HOME/dlcourse/mnist`` (``~/.cache/dlcourse/mnist``).
"""
from __future__ import annotations

import gzip
import hashlib
import os
import re
import tempfile
import urllib.request
import zipfile
from pathlib import Path

import numpy as np

__all__ = ["load_mnist", "parse_idx", "download", "verify_checksums", "default_cache_dir",
           "MIRRORS", "FILES", "ChecksumError", "DownloadError"]

#: Where the IDX files are looked for, in order (each URL ends with "/").
MIRRORS = [
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
    "http://yann.lecun.com/exdb/mnist/",
]

#: key -> (file name, SHA-256, MD5) of the four original files.
FILES = {
    "train_img": ("train-images-idx3-ubyte.gz",
                  "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
                  "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
    "train_label": ("train-labels-idx1-ubyte.gz",
                    "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
                    "d53e105ee54ea40749a09fcbcd1e9432"),
    "test_img": ("t10k-images-idx3-ubyte.gz",
                 "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
                 "9fb629c4189551a2d022fa330f9573f3"),
    "test_label": ("t10k-labels-idx1-ubyte.gz",
                   "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
                   "ec29112dd5afa0611ce80d1b7f02629c"),
}

NPZ_NAME = "mnist.npz"

# IDX type codes (the third byte of the magic number) -> big-endian NumPy dtypes
_IDX_DTYPES = {0x08: np.dtype(">u1"), 0x09: np.dtype(">i1"), 0x0B: np.dtype(">i2"),
               0x0C: np.dtype(">i4"), 0x0D: np.dtype(">f4"), 0x0E: np.dtype(">f8")}


class ChecksumError(ValueError):
    """A file's SHA-256 or MD5 is not the published one."""


class DownloadError(OSError):
    """No mirror delivered a file with the right checksums."""


# ----------------------------------------------------------------------------- files
def default_cache_dir() -> Path:
    """``$DLCOURSE_DATA/mnist``, else ``$XDG_CACHE_HOME/dlcourse/mnist`` (``~/.cache/…``)."""
    if os.environ.get("DLCOURSE_DATA"):
        return Path(os.environ["DLCOURSE_DATA"]).expanduser() / "mnist"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / "dlcourse" / "mnist"


def _mirrors() -> list[str]:
    env = os.environ.get("DLCOURSE_MNIST_MIRRORS", "").strip()
    urls = re.split(r"[\s,]+", env) if env else list(MIRRORS)
    return [u if u.endswith("/") else u + "/" for u in urls if u]


def _fetch(url: str, timeout: float = 60.0) -> bytes:
    """The only function that touches the network (tests replace it)."""
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 — https/http mirrors only
        return response.read()


def verify_checksums(data: bytes, key: str, source: str = "") -> None:
    """Raise :class:`ChecksumError` unless ``data`` has the SHA-256 and MD5 of ``FILES[key]``."""
    name, sha256, md5 = FILES[key]
    where = f" from {source}" if source else ""
    for algorithm, expected in (("sha256", sha256), ("md5", md5)):
        if not expected:
            continue
        got = hashlib.new(algorithm, data).hexdigest()
        if got != expected.lower():
            raise ChecksumError(
                f"{name}{where}: {algorithm.upper()} is {got}, expected {expected} — the file is "
                "corrupt or not the original MNIST file; it was not kept in the cache.")


def download(key: str, cache_dir: str | Path | None = None, mirrors: list[str] | None = None) -> Path:
    """The verified file ``FILES[key]`` in the cache, downloaded first if it is not there.

    A cached file with a wrong checksum is downloaded again. Mirrors are tried in order; a
    mirror that fails or serves a file with the wrong checksum is skipped.
    """
    name = FILES[key][0]
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    path = cache / name
    if path.is_file():
        try:
            verify_checksums(path.read_bytes(), key, str(path))
            return path
        except ChecksumError:
            path.unlink()  # a truncated or replaced file: fetch it again
    problems = []
    for base in (mirrors if mirrors is not None else _mirrors()):
        url = base + name
        try:
            data = _fetch(url)
            verify_checksums(data, key, url)
        except ChecksumError as exc:
            problems.append(exc)
            continue
        except OSError as exc:  # URLError, HTTPError, timeouts, refused connections
            problems.append(exc)
            continue
        cache.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache, prefix=name + ".", suffix=".part")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)  # never leave a half-written file under the real name
        return path
    if problems and all(isinstance(p, ChecksumError) for p in problems):
        raise ChecksumError("; ".join(str(p) for p in problems))
    details = "; ".join(f"{type(p).__name__}: {p}" for p in problems) or "no mirror configured"
    raise DownloadError(f"could not download {name} ({details}). Set DLCOURSE_MNIST_MIRRORS to a "
                        "mirror you can reach, or place the file in " + str(cache))


# ----------------------------------------------------------------------------- parsing
def parse_idx(data: bytes) -> np.ndarray:
    """Parse an IDX file (already un-gzipped): magic ``0 0 type ndim``, ``ndim`` big-endian
    uint32 sizes, then the values in C order. Returns an array in native byte order."""
    if len(data) < 4 or data[0] != 0 or data[1] != 0:
        raise ValueError("not an IDX file: the magic number must start with two zero bytes")
    code, ndim = data[2], data[3]
    if code not in _IDX_DTYPES:
        raise ValueError(f"not an IDX file: unknown type code 0x{code:02x}")
    header = 4 + 4 * ndim
    if len(data) < header:
        raise ValueError("IDX file truncated inside its header")
    shape = tuple(int(s) for s in np.frombuffer(data, dtype=">u4", count=ndim, offset=4))
    dtype = _IDX_DTYPES[code]
    count = int(np.prod(shape, dtype=np.int64))
    if len(data) - header != count * dtype.itemsize:
        raise ValueError(f"IDX file of shape {shape} should hold {count * dtype.itemsize} bytes of "
                         f"data, holds {len(data) - header}")
    values = np.frombuffer(data, dtype=dtype, count=count, offset=header)
    return values.astype(dtype.newbyteorder("="), copy=True).reshape(shape)


def _load_raw(cache: Path) -> dict[str, np.ndarray]:
    """``{train_img, train_label, test_img, test_label}`` as uint8, from the npz cache or the gz files."""
    npz = cache / NPZ_NAME
    if npz.is_file():
        try:
            with np.load(npz) as stored:
                raw = {key: stored[key] for key in FILES}
            return raw
        except (OSError, KeyError, ValueError, zipfile.BadZipFile):
            pass  # an unreadable cache is rebuilt from the verified gz files
    raw = {}
    for key in FILES:
        path = download(key, cache)
        raw[key] = parse_idx(gzip.decompress(path.read_bytes()))
    for split in ("train", "test"):
        n_img, n_lab = len(raw[f"{split}_img"]), len(raw[f"{split}_label"])
        if n_img != n_lab:
            raise ValueError(f"{split}: {n_img} images but {n_lab} labels")
    fd, tmp = tempfile.mkstemp(dir=cache, prefix="mnist.", suffix=".npz")
    with os.fdopen(fd, "wb") as out:
        np.savez_compressed(out, **raw)
    os.replace(tmp, npz)
    return raw


def _one_hot(labels: np.ndarray, n_classes: int = 10) -> np.ndarray:
    out = np.zeros((labels.size, n_classes))
    out[np.arange(labels.size), labels] = 1.0
    return out


def load_mnist(normalize: bool = True, flatten: bool = True, one_hot_label: bool = False,
               cache_dir: str | Path | None = None):
    """The MNIST data set, as in the book: ``(x_train, t_train), (x_test, t_test)``.

    normalize:     pixels as float32 in [0, 1] (else uint8 0–255)
    flatten:       images as rows ``(N, 784)`` (else ``(N, 1, 28, 28)``, NCHW)
    one_hot_label: labels as one-hot rows ``(N, 10)`` (else integer labels ``(N,)``)
    cache_dir:     where the files are kept (see :func:`default_cache_dir`)
    """
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    raw = _load_raw(cache)
    out = []
    for split in ("train", "test"):
        x, t = raw[f"{split}_img"], raw[f"{split}_label"].astype(np.int64)
        x = x.astype(np.float32) / 255.0 if normalize else x.copy()
        n, rows, cols = x.shape
        x = x.reshape(n, rows * cols) if flatten else x.reshape(n, 1, rows, cols)
        out.append((x, _one_hot(t) if one_hot_label else t))
    return tuple(out)
