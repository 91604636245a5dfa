using System.Diagnostics;
using System.Text.Json;

namespace EnergyGate.Core.Scoring;

/// <summary>
/// Asks a Python interpreter for its version, real executable and the folders it reads (the
/// sandbox binds exactly these into its otherwise empty file system). Bounded in time: an
/// interpreter that never answers must not hang the tool.
/// </summary>
internal static class PythonProbe
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private const string Script =
        "import json, os, sys\n" +
        "roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix, os.path.dirname(os.path.realpath(sys.executable))}\n" +
        "roots.update(p for p in sys.path if p)\n" +
        "roots = sorted(os.path.realpath(r) for r in roots if os.path.isdir(r) or os.path.isfile(r))\n" +
        "print(json.dumps({'energygate_probe': 1, 'version': '%d.%d.%d' % sys.version_info[:3], " +
        "'executable': os.path.realpath(sys.executable), 'roots': roots}))\n";

    public sealed record Answer(string Version, string Executable, IReadOnlyList<string> Roots);

    private sealed record Wire(int EnergygateProbe, string? Version, string? Executable, List<string>? Roots);

    public static Answer Run(string path) => Run(path, Timeout);

    public static Answer Run(string path, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(path, ["-I", "-c", Script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new EnergyGateException($"could not start python at '{path}'.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new EnergyGateException($"could not start python at '{path}': {ex.Message}", ex);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new EnergyGateException(FormattableString.Invariant(
                    $"python at '{path}' did not answer a version probe within {timeout.TotalSeconds:0.#} s and was stopped; point --python at a working interpreter."));
            }
            var text = stdout.GetAwaiter().GetResult().Trim();
            if (process.ExitCode != 0)
            {
                var why = Shorten(stderr.GetAwaiter().GetResult().Trim());
                throw new EnergyGateException($"python at '{path}' failed to report its version (exit code {process.ExitCode}){(why.Length > 0 ? $": {why}" : "")}.");
            }
            return Parse(path, text);
        }
    }

    internal static Answer Parse(string path, string text)
    {
        Wire? wire = null;
        try
        {
            wire = JsonSerializer.Deserialize<Wire>(text.Split('\n')[^1], SandboxWire.Options);
        }
        catch (JsonException)
        {
            // Reported below with what it printed.
        }
        if (wire is not { EnergygateProbe: 1, Version: { } version, Executable: { } executable })
        {
            throw new EnergyGateException(
                $"python at '{path}' does not behave like a Python interpreter: asked to run a probe, it printed '{Shorten(text)}'. Point --python at a real Python 3.8+.");
        }
        return new Answer(version, executable, wire.Roots ?? []);
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
