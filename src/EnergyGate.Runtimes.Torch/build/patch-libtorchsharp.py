#!/usr/bin/env python3
"""Makes TorchSharp's libLibTorchSharp.so load on systems whose libstdc++ predates GCC 13.

libLibTorchSharp.so 0.107.0 asks for GLIBCXX_3.4.32 for one symbol, _ZSt21ios_base_library_initv
(GCC 13's hook that initializes the standard streams). Debian 12 ships GCC 12's libstdc++
(GLIBCXX_3.4.30). This writes a patched copy in which that version need names GLIBCXX_3.4.30, plus a
NEEDED entry for a small shim library that defines the symbol (compiled here with g++/gcc), as
described in shared/docs/platform.md. The build patches portable outputs only where the system
libstdc++ lacks 3.4.32, and linux-x64 publish/package outputs always (they run on other machines:
the patched library loads with GCC 12's libstdc++ and with newer ones, see glibcxx_shim.cpp). The shim
must ask for no symbol version the patched library does not already ask for, so that building it on
a newer system cannot raise what the output needs; 'patch' checks that. Checked: an installed
linux-x64 package generates with torch on Debian 12 (GCC 12 libstdc++, glibc 2.36) and under Debian
13's libstdc++ (GCC 14) and glibc 2.41, where the loader takes the shim beside the library.

Usage: patch-libtorchsharp.py check
       patch-libtorchsharp.py patch SOURCE_SO OUT_DIR SHIM_SOURCE
'check' prints 'needed' or 'not-needed'. 'patch' writes OUT_DIR/libLibTorchSharp.so and the shim.
Exit code 2 with a message starting 'EG2031:' when it cannot.
"""
import glob
import os
import shutil
import struct
import subprocess
import sys

SHIM_NAME = "libenergygate_glibcxx_shim.so"
WANTED, REPLACEMENT = b"GLIBCXX_3.4.32", b"GLIBCXX_3.4.30"
DT_NULL, DT_NEEDED, DT_STRTAB, DT_RPATH, DT_SYMBOLIC, DT_FLAGS, DT_RUNPATH = 0, 1, 5, 15, 16, 30, 29
DF_SYMBOLIC = 0x2
SHT_DYNSYM, SHT_DYNAMIC, SHT_VERNEED = 11, 6, 0x6FFFFFFE


class PatchError(Exception):
    pass


def elf_hash(name):
    h = 0
    for c in name:
        h = ((h << 4) + c) & 0xFFFFFFFF
        g = h & 0xF0000000
        if g:
            h ^= g >> 24
        h &= ~g & 0xFFFFFFFF
    return h


def system_libstdcxx():
    """The libstdc++.so.6 the dynamic loader would pick for a 64-bit process."""
    try:
        out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=False).stdout
        for line in out.splitlines():
            if line.strip().startswith("libstdc++.so.6 ") and "x86-64" in line or "AArch64" in line:
                path = line.rsplit("=>", 1)[-1].strip()
                if os.path.exists(path):
                    return path
    except OSError:
        pass
    for pattern in ["/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
                    "/usr/lib64/libstdc++.so.6", "/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6"]:
        for path in glob.glob(pattern):
            return path
    return None


def needs_patch():
    path = system_libstdcxx()
    if path is None:
        return False  # No system libstdc++ found: nothing we could patch against.
    with open(path, "rb") as f:
        return WANTED + b"\0" not in f.read()


def cstr(data, offset):
    return data[offset:data.index(b"\0", offset)]


