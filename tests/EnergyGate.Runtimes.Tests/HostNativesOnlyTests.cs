using System.Runtime.InteropServices;
using System.Text.Json;

namespace EnergyGate.Runtimes.Tests;

/// <summary>
/// The repository's Directory.Build.targets keeps a portable build's natives to the building machine's
/// RID and its parents (other platforms' libtorch and ONNX Runtime natives are about 740 MB per output
/// folder). This test project is such a build: its bin/ and its .deps.json must agree, and hold this RID.
/// </summary>
public sealed class HostNativesOnlyTests
{
    private static readonly string Rid = RuntimeInformation.RuntimeIdentifier;
    private static readonly string Os = Rid[..Rid.IndexOf('-', StringComparison.Ordinal)];

    private static bool IsHostOrParent(string rid) =>
        rid == Rid || rid == Os || rid == "any" || (rid == "unix" && !OperatingSystem.IsWindows());

    [Fact]
    public void The_output_folder_has_natives_for_this_machine_only()
    {
        var runtimes = Path.Combine(AppContext.BaseDirectory, "runtimes");
        var folders = Directory.GetDirectories(runtimes).Select(Path.GetFileName).ToList();

        Assert.Contains(Rid, folders);
        Assert.All(folders, rid => Assert.True(IsHostOrParent(rid!), $"bin/runtimes/{rid} is another platform's"));
        Assert.True(File.Exists(Path.Combine(runtimes, Rid, "native", NativeName("onnxruntime"))), "ONNX Runtime's native library for this RID is missing");
    }

    [Fact]
    public void The_deps_file_names_no_other_platforms_assets()
    {
        var deps = Path.Combine(AppContext.BaseDirectory, "EnergyGate.Runtimes.Tests.deps.json");
        using var document = JsonDocument.Parse(File.ReadAllText(deps));
        var rids = document.RootElement.GetProperty("targets").EnumerateObject()
            .SelectMany(target => target.Value.EnumerateObject())
            .Where(library => library.Value.TryGetProperty("runtimeTargets", out _))
            .SelectMany(library => library.Value.GetProperty("runtimeTargets").EnumerateObject())
            .Select(asset => asset.Value.GetProperty("rid").GetString()!)
            .Distinct()
            .ToList();

        Assert.Contains(Rid, rids);
        Assert.All(rids, rid => Assert.True(IsHostOrParent(rid), $"the deps.json names {rid} assets"));
    }

    private static string NativeName(string name) =>
        OperatingSystem.IsWindows() ? name + ".dll" : OperatingSystem.IsMacOS() ? "lib" + name + ".dylib" : "lib" + name + ".so";
}
