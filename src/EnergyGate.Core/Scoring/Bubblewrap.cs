using System.Diagnostics;

namespace EnergyGate.Core.Scoring;

/// <summary>Finds bubblewrap (<c>bwrap</c>, Debian package <c>bubblewrap</c>) on PATH and reads its version.</summary>
internal static class Bubblewrap
{
    /// <summary>The installed bwrap and its version, or null with the reason it cannot be used.</summary>
    public static (string Path, string Version)? Find(string? searchPath, out string why)
    {
        if (!OperatingSystem.IsLinux())
        {
            why = "bubblewrap is Linux only";
            return null;
        }
        var path = (searchPath ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, "bwrap"))
            .FirstOrDefault(File.Exists);
        if (path is null)
        {
            why = "bubblewrap not installed: `apt-get install bubblewrap`";
            return null;
        }
        try
        {
            using var process = Process.Start(new ProcessStartInfo(path, ["--version"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            }) ?? throw new InvalidOperationException("not started");
            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill(entireProcessTree: true);
                why = $"{path} --version did not answer";
                return null;
            }
            why = "";
            return (path, output.GetAwaiter().GetResult().Trim().Replace("bubblewrap ", "", StringComparison.Ordinal));
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            why = $"{path} could not be started: {ex.Message}";
            return null;
        }
    }
}
