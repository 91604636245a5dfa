using System.Threading.Channels;
using EnergyGate.Core.Generation;
using EnergyGate.Core.Generation.Batching;

namespace EnergyGate.Tool.Serving;

/// <summary>
/// The server's one generation thread: it sleeps while the scheduler has no work, otherwise steps
/// it, and hands each request's token texts and end to that request's handler through a channel.
/// Handlers submit and cancel from any thread (the scheduler's admit and cancel are thread-safe).
/// </summary>
/// <remarks>
/// A step that throws fails every request known to the loop (a batched forward pass cannot say
/// whose sequence broke it); the slots are released and a fresh scheduler takes over, so the server
/// keeps serving.
/// </remarks>
internal sealed class GenerationLoop : IDisposable
{
    private readonly IBatchDecoderSession _session;
    private readonly ITextTokenizer _tokenizer;
    private readonly BatchOptions _options;
    private readonly TextWriter _log;
    private readonly Lock _gate = new();
    private readonly Dictionary<long, ChannelWriter<CompletionEvent>> _pending = [];
    // Counts admissions and cancellations, so the thread sleeps instead of spinning when idle.
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Thread _thread;
    private volatile BatchScheduler _scheduler;
    private volatile bool _stopping;
    private long _lastId;

    /// <summary>Starts the generation thread over <paramref name="session"/>.</summary>
    public GenerationLoop(IBatchDecoderSession session, ITextTokenizer tokenizer, BatchOptions options, TextWriter log)
    {
        (_session, _tokenizer, _options, _log) = (session, tokenizer, options, log);
        _scheduler = new BatchScheduler(session, tokenizer, options);
        _thread = new Thread(Run) { IsBackground = true, Name = "energygate-generation" };
        _thread.Start();
    }

    /// <summary>Requests admitted and not yet finished.</summary>
    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Queues a prompt; its events arrive on the returned reader.</summary>
    /// <exception cref="Core.EnergyGateException">The scheduler refuses the prompt or settings.</exception>
    /// <exception cref="InvalidOperationException">The loop is stopping.</exception>
    public (long Id, ChannelReader<CompletionEvent> Events) Submit(IReadOnlyList<int> promptIds, GenerationSettings settings)
    {
        var id = Interlocked.Increment(ref _lastId);
        var channel = Channel.CreateUnbounded<CompletionEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        // Runs inside the step: one TryWrite on an unbounded channel, no I/O.
        var hooks = new GenerationHooks
        {
            OnToken = token =>
            {
                if (token.Text.Length > 0)
                {
                    channel.Writer.TryWrite(new TokenText(token.Text));
                }
            },
        };
        lock (_gate)
        {
            if (_stopping)
            {
                throw new InvalidOperationException("the server is shutting down");
            }
            _scheduler.Admit(new BatchRequest(id, promptIds, settings, hooks));
            _pending[id] = channel.Writer;
        }
        _wake.Release();
        return (id, channel.Reader);
    }

    /// <summary>Frees request <paramref name="id"/>'s slot at the next step (its client went away).</summary>
    public void Cancel(long id)
    {
        _scheduler.Cancel(id);
        _wake.Release();
    }

    /// <summary>Cancels what is still queued or decoding, lets the thread finish its last step and ends it.</summary>
    public void Stop()
    {
        long[] left;
        lock (_gate)
        {
            _stopping = true;
            left = [.. _pending.Keys];
        }
        foreach (var id in left)
        {
            _scheduler.Cancel(id);
        }
        _wake.Release();
        _thread.Join();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_thread.IsAlive)
        {
            Stop();
        }
        _wake.Dispose();
    }

    private void Run()
    {
        while (true)
        {
            var scheduler = _scheduler;
            if (!scheduler.HasWork)
            {
                if (_stopping)
                {
                    return;
                }
                _wake.Wait();
                continue;
            }
            IReadOnlyList<BatchedSequence> left;
            try
            {
                left = scheduler.Step();
            }
            catch (Exception ex)
            {
                Recover(ex);
                continue;
            }
            foreach (var sequence in left)
            {
                ChannelWriter<CompletionEvent>? writer;
                lock (_gate)
                {
                    _pending.Remove(sequence.Request.Id, out writer);
                }
                writer?.TryWrite(new CompletionFinished(sequence));
                writer?.TryComplete();
            }
        }
    }

    /// <summary>Fails every pending request and starts over with empty slots and a fresh scheduler.</summary>
    private void Recover(Exception error)
    {
        List<ChannelWriter<CompletionEvent>> failed;
        lock (_gate)
        {
            failed = [.. _pending.Values];
            _pending.Clear();
            for (var slot = 0; slot < _session.MaxBatchSize; slot++)
            {
                _session.Release(slot);
            }
            _scheduler = new BatchScheduler(_session, _tokenizer, _options);
        }
        _log.WriteLine($"energygate: serve: a generation step failed, ending the {failed.Count} request(s) in it: {error.GetType().Name}: {error.Message}");
        foreach (var writer in failed)
        {
            writer.TryWrite(new CompletionFailed(error));
            writer.TryComplete();
        }
    }
}
