using System.Security.Cryptography;

namespace EnergyGate.Core.Scoring;

/// <summary>
/// The fallback supervisor's scratch folder: on tmpfs (/dev/shm) where writable, since creating and
/// removing a folder per sample there costs microseconds; searchable by all so a child dropped to
/// uid 65534 reaches its own folder inside, listable only by the owner.
/// </summary>
internal static class ScratchFolder
{
    public static string Create()
    {
        var parent = Directory.Exists("/dev/shm") && CanWrite("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var path = Path.Combine(parent, $"energygate-sandbox-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}");
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
        return path;
    }

    public static void Delete(string? path)
    {
        if (path is null)
        {
            return;
        }
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A folder a sample made undeletable stays on tmpfs until reboot; nothing reads it.
        }
    }

    private static bool CanWrite(string folder)
    {
        try
        {
            var probe = Path.Combine(folder, $".energygate-{Environment.ProcessId}-{Environment.TickCount64}");
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
