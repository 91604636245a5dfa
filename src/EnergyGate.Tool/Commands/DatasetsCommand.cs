using System.CommandLine;
using System.Globalization;
using EnergyGate.Core;
using EnergyGate.Core.Datasets;

namespace EnergyGate.Tool.Commands;

/// <summary><c>datasets pull NAME</c> and <c>datasets list</c>: fill and inspect the dataset cache.</summary>
internal static class DatasetsCommand
{
    private static readonly SettingsOptions Settings = new();

    private static readonly Argument<string> Name = new("name")
    {
        Description = $"Dataset to download: {string.Join(", ", KnownDatasets.All.Select(d => d.Name))}.",
    };

    private static readonly Option<string?> BaseUrl = new("--base-url")
    {
        Description = "Mirror to download from instead of the upstream host; the upstream path is kept under it.",
    };

    public static Command Create()
    {
        var pull = new Command("pull", "Download a dataset into the cache and verify its sha256 (or record it, where none is published).") { Name, BaseUrl };
        CommandAction.Set(pull, PullAsync);
        var list = new Command("list", "Show the datasets in the cache, with size and checksum status.");
        CommandAction.Set(list, ListAsync);
        var datasets = new Command("datasets", "Download and inspect benchmark datasets.") { pull, list };
        Settings.Config.Recursive = true;
        Settings.CacheDir.Recursive = true;
        datasets.Options.Add(Settings.Config);
        datasets.Options.Add(Settings.CacheDir);
        return datasets;
    }

    /// <summary>The cache folder: --cache-dir > ENERGYGATE_CACHE_DIR > energygate.yml > default, resolved in Core.</summary>
    private static string ResolveCacheDir(ParseResult parse) => Settings.Resolve(parse).CacheDir;

    private static async Task<ExitCode> PullAsync(ParseResult parse, CancellationToken ct)
    {
        var dataset = KnownDatasets.Find(parse.GetValue(Name)!);
        if (parse.GetValue(BaseUrl) is { } mirror)
        {
            dataset = Uri.TryCreate(mirror, UriKind.Absolute, out var mirrorUri) && mirrorUri.Scheme is "http" or "https"
                ? dataset.WithBaseUrl(mirrorUri)
                : throw new EnergyGateException($"--base-url `{mirror}` is not an absolute http or https URL");
        }
        var cacheDir = ResolveCacheDir(parse);
        var output = parse.InvocationConfiguration.Output;
        // A verified file is byte-identical to what a download would give, so skip the network.
        if ((await new DatasetCache(cacheDir).ListAsync(ct)).FirstOrDefault(c => c.Dataset.Name == dataset.Name) is { Verified: true } cached)
        {
            await output.WriteLineAsync($"{dataset.Name}: already in the cache and verified: {cached.Path}");
            return ExitCode.Ok;
        }

        using var http = new HttpClient();
        http.DefaultRequestHeaders.UserAgent.ParseAdd("dotnet-energygate");
        var display = new ProgressDisplay(parse.InvocationConfiguration.Error, dataset.Name, Console.IsErrorRedirected);
        string path;
        try
        {
            path = await new DatasetDownloader(http).PullAsync(dataset, cacheDir, display, ct);
        }
        finally
        {
            display.Finish();
        }
        if (dataset.Sha256 is { } pinned)
        {
            await output.WriteLineAsync($"{dataset.Name}: downloaded and verified (sha256 {pinned}, licence {dataset.Licence}): {path}");
        }
        else
        {
            var recorded = await new DatasetCache(cacheDir).ReadRecordedSha256Async(dataset, ct);
            await output.WriteLineAsync(
                $"{dataset.Name}: downloaded; upstream publishes no checksum, so sha256 {recorded} was recorded and every later use is checked against it (licence {dataset.Licence}): {path}");
        }
        return ExitCode.Ok;
    }

    private static async Task<ExitCode> ListAsync(ParseResult parse, CancellationToken ct)
    {
        var cacheDir = ResolveCacheDir(parse);
        var output = parse.InvocationConfiguration.Output;
        var cached = await new DatasetCache(cacheDir).ListAsync(ct);
        if (cached.Count == 0)
        {
            await output.WriteLineAsync($"no datasets in {cacheDir}; run `dotnet energygate datasets pull humaneval`");
            return ExitCode.Ok;
        }
        foreach (var c in cached)
        {
            var pull = $"run `dotnet energygate datasets pull {c.Dataset.Name}`";
            var status = c switch
            {
                { Verified: true } => c.Dataset.TrustOnFirstUse ? "verified (against the sha256 recorded at download)" : "verified",
                { ExpectedSha256: null } => $"no recorded sha256, cannot verify; {pull}",
                _ => $"sha256 mismatch (got {c.ActualSha256}); {pull}",
            };
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture, $"{c.Dataset.Name}\t{c.SizeBytes} bytes\t{status}\t{c.Path}"));
        }
        return ExitCode.Ok;
    }

    /// <summary>
    /// Redraws one line on a terminal; when stderr is redirected (CI logs) writes a plain line every
    /// 10 % instead, so logs stay short and free of carriage returns.
    /// </summary>
    private sealed class ProgressDisplay(TextWriter error, string name, bool redirected) : IProgress<DownloadProgress>
    {
        private long _lastStep = -1;
        private bool _drewLine;

        public void Report(DownloadProgress value)
        {
            var step = value.Fraction is { } fraction
                ? (long)(fraction * (redirected ? 10 : 100))
                : value.BytesReceived >> 20;
            if (step == _lastStep)
            {
                return;
            }
            _lastStep = step;
            var text = value.Fraction is { } f
                ? string.Create(CultureInfo.InvariantCulture, $"{name}: {f * 100:0}% ({Mb(value.BytesReceived)} of {Mb(value.TotalBytes!.Value)} MB)")
                : string.Create(CultureInfo.InvariantCulture, $"{name}: {Mb(value.BytesReceived)} MB");
            if (redirected)
            {
                error.WriteLine(text);
            }
            else
            {
                error.Write($"\r{text}   ");
                _drewLine = true;
            }
        }

        public void Finish()
        {
            if (_drewLine)
            {
                error.WriteLine();
            }
        }

        private static string Mb(long bytes) => (bytes / 1048576.0).ToString("0.00", CultureInfo.InvariantCulture);
    }
}
