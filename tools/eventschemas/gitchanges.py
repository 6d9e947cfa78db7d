"""Everything that touches git (through GitPython) lives in this module."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from msgspec import Struct

from eventschemas.errors import GitError

ChangeKind = Literal["added", "modified", "deleted", "renamed"]
_STATUS: dict[str, ChangeKind] = {
    "A": "added",
    "M": "modified",
    "D": "deleted",
    "R": "renamed",
    "T": "modified",
    "C": "added",
}


def _open(path: Path) -> Any:
    import git  # GitPython is slow to import; only commands that need git pay.

    try:
        return git.Repo(path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise GitError(
            f"{path} is not inside a git work tree; this command needs git "
            "(run it in a clone of the schema repository)"
        ) from None


def changed_files(path: Path) -> list[Path]:
    """Files changed in the work tree or the index, plus untracked files.

    Deleted files are left out: there is nothing to materialize from them.
    """
    with _open(path) as repo:
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


class FileChange(Struct, frozen=True):
    """One changed path between the merge base and the work tree."""

    kind: ChangeKind
    path: str  # path after the change (the old path for a deletion)
    old_path: str | None = None  # for renames


class BaseSnapshot(Struct, frozen=True):
    """The merge base of HEAD and the base ref, and how to read files there."""

    ref: str
    commit: str
    top: Path
    _repo: Any

    def read(self, path: str) -> bytes | None:
        """A file's bytes at the merge base (a symlink's target), or None."""
        try:
            blob = self._repo.commit(self.commit).tree / path
        except KeyError:
            return None
        data: bytes = blob.data_stream.read()
        return data

    def close(self) -> None:
        """Stop the git helper processes GitPython keeps running."""
        self._repo.close()

    def files_under(self, prefix: str) -> list[str]:
        """Every file path at the merge base under the directory `prefix`."""
        # git's own tree walk: GitPython's object-by-object traversal costs
        # seconds on a tree of tens of thousands of files.
        listing = self._repo.git.ls_tree(
            "-r", "--name-only", "-z", self.commit, "--", prefix.rstrip("/") + "/"
        )
        return [name for name in listing.split("\0") if name]


def default_base_refs() -> list[str]:
    """Candidate base refs, from CI variables first, then origin/main and main."""
    candidates = []
    for variable in ("GITHUB_BASE_REF", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME"):
        value = os.environ.get(variable)
        if value:
            candidates += [f"origin/{value}", value]
    return [*candidates, "origin/main", "main"]


def open_base(path: Path, ref: str | None) -> BaseSnapshot:
    """Find the merge base of HEAD and `ref` (or the first default that exists)."""
    repo = _open(path)
    candidates = [ref] if ref else default_base_refs()
    for candidate in candidates:
        commit = _resolve(repo, candidate)
        if commit is not None:
            try:
                return _merge_base(repo, candidate, commit)
            except GitError:
                repo.close()
                raise
    repo.close()
    raise GitError(
        f"no base to compare with: none of {', '.join(candidates)} exists; "
        "pass --base REF (and fetch it first if this is a CI clone)"
    )


def _resolve(repo: Any, ref: str) -> Any:
    import git

    try:
        return repo.commit(ref)
    except (git.BadName, ValueError, git.GitCommandError):
        return None


def _merge_base(repo: Any, ref: str, commit: Any) -> BaseSnapshot:
    bases = repo.merge_base(commit, repo.head.commit)
    if not bases:
        shallow = repo.git.rev_parse("--is-shallow-repository").strip() == "true"
        if shallow:
            remote, _, branch = (
                ref.partition("/") if "/" in ref else ("origin", "", ref)
            )
            raise GitError(
                f"this clone is shallow and lacks the merge base with {ref}; run "
                f"`git fetch --unshallow {remote} {branch or ref}` (or check out "
                "with fetch-depth: 0) and retry"
            )
        raise GitError(f"HEAD and {ref} have no common history; pass the right --base")
    top = Path(repo.working_tree_dir).resolve()
    return BaseSnapshot(ref, bases[0].hexsha, top, repo)


def changes_since(base: BaseSnapshot) -> list[FileChange]:
    """Changed paths from the merge base to the work tree, untracked files included."""
    repo = base._repo
    raw = repo.git.diff("--name-status", "-M", "-z", "--no-ext-diff", base.commit)
    changes = _parse_name_status(raw)
    seen = {c.path for c in changes}
    # Only new files the repository does not ignore; listed by git itself, which
    # is much cheaper than a full `git status` on a large tree.
    untracked = repo.git.ls_files("--others", "--exclude-standard", "-z")
    for name in untracked.split("\0"):
        if name and name not in seen:
            changes.append(FileChange("added", name))
    return sorted(changes, key=lambda c: c.path)


def _parse_name_status(raw: str) -> list[FileChange]:
    parts = raw.split("\0")
    changes = []
    index = 0
    while index < len(parts) and parts[index]:
        status = parts[index]
        code = status[0]
        if code in ("R", "C"):
            old, new = parts[index + 1], parts[index + 2]
            kind = _STATUS[code]
            changes.append(FileChange(kind, new, old if code == "R" else None))
            index += 3
        else:
            changes.append(FileChange(_STATUS.get(code, "modified"), parts[index + 1]))
            index += 2
    return changes
