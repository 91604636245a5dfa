using EnergyGate.Core.Configuration;
using EnergyGate.Core.Measurement;
using EnergyGate.Core.Scoring;

namespace EnergyGate.Core.Tests.Measurement;

/// <summary>
/// Which Python processes a run starts before measuring, from its plan alone (they start while
/// the models load): none for understanding suites, the checker and the sandbox for code suites.
/// </summary>
public sealed class RunPythonHelpersTests
{
    private static RunPlan Plan(params SuiteSettings[] suites) =>
        RunPlan.Create(new ResolvedSettings(null, "/cache", "/results", suites, new SandboxOptions())
        {
            Models = [ModelSettings.BuiltinTiny],
            Runtimes = [RuntimeSettings.OnnxCpu],
        });

    [Fact]
    public void Understanding_suites_need_no_python()
    {
        Assert.Equal((false, false), RunPythonHelpers.Needs(Plan(new SuiteSettings("smoke-lcc", null, [1], 1))));
    }

    [Fact]
    public void Code_suites_need_the_checker_for_babbling_and_the_sandbox_for_scoring()
    {
        Assert.Equal((true, true), RunPythonHelpers.Needs(Plan(new SuiteSettings("smoke-lcc", null, [1], 1), new SuiteSettings("smoke", null, [1], 1))));
    }

    [Fact]
    public void Syntax_suppression_on_an_understanding_suite_needs_the_checker_only()
    {
        Assert.Equal((true, false), RunPythonHelpers.Needs(Plan(new SuiteSettings("smoke-lcc", null, [1], 1) { Suppression = "syntax" })));
    }
}
