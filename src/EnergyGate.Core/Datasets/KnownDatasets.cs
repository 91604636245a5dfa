namespace EnergyGate.Core.Datasets;

/// <summary>The datasets EnergyGate knows how to download and verify.</summary>
public static class KnownDatasets
{
    /// <summary>OpenAI HumanEval: 164 Python problems (MIT licence).</summary>
    public static DatasetDescriptor HumanEval { get; } = new(
        Name: "humaneval",
        FileName: "HumanEval.jsonl.gz",
        Url: new Uri("https://github.com/openai/human-eval/raw/master/data/HumanEval.jsonl.gz"),
        Sha256: "b796127e635a67f93fb35c04f4cb03cf06f38c8072ee7cee8833d7bee06979ef",
        Licence: "MIT");

    /// <summary>
    /// THUDM LongBench v1 (all tasks, including the code tasks <c>lcc</c> and <c>repobench-p</c> and their
    /// LongBench-E variants) as the hub's <c>data.zip</c>. The hub publishes no checksum for it, so the
    /// first pull records one and every later use verifies the file against that record. The dataset card
    /// says MIT; the corpora the tasks were built from keep their own licences.
    /// </summary>
    public static DatasetDescriptor LongBench { get; } = new(
        Name: "longbench",
        FileName: "data.zip",
        Url: new Uri("https://huggingface.co/datasets/THUDM/LongBench/resolve/main/data.zip"),
        Sha256: null,
        Licence: "MIT");

    /// <summary>Every known dataset, in the order help text lists them.</summary>
    public static IReadOnlyList<DatasetDescriptor> All { get; } = [HumanEval, LongBench];

    /// <summary>Finds a dataset by name (case-insensitive).</summary>
    /// <exception cref="EnergyGateException">The name is unknown; the message lists the valid names.</exception>
    public static DatasetDescriptor Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new EnergyGateException(
                $"unknown dataset `{name}`; valid names: {string.Join(", ", All.Select(d => d.Name))}");
    }
}
