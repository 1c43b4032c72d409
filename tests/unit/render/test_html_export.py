"""The shared plotly.js: installed once per output folder, safely when workers install it at the same moment."""

import threading

from analysis.render.html_export import install_plotly_js, plotly_js_filename


def test_workers_installing_plotly_js_at_the_same_moment_do_not_fail(tmp_path):
    """Two workers once copied into the same temporary name: the second rename failed and failed its job."""
    target = tmp_path / "assets" / plotly_js_filename()
    for _ in range(3):
        target.unlink(missing_ok=True)
        start, errors = threading.Barrier(3), []

        def install(start=start, errors=errors):
            start.wait()
            try:
                install_plotly_js(tmp_path)
            except Exception as exc:  # collected for the assertion below
                errors.append(exc)

        threads = [threading.Thread(target=install) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors, errors
        assert [p.name for p in target.parent.iterdir()] == [target.name]
        assert target.stat().st_size > 1_000_000
