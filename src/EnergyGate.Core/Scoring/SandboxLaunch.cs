namespace EnergyGate.Core.Scoring;

/// <summary>How one supervisor process is started.</summary>
/// <param name="FileName">The program to start (bwrap or the interpreter).</param>
/// <param name="Arguments">Its arguments, ending with the supervisor's own.</param>
/// <param name="Mechanism">Bubblewrap or Process.</param>
/// <param name="Description">What it sets up, for doctor and the results.</param>
internal sealed record SandboxLaunch(
    string FileName, IReadOnlyList<string> Arguments, SandboxMechanism Mechanism, string Description)
{
    /// <summary>The unprivileged uid and gid ("nobody") samples run as when the tool is root.</summary>
    public const string Nobody = "65534:65534";

    /// <summary>The fallback: the interpreter itself; as root each child drops to <see cref="Nobody"/>.</summary>
    public static SandboxLaunch Plain(PythonInterpreter python, string scriptPath, bool root, string why) => new(
        python.Path,
        ["-I", "-B", scriptPath, .. root ? ["--drop-to", Nobody] : Array.Empty<string>()],
        SandboxMechanism.Process,
        $"process ({why}): samples can see the machine's processes and file system");
}
