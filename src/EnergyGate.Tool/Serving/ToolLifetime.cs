using Microsoft.Extensions.Hosting;

namespace EnergyGate.Tool.Serving;

/// <summary>
/// A host lifetime that listens to no signal: the tool's <see cref="Interruption"/> already owns
/// Ctrl-C and SIGTERM for the whole process and cancels the verb's token, which stops the server;
/// the host's own console lifetime would register a second handler and print its own lines.
/// </summary>
internal sealed class ToolLifetime : IHostLifetime
{
    /// <inheritdoc/>
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
