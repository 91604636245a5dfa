namespace EnergyGate.Core.Suites;

/// <summary>Where a suite's data may come from; a suite states which it accepts.</summary>
[Flags]
public enum SuiteSources
{
    /// <summary>No source.</summary>
    None = 0,

    /// <summary>Shipped inside the tool: nothing to download or point at.</summary>
    BuiltIn = 1,

    /// <summary>The verified dataset cache (<c>datasets pull</c>), used when no folder or file is given.</summary>
    Cache = 2,

    /// <summary>A folder holding the dataset's files (<c>data-dir</c>).</summary>
    DataDir = 4,

    /// <summary>One file of records (<c>file</c>), e.g. from <c>suite build</c>.</summary>
    File = 8,
}
