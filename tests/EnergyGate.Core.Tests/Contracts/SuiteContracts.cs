using EnergyGate.Core.Configuration;
using EnergyGate.Core.Suites;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Contracts;

// One class per catalog suite; each names only where its test data is.

public sealed class HumanEvalSuiteContract(SuiteContractSandbox sandbox) : SuiteContract(sandbox)
{
    protected override string Name => SuiteNames.HumanEval;
    protected override SuiteKind ExpectedKind => SuiteKind.Generation;
    protected override SuiteSettings Settings(SuiteSettings plain) => plain with { DataDir = Path.GetDirectoryName(RepoPaths.HumanEvalFile), Limit = 5 };
}

public sealed class HumanEvalPlusSuiteContract(SuiteContractSandbox sandbox) : SuiteContract(sandbox)
{
    protected override string Name => SuiteNames.HumanEvalPlus;
    protected override SuiteKind ExpectedKind => SuiteKind.Generation;
    protected override SuiteSettings Settings(SuiteSettings plain) => plain with { File = Path.Combine(RepoPaths.RepoRoot, "tests", "TestData", "EvalPlus", "HumanEvalPlus-sample.jsonl") };
}

public sealed class MbppSuiteContract(SuiteContractSandbox sandbox) : SuiteContract(sandbox)
{
    protected override string Name => SuiteNames.Mbpp;
    protected override SuiteKind ExpectedKind => SuiteKind.Generation;
    protected override SuiteSettings Settings(SuiteSettings plain) => plain with { File = Path.Combine(RepoPaths.RepoRoot, "tests", "TestData", "EvalPlus", "mbpp-sample.jsonl") };
}

public sealed class MbppPlusSuiteContract(SuiteContractSandbox sandbox) : SuiteContract(sandbox)
{
    protected override string Name => SuiteNames.MbppPlus;
    protected override SuiteKind ExpectedKind => SuiteKind.Generation;
    protected override SuiteSettings Settings(SuiteSettings plain) => plain with { File = Path.Combine(RepoPaths.RepoRoot, "tests", "TestData", "EvalPlus", "MbppPlus-sample.jsonl") };
}

public sealed class SmokeSuiteContract(SuiteContractSandbox sandbox) : SuiteContract(sandbox)
{
    protected override string Name => SuiteNames.Smoke;
    protected override SuiteKind ExpectedKind => SuiteKind.Generation;
    protected override SuiteSettings Settings(SuiteSettings plain) => plain;
}

public sealed class SmokeLccSuiteContract(SuiteContractSandbox sandbox) : SuiteContract(sandbox)
{
    protected override string Name => SuiteNames.SmokeLcc;
    protected override SuiteKind ExpectedKind => SuiteKind.Understanding;
    protected override SuiteSettings Settings(SuiteSettings plain) => plain;
}

/// <summary>The LongBench tasks read the repo's small fixture folder (tests/TestData/longbench-data).</summary>
public abstract class LongBenchSuiteContract(SuiteContractSandbox sandbox) : SuiteContract(sandbox)
{
    protected override SuiteKind ExpectedKind => SuiteKind.Understanding;
    protected override SuiteSettings Settings(SuiteSettings plain) =>
        plain with { DataDir = Path.Combine(RepoPaths.RepoRoot, "tests", "TestData", "longbench-data") };
}

public sealed class LccSuiteContract(SuiteContractSandbox sandbox) : LongBenchSuiteContract(sandbox)
{
    protected override string Name => SuiteNames.Lcc;
}

public sealed class RepoBenchPSuiteContract(SuiteContractSandbox sandbox) : LongBenchSuiteContract(sandbox)
{
    protected override string Name => SuiteNames.RepoBenchP;
}

public sealed class LccESuiteContract(SuiteContractSandbox sandbox) : LongBenchSuiteContract(sandbox)
{
    protected override string Name => SuiteNames.LccE;
}

public sealed class RepoBenchPESuiteContract(SuiteContractSandbox sandbox) : LongBenchSuiteContract(sandbox)
{
    protected override string Name => SuiteNames.RepoBenchPE;
}

/// <summary>Every suite of the catalog runs the contract: a new suite without its class fails here.</summary>
public sealed class SuiteContractCoverageTests
{
    [Fact]
    public void Every_catalog_suite_has_a_contract_class()
    {
        var covered = typeof(SuiteContract).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(SuiteContract)) && !t.IsAbstract)
            .Select(t => ((string)t.GetProperty("Name", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .GetValue(System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(t))!))
            .Order(StringComparer.Ordinal);

        Assert.Equal(SuiteDefinitions.Names.Order(StringComparer.Ordinal), covered);
    }
}
