using System.Text.Json;
using EnergyGate.Core.Generation.Tokenizers;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Tokenizers;

/// <summary>
/// The parity fixtures in tests/TestData/tokenizers, made by make_fixtures.mjs with the Hugging Face
/// tokenizers library (Rust, through its npm binding): each row is a string and the ids HF gave it.
/// </summary>
internal static class TokenizerFixtures
{
    public static readonly string Dir = Path.Combine(RepoPaths.RepoRoot, "tests", "TestData", "tokenizers");

    /// <summary>Fixture name to model folder; gpt2 is read in place from ../shared.</summary>
    public static string ModelDir(string name) => name == "gpt2"
        ? Path.Combine(RepoPaths.SharedDir, "models", "tiny-random-gpt2")
        : Path.Combine(Dir, name);

    public static IReadOnlyList<FixtureRow> Rows(string name)
    {
        using var stream = File.OpenRead(Path.Combine(Dir, "fixtures", $"{name}.json"));
        return JsonSerializer.Deserialize<List<FixtureRow>>(stream, Options)!;
    }

    private static readonly Dictionary<string, HuggingFaceTokenizer> Loaded = [];

    public static HuggingFaceTokenizer Load(string name)
    {
        lock (Loaded)
        {
            if (!Loaded.TryGetValue(name, out var tokenizer))
            {
                Loaded[name] = tokenizer = HuggingFaceTokenizer.Load(ModelDir(name));
            }
            return tokenizer;
        }
    }

    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };
}

internal sealed record FixtureRow(string Text, int[] Ids, string? Decoded);
