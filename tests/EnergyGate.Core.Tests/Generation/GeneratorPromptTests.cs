using EnergyGate.Core.Generation;
using EnergyGate.Core.Tests.Generation.Fakes;

namespace EnergyGate.Core.Tests.Generation;

public sealed class GeneratorPromptTests
{
    private static EnergyGateException Reject(ScriptedSession session, IReadOnlyList<int> prompt) =>
        Assert.Throws<EnergyGateException>(() => new Generator().Generate(session, new ByteTokenizer(), prompt, new GenerationSettings()));

    [Fact]
    public void An_id_outside_the_model_vocabulary_is_rejected_before_the_model_sees_anything()
    {
        // The shared tiny model embeds 1,000 ids while its GPT-2 tokenizer knows 50,295.
        var session = new ScriptedSession { VocabularySize = 1000 };
        var error = Reject(session, [12, 400, 999, 50256, 7]);
        Assert.StartsWith(
            "prompt token 50256 at position 3 is outside the model's vocabulary of 1000 ids: the tokenizer does not match the model",
            error.Message, StringComparison.Ordinal);
        Assert.Empty(session.Calls);
    }

    [Fact]
    public void A_negative_id_is_rejected_too()
    {
        var error = Reject(new ScriptedSession(), [1, -1]);
        Assert.StartsWith("prompt token -1 at position 1 is outside", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_prompt_is_rejected()
    {
        var session = new ScriptedSession();
        Assert.Contains("the prompt has no tokens", Reject(session, []).Message, StringComparison.Ordinal);
        var fromText = Assert.Throws<EnergyGateException>(
            () => new Generator().Generate(session, new ByteTokenizer(), "", new GenerationSettings()));
        Assert.Contains("no tokens", fromText.Message, StringComparison.Ordinal);
        Assert.Empty(session.Calls);
    }

    [Fact]
    public void A_prompt_that_fills_the_context_is_rejected()
    {
        var session = new ScriptedSession { MaxSequenceLength = 4 };
        var error = Reject(session, [1, 2, 3, 4]);
        Assert.Equal(
            "the prompt has 4 tokens but fake/cpu scripted holds at most 4 (prompt + generated): " +
            "shorten the prompt or use a model with a longer context",
            error.Message);
        Assert.Empty(session.Calls);
    }

    [Fact]
    public void Invalid_settings_are_rejected_before_the_model_runs()
    {
        var session = new ScriptedSession();
        Assert.Throws<EnergyGateException>(
            () => new Generator().Generate(session, new ByteTokenizer(), [1], new GenerationSettings { MaxNewTokens = 0 }));
        Assert.Empty(session.Calls);
    }

    [Fact]
    public void A_selector_choosing_outside_the_vocabulary_is_a_clear_error()
    {
        var hooks = new GenerationHooks { Selector = new ScriptedSelector(5, 1000) };
        var error = Assert.Throws<EnergyGateException>(() => new Generator().Generate(
            new ScriptedSession { VocabularySize = 1000 }, new ByteTokenizer(), [1], new GenerationSettings(), hooks));
        Assert.StartsWith("the token selector chose id 1000 for generated token 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_text_overload_encodes_with_the_tokenizer()
    {
        var session = new ScriptedSession(ByteTokenizer.Bytes("!"));
        var result = new Generator().Generate(session, new ByteTokenizer(), "héllo", new GenerationSettings { MaxNewTokens = 1 });
        Assert.Equal(6, result.PromptTokenCount);
        Assert.Equal("Prefill:6", session.Calls[1]);
        Assert.Equal("!", result.Completion);
    }
}
