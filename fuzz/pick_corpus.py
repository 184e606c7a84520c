#!/usr/bin/env python3
"""Picks a small seed corpus covering every edge a big corpus covers.

    pick_corpus.py FUZZ_BINARY IN_DIR OUT_DIR [MAX_FILES [MAX_LEN]]

libFuzzer's -merge keeps, smallest first, every file that adds a feature
(or, with -use_counters=0 -use_cmp=0, an edge): about a thousand files for a
grown corpus. This script does that merge first, then measures each kept
file's own edges (one -merge run per file; a control file lists only the
edges new to its run) and greedily picks the file adding the most edges not
yet covered (the smaller on a tie) until every edge is covered or MAX_FILES
(default 200) are picked. Inputs are read up to MAX_LEN bytes (default
4096, the front-end targets' -max_len; the JIT targets take 65536). About 520 files cover all ~5,000 edges of
lowered_ast; the first 200 cover 92% of them.
The picked files are copied into OUT_DIR, named by their SHA-1 as libFuzzer
names corpus files.
"""
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile

FLAGS = ["-merge=1", "-use_counters=0", "-use_cmp=0"]
MAX_LEN = 4096


def edges(binary, dirs, control):
    """Runs a merge of dirs[1:] into dirs[0]; returns {file: edges} as the
    control file records them (each file's edges not seen before)."""
    if os.path.exists(control):
        os.remove(control)  # libFuzzer would resume an existing one
    subprocess.run(
        [binary, *FLAGS, f"-max_len={MAX_LEN}", f"-merge_control_file={control}", *dirs],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
    )
    lines = open(control).read().splitlines()
    n = int(lines[0])
    paths = lines[2 : 2 + n]
    found = {}
    for line in lines[2 + n :]:
        parts = line.split()
        if parts and parts[0] == "COV":
            found[paths[int(parts[1])]] = set(parts[2:])
    return found


def main():
    binary, src, out = sys.argv[1], sys.argv[2], sys.argv[3]
    limit = int(sys.argv[4]) if len(sys.argv) > 4 else 200
    global MAX_LEN
    MAX_LEN = int(sys.argv[5]) if len(sys.argv) > 5 else MAX_LEN
    with tempfile.TemporaryDirectory() as tmp:
        merged = os.path.join(tmp, "merged")
        os.mkdir(merged)
        edges(binary, [merged, src], os.path.join(tmp, "control"))
        names = sorted(os.listdir(merged))
        cov, size = {}, {}
        for name in names:
            one, empty = os.path.join(tmp, "one"), os.path.join(tmp, "empty")
            shutil.rmtree(one, ignore_errors=True)
            shutil.rmtree(empty, ignore_errors=True)
            os.mkdir(one)
            os.mkdir(empty)
            path = os.path.join(merged, name)
            shutil.copyfile(path, os.path.join(one, name))
            found = edges(binary, [empty, one], os.path.join(tmp, "control1"))
            cov[name] = set().union(*found.values()) if found else set()
            size[name] = os.path.getsize(path)
        todo = set().union(*cov.values()) if cov else set()
        total = len(todo)
        picked = []
        while todo and len(picked) < limit:
            best = max(names, key=lambda f: (len(cov[f] & todo), -size[f], f))
            gain = cov[best] & todo
            if not gain:
                break
            picked.append(best)
            todo -= gain
        os.makedirs(out, exist_ok=True)
        for name in picked:
            data = open(os.path.join(merged, name), "rb").read()
            with open(os.path.join(out, hashlib.sha1(data).hexdigest()), "wb") as f:
                f.write(data)
        print(
            f"{len(names)} files after the merge; picked {len(picked)} "
            f"({sum(size[f] for f in picked)} bytes) covering {total - len(todo)}/{total} edges"
        )


if __name__ == "__main__":
    main()
