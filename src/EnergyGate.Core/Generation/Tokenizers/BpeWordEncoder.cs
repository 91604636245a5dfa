using System.Globalization;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace EnergyGate.Core.Generation.Tokenizers;

/// <summary>
/// Turns one pre-tokenized word into ids: Microsoft.ML.Tokenizers' <see cref="BpeTokenizer"/> (a port of
/// HF's merge loop) does the merging; this class adds what it lacks, byte_fallback and ignore_merges.
/// </summary>
internal sealed class BpeWordEncoder
{
    private readonly BpeTokenizer _bpe;
    private readonly BpeModelSpec _spec;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _vocab;
    private readonly int? _unknownId;
    private readonly int[]? _byteIds;

    public BpeWordEncoder(BpeModelSpec spec, JsonFields json)
    {
        _spec = spec;
        _vocab = spec.Vocab.GetAlternateLookup<ReadOnlySpan<char>>();
        if (spec.UnknownToken is { } unk)
        {
            _unknownId = spec.Vocab.TryGetValue(unk, out var id) ? id : throw json.Error("model.unk_token", $"\"{unk}\" is not in model.vocab");
        }
        if (spec.ByteFallback)
        {
            _byteIds = new int[256];
            for (var b = 0; b < 256; b++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"<0x{b:X2}>");
                _byteIds[b] = spec.Vocab.TryGetValue(name, out var id) ? id : -1;
            }
        }
        try
        {
            // The ML merge format is "left right"; parts with a space (possible in the pair format) would be
            // ambiguous there, so the reader rejects them before this point.
            _bpe = BpeTokenizer.Create(new BpeOptions(spec.Vocab)
            {
                Merges = spec.Merges.Select(m => $"{m.Left} {m.Right}"),
            });
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
        {
            throw new EnergyGateException($"{json.File}: model.merges cannot be loaded: {ex.Message}", ex);
        }
    }

    public void Encode(string word, List<int> ids)
    {
        if (_spec.IgnoreMerges && _spec.Vocab.TryGetValue(word, out var whole))
        {
            ids.Add(whole);
            return;
        }
        // ML's BpeTokenizer drops characters missing from the vocabulary. HF instead emits <0xNN> tokens or
        // unk for them, and no merge can span such a character, so the word is cut there: known runs go to
        // ML, the others are handled here. (A merge between two <0xNN> tokens is not applied; no known
        // tokenizer has one.)
        var runStart = 0;
        var unknownPending = false;
        var index = 0;
        foreach (var rune in word.EnumerateRunes())
        {
            var length = rune.Utf16SequenceLength;
            if (!_vocab.ContainsKey(word.AsSpan(index, length)))
            {
                EncodeKnown(word, runStart, index, ids);
                unknownPending = EncodeUnknown(rune, unknownPending, ids);
                runStart = index + length;
            }
            else
            {
                unknownPending = false;
            }
            index += length;
        }
        EncodeKnown(word, runStart, word.Length, ids);
    }

    private void EncodeKnown(string word, int start, int end, List<int> ids)
    {
        if (end > start)
        {
            ids.AddRange(_bpe.EncodeToIds(word[start..end], considerPreTokenization: false, considerNormalization: false));
        }
    }

    private bool EncodeUnknown(Rune rune, bool unknownPending, List<int> ids)
    {
        if (_byteIds is not null)
        {
            Span<byte> utf8 = stackalloc byte[4];
            var count = rune.EncodeToUtf8(utf8);
            var all = true;
            for (var i = 0; i < count; i++)
            {
                all &= _byteIds[utf8[i]] >= 0;
            }
            if (all)
            {
                for (var i = 0; i < count; i++)
                {
                    ids.Add(_byteIds[utf8[i]]);
                }
                return false;
            }
        }
        if (_unknownId is not { } unk)
        {
            return false; // HF drops the character when there is no unk token.
        }
        if (!(unknownPending && _spec.FuseUnknown))
        {
            ids.Add(unk);
        }
        return true;
    }
}
