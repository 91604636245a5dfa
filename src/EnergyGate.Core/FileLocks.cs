namespace EnergyGate.Core;

/// <summary>Tells a file held locked by another writer from other I/O failures, which keep their own message.</summary>
internal static class FileLocks
{
    /// <summary>
    /// Windows reports ERROR_SHARING_VIOLATION or ERROR_LOCK_VIOLATION; on Unix .NET takes an flock
    /// and a refused one surfaces as an IOException whose HResult is the raw errno EWOULDBLOCK
    /// (11 on Linux, 35 on macOS and the BSDs).
    /// </summary>
    public static bool IsLocked(IOException e) =>
        OperatingSystem.IsWindows() ? (e.HResult & 0xFFFF) is 32 or 33
        : OperatingSystem.IsLinux() ? e.HResult == 11
        : e.HResult == 35;
}
