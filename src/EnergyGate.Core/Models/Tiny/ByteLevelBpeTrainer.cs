using System.Text;
using System.Text.RegularExpressions;

namespace EnergyGate.Core.Models.Tiny;

/// <summary>
/// Learns byte-level BPE merges the way GPT-2's tokenizer applies them: text split by GPT-2's
/// pre-tokenizer pattern, each piece's UTF-8 bytes mapped to printable characters by GPT-2's
/// byte-to-unicode table, then the most frequent adjacent pair merged, repeatedly. Ties go to the
/// pair of lower ids, so the result depends only on the text and the token count.
/// </summary>
internal static partial class ByteLevelBpeTrainer
{
    /// <summary>GPT-2's pre-tokenizer (also Hugging Face ByteLevel with use_regex).</summary>
    [GeneratedRegex(@"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+")]
    private static partial Regex PreTokenizer();

    /// <summary>GPT-2's bytes_to_unicode: printable bytes map to themselves, the rest to U+0100 onwards.</summary>
    public static char[] ByteToUnicode()
    {
        var map = new char[256];
        int next = 256;
        for (int b = 0; b < 256; b++)
        {
            bool printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            map[b] = printable ? (char)b : (char)next++;
        }

        return map;
    }

    /// <summary>
    /// Returns the token strings (ids 0..255 are the bytes 0..255, then one per new merged string) and
    /// the merges in rank order, stopping at <paramref name="tokenCount"/> tokens. Throws when the text
    /// runs out of pairs first.
    /// </summary>
    public static (List<string> Tokens, List<(string Left, string Right)> Merges) Train(string text, int tokenCount)
    {
        var byteChars = ByteToUnicode();
        var tokens = Enumerable.Range(0, 256).Select(b => byteChars[b].ToString()).ToList();
        var ids = tokens.Select((t, id) => (t, id)).ToDictionary(x => x.t, x => x.id, StringComparer.Ordinal);
        var wordCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match m in PreTokenizer().Matches(text))
        {
            wordCounts[m.Value] = wordCounts.GetValueOrDefault(m.Value) + 1;
        }

        var words = wordCounts.Select(w => Encoding.UTF8.GetBytes(w.Key).Select(b => (int)b).ToList()).ToArray();
        var counts = wordCounts.Values.ToArray();
        var pairs = new PairCounts();
        for (int w = 0; w < words.Length; w++)
        {
            pairs.AddWord(words[w], counts[w], w, +1);
        }

        var merges = new List<(string, string)>();
        while (tokens.Count < tokenCount)
        {
            if (!pairs.TryTakeBest(out long best, out var wordsWithPair))
            {
                throw new InvalidOperationException($"The training text yields only {tokens.Count} tokens, not {tokenCount}.");
            }

            int left = (int)(best >> 32), right = (int)(best & 0xFFFFFFFF);
            var joined = tokens[left] + tokens[right];
            // Different merges can spell the same string ("a"+"bc", "ab"+"c"): one id, as in a vocab map.
            if (!ids.TryGetValue(joined, out int merged))
            {
                merged = tokens.Count;
                ids.Add(joined, merged);
                tokens.Add(joined);
            }

            merges.Add((tokens[left], tokens[right]));
            foreach (int w in wordsWithPair)
            {
                pairs.AddWord(words[w], counts[w], w, -1);
                Merge(words[w], left, right, merged);
                pairs.AddWord(words[w], counts[w], w, +1);
            }
        }

        return (tokens, merges);
    }

    private static void Merge(List<int> symbols, int left, int right, int merged)
    {
        for (int i = 0; i + 1 < symbols.Count; i++)
        {
            if (symbols[i] == left && symbols[i + 1] == right)
            {
                symbols[i] = merged;
                symbols.RemoveAt(i + 1);
            }
        }
    }

    /// <summary>Pair frequencies kept up to date word by word, with a lazily cleaned max-heap.</summary>
    private sealed class PairCounts
    {
        private readonly Dictionary<long, int> _counts = [];
        private readonly Dictionary<long, HashSet<int>> _words = [];
        private readonly PriorityQueue<long, (int NegCount, long Key)> _heap = new();

        public void AddWord(List<int> symbols, int count, int word, int sign)
        {
            for (int i = 0; i + 1 < symbols.Count; i++)
            {
                long key = ((long)symbols[i] << 32) | (uint)symbols[i + 1];
                int updated = _counts.GetValueOrDefault(key) + sign * count;
                _counts[key] = updated;
                if (sign > 0)
                {
                    (_words.TryGetValue(key, out var set) ? set : _words[key] = []).Add(word);
                }

                _heap.Enqueue(key, (-updated, key));
            }
        }

        public bool TryTakeBest(out long key, out int[] words)
        {
            while (_heap.TryDequeue(out key, out var priority))
            {
                int current = _counts.GetValueOrDefault(key);
                if (current > 0 && current == -priority.NegCount)
                {
                    // Sorted: the words are updated in a fixed order, whatever the set's internals.
                    words = [.. _words[key].Order()];
                    _words.Remove(key);
                    return true;
                }
            }

            words = [];
            return false;
        }
    }
}