def patch_elf(data):
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise PatchError("not a 64-bit little-endian ELF file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    by_type = {}
    for s in sections:
        by_type.setdefault(s[1], s)
    if SHT_DYNAMIC not in by_type or SHT_VERNEED not in by_type or SHT_DYNSYM not in by_type:
        raise PatchError("no .dynamic, .dynsym or .gnu.version_r section")
    dynamic = by_type[SHT_DYNAMIC]
    strtab_off = sections[dynamic[6]][4]
    strtab_size = sections[dynamic[6]][5]

    def name(offset):
        return cstr(data, strtab_off + offset)

    # Every string offset something points at, so that reusing bytes breaks no other name.
    references = []
    entries = []
    for i in range(dynamic[5] // 16):
        tag, val = struct.unpack_from("<qQ", data, dynamic[4] + i * 16)
        entries.append((dynamic[4] + i * 16, tag, val))
        if tag in (DT_NEEDED, 14, DT_RPATH, DT_RUNPATH):  # 14 = DT_SONAME
            references.append(val)
    dynsym = by_type[SHT_DYNSYM]
    for i in range(dynsym[5] // 24):
        references.append(struct.unpack_from("<I", data, dynsym[4] + i * 24)[0])

    verneed = by_type[SHT_VERNEED]
    offset, target, replacement_name = verneed[4], None, None
    for _ in range(verneed[7]):  # sh_info: number of entries
        _, cnt, vn_file, vn_aux, vn_next = struct.unpack_from("<HHIII", data, offset)
        references.append(vn_file)
        aux = offset + vn_aux
        for _ in range(cnt):
            _, _, _, vna_name, vna_next = struct.unpack_from("<IHHII", data, aux)
            references.append(vna_name)
            if name(vn_file) == b"libstdc++.so.6":
                if name(vna_name) == WANTED:
                    target = aux
                elif name(vna_name) == REPLACEMENT:
                    replacement_name = vna_name
            aux += vna_next
        offset += vn_next
    if target is None:
        return None  # Already patched, or a TorchSharp that no longer needs it.
    if replacement_name is None:
        raise PatchError("libstdc++.so.6 needs no GLIBCXX_3.4.30 entry to reuse")

    out = bytearray(data)
    struct.pack_into("<I", out, target, elf_hash(REPLACEMENT))
    struct.pack_into("<I", out, target + 8, replacement_name)

    # The shim's name goes into the RUNPATH string after "$ORIGIN/": the rest of that string names
    # folders of TorchSharp's build machine, which exist on no user machine.
    runpath = next((e for e in entries if e[1] in (DT_RUNPATH, DT_RPATH)), None)
    if runpath is None or not name(runpath[2]).startswith(b"$ORIGIN"):
        raise PatchError("no RUNPATH starting with $ORIGIN")
    keep = name(runpath[2]).split(b":")[0]
    shim_at = runpath[2] + len(keep) + 1
    end = shim_at + len(SHIM_NAME) + 1
    if end > runpath[2] + len(name(runpath[2])) + 1 or end > strtab_size:
        raise PatchError("RUNPATH string too short to hold the shim's name")
    if any(shim_at - len(keep) - 1 < r < end for r in references if r != runpath[2]):
        raise PatchError("RUNPATH bytes are shared with another name")
    out[strtab_off + runpath[2] + len(keep)] = 0
    out[strtab_off + shim_at:strtab_off + end] = SHIM_NAME.encode() + b"\0"

    # A dynamic entry for the NEEDED: spare DT_NULL padding, else DT_SYMBOLIC when DT_FLAGS says the same.
    nulls = [e for e in entries if e[1] == DT_NULL]
    flags = next((e[2] for e in entries if e[1] == DT_FLAGS), 0)
    symbolic = next((e for e in entries if e[1] == DT_SYMBOLIC), None)
    if len(nulls) >= 2:
        slot = nulls[0]
    elif symbolic is not None and flags & DF_SYMBOLIC:
        slot = symbolic
    else:
        raise PatchError("no spare dynamic entry for the shim's NEEDED")
    struct.pack_into("<qQ", out, slot[0], DT_NEEDED, shim_at)
    return bytes(out)


def version_needs(data):
    """The (library, version) pairs in an ELF file's .gnu.version_r, e.g. (b'libc.so.6', b'GLIBC_2.2.5')."""
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    needs = set()
    for section in (s for s in sections if s[1] == SHT_VERNEED):
        strtab = sections[section[6]][4]
        offset = section[4]
        for _ in range(section[7]):
            _, cnt, vn_file, vn_aux, vn_next = struct.unpack_from("<HHIII", data, offset)
            aux = offset + vn_aux
            for _ in range(cnt):
                _, _, _, vna_name, vna_next = struct.unpack_from("<IHHII", data, aux)
                needs.add((cstr(data, strtab + vn_file), cstr(data, strtab + vna_name)))
                aux += vna_next
            offset += vn_next
    return needs


def check_shim_needs(shim, patched):
    with open(shim, "rb") as f:
        extra = version_needs(f.read()) - version_needs(patched)
    if extra:
        names = ", ".join(f"{v.decode()} ({lib.decode()})" for lib, v in sorted(extra))
        raise PatchError(f"the shim built here needs {names}, which the patched library does not; "
                         "build on a system with an older toolchain (Debian 12's GCC 12 works)")


def compile_shim(source, output):
    compiler = shutil.which("g++") or shutil.which("c++")
    if compiler is None:
        raise PatchError("no C++ compiler to build the shim; install g++ (Debian: apt-get install g++)")
    result = subprocess.run([compiler, "-shared", "-fPIC", "-O2", "-o", output, source], capture_output=True, text=True)
    if result.returncode != 0:
        raise PatchError(f"{compiler} could not build the shim: {result.stderr.strip()}")


def replace(path, data):
    temp = path + ".tmp"
    with open(temp, "wb") as f:
        f.write(data)
    os.chmod(temp, 0o755)
    os.replace(temp, path)


def main(argv):
    if len(argv) == 2 and argv[1] == "check":
        print("needed" if needs_patch() else "not-needed")
        return 0
    if len(argv) != 5 or argv[1] != "patch":
        print(__doc__, file=sys.stderr)
        return 2
    source, out_dir, shim_source = argv[2:]
    os.makedirs(out_dir, exist_ok=True)
    with open(source, "rb") as f:
        patched = patch_elf(f.read())
    if patched is None:
        raise PatchError(f"{source} needs no {WANTED.decode()}: nothing to patch")
    shim = os.path.join(out_dir, SHIM_NAME)
    compile_shim(shim_source, shim + ".tmp")
    check_shim_needs(shim + ".tmp", patched)
    os.replace(shim + ".tmp", shim)
    replace(os.path.join(out_dir, "libLibTorchSharp.so"), patched)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except PatchError as e:
        print(f"EG2031: cannot make TorchSharp's libLibTorchSharp.so load with a libstdc++ that lacks "
              f"GLIBCXX_3.4.32 (GCC 12 and older, e.g. Debian 12): {e}.", file=sys.stderr)
        sys.exit(2)
