using System.Globalization;
using System.Text;

namespace EnergyGate.Core.Tests.Tokenizers;

/// <summary>
/// Ids and decoded text must equal what the Hugging Face tokenizers library produced for the same
/// strings (HumanEval prompts and solutions plus hand-written edge cases; see make_fixtures.mjs).
/// </summary>
public sealed class ParityTests
{
    public static TheoryData<string> Names => ["gpt2", "llama-bpe", "metaspace-bpe", "bytelevel-bpe", "split-bytelevel-bpe"];

    [Theory]
    [MemberData(nameof(Names))]
    public void Encode_matches_the_HF_library_for_every_fixture_string(string name)
    {
        var tokenizer = TokenizerFixtures.Load(name);
        var rows = TokenizerFixtures.Rows(name);
        var mismatches = rows.Where(r => !tokenizer.Encode(r.Text).SequenceEqual(r.Ids)).ToList();

        Assert.True(rows.Count >= 360, $"{name}: only {rows.Count} fixture strings");
        Assert.True(mismatches.Count == 0,
            $"{name}: {mismatches.Count} of {rows.Count} strings differ from HF; first:\n{Describe(tokenizer, mismatches.FirstOrDefault())}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Decode_matches_the_HF_library_for_every_fixture_string(string name)
    {
        var tokenizer = TokenizerFixtures.Load(name);
        var rows = TokenizerFixtures.Rows(name);
        var first = rows.FirstOrDefault(r => tokenizer.Decode(r.Ids) != (r.Decoded ?? r.Text));

        Assert.True(first is null,
            $"{name}: decode differs for {Escape(first?.Text ?? "")}: HF {Escape(first?.Decoded ?? first?.Text ?? "")}, ours {Escape(first is null ? "" : tokenizer.Decode(first.Ids))}");
    }

    [Theory]
    [InlineData("gpt2")]
    [InlineData("bytelevel-bpe")]
    [InlineData("split-bytelevel-bpe")]
    public void Byte_level_decode_of_encode_returns_the_text(string name)
    {
        var tokenizer = TokenizerFixtures.Load(name);
        var first = TokenizerFixtures.Rows(name).Select(r => r.Text).FirstOrDefault(t => tokenizer.Decode(tokenizer.Encode(t)) != t);

        Assert.True(first is null, $"{name}: round trip changed {Escape(first ?? "")}");
    }

    private static string Describe(EnergyGate.Core.Generation.Tokenizers.HuggingFaceTokenizer tokenizer, FixtureRow? row)
    {
        if (row is null)
        {
            return "";
        }
        var actual = tokenizer.Encode(row.Text);
        var at = 0;
        while (at < actual.Count && at < row.Ids.Length && actual[at] == row.Ids[at])
        {
            at++;
        }
        var from = Math.Max(0, at - 3);
        string Window(IReadOnlyList<int> ids) => string.Join(", ", ids.Skip(from).Take(8)
            .Select(id => string.Create(CultureInfo.InvariantCulture, $"{id} {Escape(tokenizer.Decode([id]))}")));
        return $"text: {Escape(row.Text.Length > 200 ? row.Text[..200] + "..." : row.Text)}\n"
            + $"first difference at id #{at} (expected {row.Ids.Length} ids, got {actual.Count})\n"
            + $"  HF:   [{Window(row.Ids)}]\n  ours: [{Window(actual)}]";
    }

    private static string Escape(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ when char.IsControl(c) || char.IsSurrogate(c) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => c.ToString(),
            });
        }
        return builder.Append('"').ToString();
    }
}
