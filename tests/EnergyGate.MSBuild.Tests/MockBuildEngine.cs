using System.Collections;
using Microsoft.Build.Framework;

namespace EnergyGate.MSBuild.Tests;

/// <summary>Records what a task logs, in place of MSBuild.</summary>
internal sealed class MockBuildEngine : IBuildEngine
{
    public List<BuildErrorEventArgs> Errors { get; } = [];

    public List<BuildWarningEventArgs> Warnings { get; } = [];

    public List<BuildMessageEventArgs> Messages { get; } = [];

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode { get; init; } = Path.Combine(Path.GetTempPath(), "sample.csproj");

    public string Log => string.Join("\n", Errors.Select(e => $"error {e.Code}: {e.Message}")
        .Concat(Warnings.Select(w => $"warning {w.Code}: {w.Message}"))
        .Concat(Messages.Select(m => m.Message)));

    public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);

    public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e);

    public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e);

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException("the task builds no projects");
}
