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

    /// <summary>
    /// EvalPlus HumanEval+ v0.1.10: the 164 HumanEval problems with base and plus test inputs (Apache-2.0).
    /// EvalPlus publishes no checksum (its loader only computes an md5 of whatever it downloaded), so the first
    /// pull records one and every later use verifies the file against that record.
    /// </summary>
    public static DatasetDescriptor HumanEvalPlus { get; } = new(
        Name: "humaneval-plus",
        FileName: "HumanEvalPlus-v0.1.10.jsonl.gz",
        Url: new Uri("https://github.com/evalplus/humanevalplus_release/releases/download/v0.1.10/HumanEvalPlus-v0.1.10.jsonl.gz"),
        Sha256: null,
        Licence: "Apache-2.0");

    /// <summary>Original MBPP (google-research, 974 problems, CC-BY-4.0); no published checksum, recorded on first pull.</summary>
    public static DatasetDescriptor Mbpp { get; } = new(
        Name: "mbpp",
        FileName: "mbpp.jsonl",
        Url: new Uri("https://raw.githubusercontent.com/google-research/google-research/master/mbpp/mbpp.jsonl"),
        Sha256: null,
        Licence: "CC-BY-4.0");

    /// <summary>EvalPlus MBPP+ v0.2.0 (378 problems with base and plus inputs, Apache-2.0); no published checksum, recorded on first pull.</summary>
    public static DatasetDescriptor MbppPlus { get; } = new(
        Name: "mbpp-plus",
        FileName: "MbppPlus-v0.2.0.jsonl.gz",
        Url: new Uri("https://github.com/evalplus/mbppplus_release/releases/download/v0.2.0/MbppPlus-v0.2.0.jsonl.gz"),
        Sha256: null,
        Licence: "Apache-2.0");

    /// <summary>Every known dataset, in the order help text lists them.</summary>
    public static IReadOnlyList<DatasetDescriptor> All { get; } = [HumanEval, HumanEvalPlus, Mbpp, MbppPlus, LongBench];

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
