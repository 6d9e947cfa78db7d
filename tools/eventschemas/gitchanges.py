"""Everything that touches git (through GitPython) lives in this module."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eventschemas.errors import GitError


def _open(path: Path) -> Any:
    import git  # GitPython is slow to import; only commands that need git pay.

    try:
        return git.Repo(path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise GitError(
            f"{path} is not inside a git work tree; --modified needs git "
            "(run `git init`, or name the files to materialize instead)"
        ) from None


def changed_files(path: Path) -> list[Path]:
    """Files changed in the work tree or the index, plus untracked files.

    Deleted files are left out: there is nothing to materialize from them.
    """
    repo = _open(path)
    top = Path(repo.working_tree_dir).resolve()
    names: set[str] = set()
    for diff in repo.index.diff(None):  # work tree vs index (unstaged)
        if not diff.deleted_file:
            names.add(diff.b_path or diff.a_path)
    names.update(_staged(repo))
    names.update(repo.untracked_files)
    return sorted(top / name for name in names)


def _staged(repo: Any) -> set[str]:
    if not repo.head.is_valid():
        # No commit yet: everything in the index is new.
        return {path for path, _stage in repo.index.entries}
    return {
        diff.b_path or diff.a_path
        for diff in repo.index.diff("HEAD", R=True)
        if not diff.deleted_file
    }
