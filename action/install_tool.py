"""Installs dotnet-energygate into a private tool path under $RUNNER_TEMP and writes the executable's
path as the `tool` output. Either a pinned version from NuGet (or tool-feed), or a local source:
a folder of .nupkg files (a feed), a .csproj, or a checkout holding src/EnergyGate.Tool, which is
packed first. Input tool-flavor picks the package: cpu (default) installs dotnet-energygate (ONNX Runtime's
CPU provider and libtorch CPU), gpu installs dotnet-energygate-gpu (ONNX Runtime's CUDA and TensorRT
providers, no libtorch); both provide the dotnet-energygate command. A private tool path keeps the
runner's global tools and other jobs out of it.

A pinned version goes to a fixed folder, $RUNNER_TOOL_CACHE/dotnet-energygate/<package>/<version>,
which a workflow can keep between runs with actions/cache; a folder holding a finished install
(the `.complete` file written last) is used as it is. NuGet versions never change content, so
that is safe; a tool-source build always installs afresh, since its source may change."""

import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

import gh

COMMAND = "dotnet-energygate"
PACKAGES = {"cpu": "dotnet-energygate", "gpu": "dotnet-energygate-gpu"}


def _package():
    return PACKAGES[gh.get("EG_TOOL_FLAVOR") or "cpu"]


def _tool_package(package):
    """dotnet-energygate.0.1.0.nupkg, not a RID-specific dotnet-energygate.linux-x64.0.1.0.nupkg beside it."""
    return re.compile("^" + re.escape(package) + r"\.(\d+(?:\.\d+){1,3}(?:-[0-9A-Za-z.-]+)?)\.nupkg$")


def _run(args):
    print("+ " + " ".join(args), flush=True)
    completed = subprocess.run(args, check=False)
    if completed.returncode != 0:
        gh.fail(f"'{' '.join(args[:3])} ...' failed with exit code {completed.returncode}; see the log above")


def _temp_root():
    root = os.environ.get("RUNNER_TEMP") or tempfile.gettempdir()
    return os.path.join(root, "energygate")


def _project_of(source):
    if os.path.isfile(source) and source.endswith(".csproj"):
        return source
    in_checkout = os.path.join(source, "src", "EnergyGate.Tool", "EnergyGate.Tool.csproj")
    if os.path.isfile(in_checkout):
        return in_checkout
    projects = glob.glob(os.path.join(source, "*.csproj"))
    if len(projects) == 1:
        return projects[0]
    gh.fail(f"input tool-source: '{source}' holds no {_package()} .nupkg, no single .csproj and no "
            "src/EnergyGate.Tool; give a checkout of EnergyGate, the tool's .csproj or a folder of packages")
    return None


def _package_version(feed):
    package = _package()
    versions = sorted({m.group(1) for m in (_tool_package(package).match(os.path.basename(p)) for p in glob.glob(os.path.join(feed, "*.nupkg"))) if m})
    if len(versions) > 1:
        gh.fail(f"input tool-source: '{feed}' holds {package} versions {', '.join(versions)}; keep one, or use "
                "tool-version with tool-feed to pick")
    return versions[0] if versions else None


def _feed_from_source(source, temp):
    """A folder of packages and the version in it; packs the project when the source is code."""
    if os.path.isdir(source) and (version := _package_version(source)):
        return os.path.abspath(source), version
    project = _project_of(source)
    feed = tempfile.mkdtemp(prefix="packages-", dir=temp)
    flavor = gh.get("EG_TOOL_FLAVOR") or "cpu"
    # No build servers left running: they would compete with the measurement for the cores (docs/measurement.md).
    _run(["dotnet", "pack", project, "-c", "Release", "-o", feed, "-nologo", "--disable-build-servers"]
         + ([f"-p:EnergyGateFlavor={flavor}"] if flavor != "cpu" else []))
    version = _package_version(feed)
    if version is None:
        gh.fail(f"dotnet pack of '{project}' wrote no {_package()}.<version>.nupkg into {feed}; is it the tool's project?")
    return feed, version


def _executable(tool_path):
    return os.path.join(tool_path, COMMAND + (".exe" if os.name == "nt" else ""))


def pinned_tool_path(package, version):
    """The fixed folder of a pinned version (what a workflow caches), under the runner's tool cache."""
    root = os.environ.get("RUNNER_TOOL_CACHE") or _temp_root()
    return os.path.join(root, COMMAND, package, version)


def install():
    version, source, feed = gh.get("EG_TOOL_VERSION"), gh.get("EG_TOOL_SOURCE"), gh.get("EG_TOOL_FEED")
    temp = _temp_root()
    os.makedirs(temp, exist_ok=True)
    package = _package()
    args = ["dotnet", "tool", "install", package]
    if source:
        feed, version = _feed_from_source(source, temp)
        # A fresh package folder: the same version packed earlier on this runner must not be reused
        # from the NuGet cache, and nuget.org being unreachable must not fail a local install.
        os.environ["NUGET_PACKAGES"] = tempfile.mkdtemp(prefix="nuget-", dir=temp)
        args += ["--ignore-failed-sources"]
        tool_path = tempfile.mkdtemp(prefix="tool-", dir=temp)
    else:
        tool_path = pinned_tool_path(package, version)
        complete = os.path.join(tool_path, ".complete")
        if os.path.isfile(complete) and os.path.isfile(_executable(tool_path)):
            print(f"Using {package} {version} installed earlier at {tool_path} (restored from a cache)")
            gh.set_output("tool", _executable(tool_path))
            gh.set_output("version", version)
            gh.set_output("tool-path", tool_path)
            return
        # An install that stopped half-way (no .complete) is not trusted; dotnet refuses a second install into it anyway.
        shutil.rmtree(tool_path, ignore_errors=True)
        os.makedirs(tool_path)
    args += ["--tool-path", tool_path, "--version", version]
    if feed:
        args += ["--add-source", feed]
    _run(args)
    executable = _executable(tool_path)
    if not os.path.isfile(executable):
        gh.fail(f"dotnet tool install reported success, but {executable} does not exist")
    if not source:
        with open(os.path.join(tool_path, ".complete"), "w", encoding="utf-8") as done:
            done.write(f"{package} {version}\n")
    print(f"Installed {package} {version} at {executable}")
    gh.set_output("tool", executable)
    gh.set_output("version", version)
    gh.set_output("tool-path", tool_path)


if __name__ == "__main__":
    install()
    sys.exit(0)
