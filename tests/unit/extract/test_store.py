"""replace_directory: the data directory's copy keeps links as links and the folder is swapped whole."""

import shutil

from analysis import paths
from analysis.extract.store import replace_directory


def _copy_bundled_data(tmp_path):
    out = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, out)
    return out


def test_a_link_loop_in_the_data_directory_is_copied_as_a_link_never_followed(tmp_path):
    out = _copy_bundled_data(tmp_path)
    (out / "up").symlink_to("..")
    written = []
    replace_directory(out, lambda tmp: written.append(sorted(p.name for p in tmp.iterdir())), start_from_existing=True)
    assert (out / "up").is_symlink() and (out / "up").readlink().as_posix() == ".."
    assert "up" in written[0] and (out / "incidents.csv").is_file()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".data.")] in ([], [".data.lock"])
