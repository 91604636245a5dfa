namespace EnergyGate.Core.Scoring;

/// <summary>What keeps a sample away from the tool and the machine (see docs/sandbox.md).</summary>
public enum SandboxMechanism
{
    /// <summary>bubblewrap where it is installed and allowed to create namespaces, else <see cref="Process"/>, saying why.</summary>
    Auto,

    /// <summary>Only bubblewrap: its own PID, network, IPC and UTS namespaces, a read-only file system; an error where it cannot run.</summary>
    Bubblewrap,

    /// <summary>The fallback: a plain supervisor process with a network namespace where the kernel allows one.</summary>
    Process,
}
