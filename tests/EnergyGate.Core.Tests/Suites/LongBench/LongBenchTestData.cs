using System.IO.Compression;
using System.Text;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Suites.LongBench;

/// <summary>The hand-made task files in tests/TestData/longbench-data, and zips built from them.</summary>
internal static class LongBenchTestData
{
    public static readonly string Dir = Path.Combine(RepoPaths.RepoRoot, "tests", "TestData", "longbench-data");

    public static readonly string[] Tasks = ["lcc", "repobench-p", "lcc_e", "repobench-p_e"];

    /// <summary>A zip laid out like the hub's data.zip: every test task under <c>data/</c>, plus an unrelated task.</summary>
    public static byte[] DataZip() => Zip(Tasks
        .Select(t => ($"data/{t}.jsonl", File.ReadAllText(Path.Combine(Dir, t + ".jsonl"))))
        .Append(("data/hotpotqa.jsonl", "{}\n")));

    public static byte[] Zip(IEnumerable<(string Name, string Text)> entries)
    {
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(archive.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }
        return memory.ToArray();
    }

    /// <summary>One valid record as a JSONL line, with <paramref name="edit"/> applied to its JSON text.</summary>
    public static string Line(string id = "x-1", Func<string, string>? edit = null)
    {
        var json = $$"""{"input": "", "context": "ctx", "answers": ["a"], "length": 3, "dataset": "lcc", "language": "python", "all_classes": null, "_id": "{{id}}"}""";
        return (edit ?? (s => s))(json);
    }
}
