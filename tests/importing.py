"""Helpers for tests of `import_content`: write JSON Lines, run the command, read its output."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def write_jsonl(tmp_path, *lines, name="content.jsonl"):
    """A file of the given lines: dicts become JSON, strings are written as they are."""
    path = tmp_path / name
    path.write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n",
        encoding="utf-8",
    )
    return path


def run_import(*paths, expect_failure=False):
    """(stdout, stderr) of `import_content`; with `expect_failure`, it must exit with status 1."""
    out, err = StringIO(), StringIO()
    if expect_failure:
        with pytest.raises(CommandError) as raised:
            call_command("import_content", *map(str, paths), stdout=out, stderr=err)
        assert raised.value.returncode == 1
    else:
        call_command("import_content", *map(str, paths), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()
