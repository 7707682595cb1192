"""course.mnist on a tiny IDX fixture made here: no test touches the network.

The fixture writes a few 28×28 images and their labels in IDX format, gzips them, and
serves them through a fake ``course.mnist._fetch`` (the loader's only network call); the
checksum table ``FILES`` is pointed at the fixture's own SHA-256 / MD5 sums. Any real
socket connection fails the test.
"""
from __future__ import annotations

import gzip
import hashlib
import socket
import struct
import urllib.error

import numpy as np
import pytest

from course import mnist

N_TRAIN, N_TEST = 5, 3


def idx_bytes(array: np.ndarray, code: int = 0x08) -> bytes:
    """An IDX file: magic (0, 0, type code, ndim), the sizes as big-endian uint32, the data."""
    dtype = {0x08: ">u1", 0x0C: ">i4", 0x0D: ">f4"}[code]
    header = struct.pack(">BBBB", 0, 0, code, array.ndim) + struct.pack(f">{array.ndim}I", *array.shape)
    return header + np.ascontiguousarray(array, dtype=dtype).tobytes()


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Fail loudly if anything tries to open a connection."""
    def refuse(*args, **kwargs):
        raise AssertionError("a test tried to use the network")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.delenv("DLCOURSE_MNIST_MIRRORS", raising=False)


@pytest.fixture
def fixture(monkeypatch):
    """The tiny data set, its gz files, a fake mirror serving them, and a call log."""
    rng = np.random.default_rng(0)
    arrays = {
        "train_img": rng.integers(0, 256, size=(N_TRAIN, 28, 28), dtype=np.uint8),
        "train_label": np.array([3, 0, 9, 1, 4], dtype=np.uint8),
        "test_img": rng.integers(0, 256, size=(N_TEST, 28, 28), dtype=np.uint8),
        "test_label": np.array([7, 2, 5], dtype=np.uint8),
    }
    arrays["train_img"][0, 0, 0], arrays["train_img"][0, 0, 1] = 0, 255  # both ends of the range
    files, blobs = {}, {}
    for key, (name, _, _) in mnist.FILES.items():
        blob = gzip.compress(idx_bytes(arrays[key]))
        blobs[name] = blob
        files[key] = (name, hashlib.sha256(blob).hexdigest(), hashlib.md5(blob).hexdigest())
    monkeypatch.setattr(mnist, "FILES", files)
    mirror = "https://mirror.invalid/mnist/"
    monkeypatch.setattr(mnist, "MIRRORS", [mirror])
    calls = []

    def fake_fetch(url, timeout=60.0):
        calls.append(url)
        assert url.startswith(mirror), url
        return blobs[url[len(mirror):]]

    monkeypatch.setattr(mnist, "_fetch", fake_fetch)
    return {"arrays": arrays, "blobs": blobs, "calls": calls, "mirror": mirror, "fetch": fake_fetch}


# ----------------------------------------------------------------------------- parse_idx
def test_parse_idx_images_and_labels():
    images = np.arange(2 * 28 * 28, dtype=np.int64).reshape(2, 28, 28) % 256
    parsed = mnist.parse_idx(idx_bytes(images))
    assert parsed.shape == (2, 28, 28) and parsed.dtype == np.uint8
    np.testing.assert_array_equal(parsed, images)
    labels = mnist.parse_idx(idx_bytes(np.array([1, 2, 3])))
    np.testing.assert_array_equal(labels, [1, 2, 3])


def test_parse_idx_big_endian_types():
    ints = np.array([[1, -2], [70000, 3]])
    parsed = mnist.parse_idx(idx_bytes(ints, code=0x0C))
    assert parsed.dtype == np.int32 and parsed.dtype.byteorder in "=|<" and parsed.shape == (2, 2)
    np.testing.assert_array_equal(parsed, ints)
    floats = np.array([0.5, -1.25, 3.0])
    np.testing.assert_array_equal(mnist.parse_idx(idx_bytes(floats, code=0x0D)), floats)


@pytest.mark.parametrize("data, message", [
    (b"\x01\x00\x08\x01\x00\x00\x00\x01\x05", "magic"),
    (b"\x00\x00\x07\x01\x00\x00\x00\x01\x05", "type code"),
    (b"\x00\x00\x08\x03\x00\x00", "header"),
    (b"\x00\x00\x08\x01\x00\x00\x00\x04\x05\x06", "should hold 4 bytes"),
])
def test_parse_idx_rejects_bad_files(data, message):
    with pytest.raises(ValueError, match=message):
        mnist.parse_idx(data)


# ----------------------------------------------------------------------------- load_mnist
def test_load_mnist_default_options(fixture, tmp_path):
    (x_train, t_train), (x_test, t_test) = mnist.load_mnist(cache_dir=tmp_path)
    assert x_train.shape == (N_TRAIN, 784) and x_test.shape == (N_TEST, 784)
    assert x_train.dtype == np.float32 and 0.0 <= x_train.min() and x_train.max() <= 1.0
    assert x_train[0, 0] == 0.0 and x_train[0, 1] == 1.0
    np.testing.assert_allclose(x_train[2], fixture["arrays"]["train_img"][2].reshape(-1) / 255.0, rtol=1e-6)
    np.testing.assert_array_equal(t_train, [3, 0, 9, 1, 4])
    np.testing.assert_array_equal(t_test, [7, 2, 5])
    assert t_train.shape == (N_TRAIN,)


def test_load_mnist_raw_images_in_nchw(fixture, tmp_path):
    (x_train, _), (x_test, _) = mnist.load_mnist(normalize=False, flatten=False, cache_dir=tmp_path)
    assert x_train.shape == (N_TRAIN, 1, 28, 28) and x_test.shape == (N_TEST, 1, 28, 28)
    assert x_train.dtype == np.uint8
    np.testing.assert_array_equal(x_train[:, 0], fixture["arrays"]["train_img"])
    np.testing.assert_array_equal(x_test[:, 0], fixture["arrays"]["test_img"])


def test_load_mnist_one_hot_labels(fixture, tmp_path):
    (_, t_train), (_, t_test) = mnist.load_mnist(one_hot_label=True, cache_dir=tmp_path)
    assert t_train.shape == (N_TRAIN, 10) and t_test.shape == (N_TEST, 10)
    np.testing.assert_array_equal(t_train.sum(axis=1), 1.0)
    np.testing.assert_array_equal(t_train.argmax(axis=1), [3, 0, 9, 1, 4])
    np.testing.assert_array_equal(t_test.argmax(axis=1), [7, 2, 5])


# ----------------------------------------------------------------------------- cache
def test_downloads_once_then_reads_the_cache(fixture, tmp_path, monkeypatch):
    first = mnist.load_mnist(cache_dir=tmp_path)
    assert sorted(fixture["calls"]) == sorted(fixture["mirror"] + name for name in fixture["blobs"])
    assert (tmp_path / mnist.NPZ_NAME).is_file()
    for name, blob in fixture["blobs"].items():
        assert (tmp_path / name).read_bytes() == blob

    def offline(url, timeout=60.0):
        raise AssertionError("the cache should have been used")

    monkeypatch.setattr(mnist, "_fetch", offline)
    second = mnist.load_mnist(cache_dir=tmp_path)
    for (a, b), (c, d) in zip(first, second):
        np.testing.assert_array_equal(a, c)
        np.testing.assert_array_equal(b, d)
    assert not list(tmp_path.glob("*.part")), "no temporary file may be left behind"


def test_rebuilds_a_broken_npz_from_the_verified_files(fixture, tmp_path):
    mnist.load_mnist(cache_dir=tmp_path)
    (tmp_path / mnist.NPZ_NAME).write_bytes(b"not a zip file")
    n_calls = len(fixture["calls"])
    (x_train, _), _ = mnist.load_mnist(normalize=False, cache_dir=tmp_path)
    assert len(fixture["calls"]) == n_calls, "the gz files were cached: no new download"
    np.testing.assert_array_equal(x_train.reshape(N_TRAIN, 28, 28), fixture["arrays"]["train_img"])


def test_a_corrupted_cached_file_is_downloaded_again(fixture, tmp_path):
    name = mnist.FILES["test_label"][0]
    (tmp_path / name).write_bytes(b"truncated")
    path = mnist.download("test_label", tmp_path)
    assert path.read_bytes() == fixture["blobs"][name]
    assert fixture["calls"] == [fixture["mirror"] + name]


def test_default_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DLCOURSE_DATA", str(tmp_path / "data"))
    assert mnist.default_cache_dir() == tmp_path / "data" / "mnist"
    monkeypatch.delenv("DLCOURSE_DATA")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert mnist.default_cache_dir() == tmp_path / "xdg" / "dlcourse" / "mnist"


# ----------------------------------------------------------------------------- checksums, mirrors
def test_checksum_mismatch_raises_and_caches_nothing(fixture, tmp_path, monkeypatch):
    def corrupt(url, timeout=60.0):
        data = bytearray(fixture["fetch"](url))
        data[-1] ^= 0xFF
        return bytes(data)

    monkeypatch.setattr(mnist, "_fetch", corrupt)
    with pytest.raises(mnist.ChecksumError, match="SHA256 is .* expected"):
        mnist.load_mnist(cache_dir=tmp_path)
    assert not any(p.name.endswith(".gz") for p in tmp_path.iterdir())
    assert not (tmp_path / mnist.NPZ_NAME).exists()


def test_md5_is_checked_too(fixture, tmp_path, monkeypatch):
    name, sha256, _ = mnist.FILES["train_label"]
    monkeypatch.setitem(mnist.FILES, "train_label", (name, sha256, "0" * 32))
    with pytest.raises(mnist.ChecksumError, match="MD5"):
        mnist.download("train_label", tmp_path)


def test_falls_back_to_the_next_mirror(fixture, tmp_path, monkeypatch):
    dead, good = "https://dead.invalid/", fixture["mirror"]
    monkeypatch.setattr(mnist, "MIRRORS", [dead, good])
    tried = []

    def flaky(url, timeout=60.0):
        tried.append(url)
        if url.startswith(dead):
            raise urllib.error.URLError("connection refused")
        return fixture["fetch"](url)

    monkeypatch.setattr(mnist, "_fetch", flaky)
    path = mnist.download("train_img", tmp_path)
    assert path.read_bytes() == fixture["blobs"][path.name]
    assert tried == [dead + path.name, good + path.name]


def test_mirrors_from_the_environment(fixture, tmp_path, monkeypatch):
    monkeypatch.setattr(mnist, "MIRRORS", ["https://not-this-one.invalid/"])
    monkeypatch.setenv("DLCOURSE_MNIST_MIRRORS", fixture["mirror"].rstrip("/"))
    mnist.download("test_img", tmp_path)
    assert fixture["calls"] == [fixture["mirror"] + mnist.FILES["test_img"][0]]


def test_no_mirror_reachable(fixture, tmp_path, monkeypatch):
    def down(url, timeout=60.0):
        raise urllib.error.URLError("no route to host")

    monkeypatch.setattr(mnist, "_fetch", down)
    with pytest.raises(mnist.DownloadError, match="could not download train-images"):
        mnist.download("train_img", tmp_path)
