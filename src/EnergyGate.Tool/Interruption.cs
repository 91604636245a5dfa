using System.Runtime.InteropServices;

namespace EnergyGate.Tool;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM for the whole process, in place of System.CommandLine's handler. That
/// one registers only once a verb's synchronous start has returned its task, so a Ctrl-C during that
/// start (settings, plan) was lost; after its 2 s timeout it ends the invocation while the verb keeps
/// writing, without a word; and a second signal completes its completion source twice, which throws
/// on the signal thread and prints a stack trace. Here the first signal cancels the token every verb
/// gets (a run stops after the sample it is writing); the second ends the process at once.
/// </summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly TextWriter _error;
    private readonly PosixSignalRegistration[] _registrations;
    private int _signals;

    public Interruption(TextWriter error)
    {
        _error = error;
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _cts.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
        _cts.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Increment(ref _signals) == 1)
        {
            _error.WriteLine("energygate: stopping: a run after the sample it is writing, a server after the requests in flight (press Ctrl-C again to stop at once)");
            // Off the signal thread: cancellation callbacks run synchronously and must not block or throw into it.
            _ = Task.Run(_cts.Cancel);
            return;
        }
        _error.WriteLine("energygate: stopped at once; samples already written stay in the results file");
        Environment.Exit((int)ExitCode.Interrupted);
    }
}
