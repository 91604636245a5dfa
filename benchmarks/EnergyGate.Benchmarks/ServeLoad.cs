using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using EnergyGate.Core.Configuration;
using EnergyGate.Core.Models;
using EnergyGate.Tool;
using EnergyGate.Tool.Serving;

namespace EnergyGate.Benchmarks;

/// <summary>
/// `serve` under load: the completions server started in this process on 127.0.0.1 over the
/// repository's gate model (built-in tiny: 4 layers, hidden 256, vocab 1024, context 512), sent
/// streaming requests by a bounded pool of clients. Reports throughput, time to first token as a
/// client sees it (request sent to first event read), errors, and the process's memory before and
/// after (the clients live in the same process, so the figures are an upper bound for the server).
/// </summary>
internal static class ServeLoad
{
    private static readonly string[] Prompts =
    [
        "def add(a, b):\n",
        "import os\n\ndef list_files(path):\n",
        "class Stack:\n    def __init__(self):\n        self.items = []\n\n    def push(self, x):\n",
        "def fibonacci(n):\n    \"\"\"Return the n-th Fibonacci number.\"\"\"\n",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var runtime = args.Length > 0 ? args[0] : "onnx";
        var requests = Arg(args, 1, 500);
        var concurrency = Arg(args, 2, 16);
        var maxTokens = Arg(args, 3, 32);
        var threads = Arg(args, 4, 1);
        var maxBatch = Arg(args, 5, 8);
        var model = new ModelSettings("tiny", ModelSettings.BuiltinTiny.Source, new TinyModelConfig { Layers = 4, Hidden = 256, Heads = 4, Vocab = 1024, Context = 512 });
        var runtimeSettings = new RuntimeSettings(runtime, "cpu", 0, threads, false);
        using var served = await ServedModel.OpenAsync(model, runtimeSettings, Path.Combine(Path.GetTempPath(), "energygate-bench"), maxBatch, continuous: true, null, CancellationToken.None);
        await using var server = await CompletionServer.StartAsync(served, new ServerOptions(IPAddress.Loopback, 0, TimeSpan.FromSeconds(30), null), Console.Error, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl + "/"), Timeout = TimeSpan.FromMinutes(10) };
        Console.Error.WriteLine($"serving {served.Name} ({served.Session.Description}, {served.Batching}) at {server.BaseUrl}");

        // Warm-up: JIT and the runtime's first allocations are not load.
        for (var i = 0; i < 8; i++)
        {
            await OneAsync(http, Prompts[i % Prompts.Length], maxTokens);
        }
        var before = Memory();
        var results = new Result[requests];
        var next = -1;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) is var i && i < requests)
            {
                results[i] = await OneAsync(http, Prompts[i % Prompts.Length], maxTokens);
            }
        })));
        wall.Stop();
        var after = Memory();

        var ok = results.Where(r => r.Error is null).ToArray();
        var ttft = ok.Select(r => r.TtftMs).Order().ToArray();
        var tokens = ok.Sum(r => r.CompletionTokens);
        foreach (var error in results.Where(r => r.Error is not null).Select(r => r.Error).Distinct().Take(5))
        {
            Console.Error.WriteLine($"error: {error}");
        }
        Console.WriteLine($"| runtime | batching | requests | concurrency | max_tokens | errors | wall s | requests/s | tokens/s | TTFT p50 / p90 / p99 ms | GC heap before -> after MiB | working set before -> after MiB |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {served.Session.Description} | {served.Batching} | {requests} | {concurrency} | {maxTokens} | {requests - ok.Length} | {wall.Elapsed.TotalSeconds:0.0} | " +
            $"{ok.Length / wall.Elapsed.TotalSeconds:0.0} | {tokens / wall.Elapsed.TotalSeconds:0} | {Percentile(ttft, 0.50):0} / {Percentile(ttft, 0.90):0} / {Percentile(ttft, 0.99):0} | " +
            $"{before.Heap:0.0} -> {after.Heap:0.0} | {before.WorkingSet:0} -> {after.WorkingSet:0} |"));
        return ok.Length == requests ? 0 : 1;
    }

    private sealed record Result(double TtftMs, int CompletionTokens, string? Error);

    /// <summary>One streamed request, read as an OpenAI client reads it, up to <c>data: [DONE]</c>.</summary>
    private static async Task<Result> OneAsync(HttpClient http, string prompt, int maxTokens)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["model"] = "tiny", ["prompt"] = prompt, ["max_tokens"] = maxTokens, ["temperature"] = 0, ["stream"] = true,
            ["stream_options"] = new Dictionary<string, bool> { ["include_usage"] = true },
        });
        var sent = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            if (!response.IsSuccessStatusCode)
            {
                return new(0, 0, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            double? ttft = null;
            var completionTokens = -1;
            while (await reader.ReadLineAsync() is { } line)
            {
                if (!line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    continue;
                }
                ttft ??= Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                if (line == "data: [DONE]")
                {
                    return completionTokens < 0 ? new(0, 0, "no usage chunk") : new(ttft.Value, completionTokens, null);
                }
                using var json = JsonDocument.Parse(line.AsMemory("data: ".Length));
                if (json.RootElement.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
                {
                    completionTokens = usage.GetProperty("completion_tokens").GetInt32();
                }
            }
            return new(0, 0, "the stream ended without data: [DONE]");
        }
        catch (HttpRequestException ex)
        {
            return new(0, 0, ex.Message);
        }
    }

    /// <summary>The GC heap right after a full, compacting collection and the process's working set, in MiB.</summary>
    private static (double Heap, double WorkingSet) Memory()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        // GetTotalMemory read below zero after the load on .NET 10 (regions); the heap size the last GC recorded does not.
        var heap = GC.GetGCMemoryInfo(GCKind.FullBlocking).HeapSizeBytes / 1048576.0;
        using var self = Process.GetCurrentProcess();
        return (heap, self.WorkingSet64 / 1048576.0);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static int Arg(string[] args, int at, int fallback) =>
        args.Length > at ? int.Parse(args[at], CultureInfo.InvariantCulture) : fallback;
}
