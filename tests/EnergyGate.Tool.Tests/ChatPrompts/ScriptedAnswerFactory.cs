using EnergyGate.Core.Configuration;
using EnergyGate.Core.Generation;

namespace EnergyGate.Tool.Tests.ChatPrompts;

/// <summary>
/// A runtime decorator whose sessions run the real model but force a scripted answer for the prompts it
/// knows (the logits put all weight on the next scripted id), and record every prompt they are given.
/// Unknown prompts get the real model's logits. Forced ids make the answer, and so the score, exact.
/// </summary>
internal sealed class ScriptedAnswerFactory(IDecoderSessionFactory inner, IReadOnlyDictionary<string, IReadOnlyList<int>> answers) : IDecoderSessionFactory
{
    /// <summary>Every prompt prefilled by any session, in order.</summary>
    public List<int[]> Prompts { get; } = [];

    public string Runtime => inner.Runtime;

    public string Version => inner.Version;

    public static string Key(IEnumerable<int> ids) => string.Join(',', ids);

    public IDecoderSession Open(string modelDirectory, RuntimeSettings runtime) => new Session(inner.Open(modelDirectory, runtime), this);

    private sealed class Session(IDecoderSession inner, ScriptedAnswerFactory owner) : IDecoderSession
    {
        private IReadOnlyList<int>? _answer;
        private int _next;
        private float[] _logits = [];

        public int VocabularySize => inner.VocabularySize;

        public int MaxSequenceLength => inner.MaxSequenceLength;

        public string Description => inner.Description + " (scripted)";

        public ReadOnlySpan<float> Prefill(ReadOnlySpan<int> promptIds)
        {
            var ids = promptIds.ToArray();
            lock (owner.Prompts)
            {
                owner.Prompts.Add(ids);
            }
            var real = inner.Prefill(promptIds);
            _answer = owner.AnswerFor(ids);
            _next = 0;
            return Forced(real);
        }

        public ReadOnlySpan<float> Decode(int tokenId) => Forced(inner.Decode(tokenId));

        private ReadOnlySpan<float> Forced(ReadOnlySpan<float> real)
        {
            if (_answer is null || _next >= _answer.Count)
            {
                return real;
            }
            _logits = new float[real.Length];
            _logits[_answer[_next++]] = 1;
            return _logits;
        }

        public void Reset()
        {
            _answer = null;
            inner.Reset();
        }

        public void Dispose() => inner.Dispose();
    }

    private IReadOnlyList<int>? AnswerFor(int[] prompt) => answers.GetValueOrDefault(Key(prompt));
}
