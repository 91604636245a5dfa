using EnergyGate.Core.Models.Coder;
using EnergyGate.Runtimes.Tests.TestSupport;

namespace EnergyGate.Runtimes.Tests.Coder;

/// <summary>builtin:coder written once from the embedded weights for a test class.</summary>
public sealed class CoderModelFixture : IDisposable
{
    private readonly TempFolder _temp = new();

    public CoderModelFixture()
    {
        Folder = Path.Combine(_temp.Path, "coder");
        CoderModelWriter.Write(Folder);
    }

    public string Folder { get; }

    public void Dispose() => _temp.Dispose();
}
