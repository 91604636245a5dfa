using System.Text.Encodings.Web;
using System.Text.Json;

namespace EnergyGate.Core.Models.Tiny;

/// <summary>
/// Writes the tiny model's <c>tokenizer.json</c> in the Hugging Face tokenizers format: a byte-level
/// BPE (GPT-2 style, no prefix space) with <c>&lt;|endoftext|&gt;</c> as the last id.
/// </summary>
internal static class TinyTokenizerJson
{
    public static byte[] Create(TinyModelSpec spec)
    {
        var (tokens, merges) = ByteLevelBpeTrainer.Train(TinyCorpus.For(spec.Vocab), spec.Vocab - 1);
        return Create(tokens, merges, spec.EosId);
    }

    /// <summary>The tokenizer of <paramref name="tokens"/> (id order) and <paramref name="merges"/> (rank order), end-of-text last.</summary>
    public static byte[] Create(IReadOnlyList<string> tokens, IReadOnlyList<(string Left, string Right)> merges, int eosId)
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping keeps the byte-level characters (Ġ, Ċ) readable; JSON stays valid.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("version", "1.0");
            json.WriteNull("truncation");
            json.WriteNull("padding");
            json.WriteStartArray("added_tokens");
            json.WriteStartObject();
            json.WriteNumber("id", eosId);
            json.WriteString("content", TinyConfigFiles.EndOfText);
            json.WriteBoolean("single_word", false);
            json.WriteBoolean("lstrip", false);
            json.WriteBoolean("rstrip", false);
            json.WriteBoolean("normalized", false);
            json.WriteBoolean("special", true);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteNull("normalizer");
            ByteLevel(json, "pre_tokenizer", trimOffsets: true);
            ByteLevel(json, "post_processor", trimOffsets: false);
            ByteLevel(json, "decoder", trimOffsets: true);
            json.WriteStartObject("model");
            json.WriteString("type", "BPE");
            json.WriteNull("dropout");
            json.WriteNull("unk_token");
            json.WriteString("continuing_subword_prefix", "");
            json.WriteString("end_of_word_suffix", "");
            json.WriteBoolean("fuse_unk", false);
            json.WriteBoolean("byte_fallback", false);
            json.WriteBoolean("ignore_merges", false);
            json.WriteStartObject("vocab");
            for (int id = 0; id < tokens.Count; id++)
            {
                json.WriteNumber(tokens[id], id);
            }

            json.WriteNumber(TinyConfigFiles.EndOfText, eosId);
            json.WriteEndObject();
            json.WriteStartArray("merges");
            foreach (var (left, right) in merges)
            {
                // The string form "left right" is read by every loader; byte-level tokens hold no space.
                json.WriteStringValue(left + " " + right);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void ByteLevel(Utf8JsonWriter json, string property, bool trimOffsets)
    {
        json.WriteStartObject(property);
        json.WriteString("type", "ByteLevel");
        json.WriteBoolean("add_prefix_space", false);
        json.WriteBoolean("trim_offsets", trimOffsets);
        json.WriteBoolean("use_regex", true);
        json.WriteEndObject();
    }
}
