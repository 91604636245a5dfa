using EnergyGate.Core.Generation;
using EnergyGate.Core.Tests.Generation.Fakes;

namespace EnergyGate.Core.Tests.Generation;

public sealed class GeneratorTests
{
    private static readonly int[] Prompt = ByteTokenizer.Bytes("def f():\n");

    private static GenerationResult Run(ScriptedSession session, GenerationSettings? settings = null,
        ByteTokenizer? tokenizer = null, GenerationHooks? hooks = null, int[]? prompt = null) =>
        new Generator().Generate(session, tokenizer ?? new ByteTokenizer(), prompt ?? Prompt, settings ?? new GenerationSettings(), hooks);

    [Fact]
    public void Greedy_generation_is_deterministic()
    {
        var settings = new GenerationSettings { MaxNewTokens = 12 };
        var first = Run(new ScriptedSession(ByteTokenizer.Bytes("    return 1")), settings);
        var second = Run(new ScriptedSession(ByteTokenizer.Bytes("    return 1")), settings);
        Assert.Equal("    return 1", first.Completion);
        Assert.Equal(first.GeneratedIds, second.GeneratedIds);
        Assert.Equal(first.RawText, second.RawText);
    }

    [Fact]
    public void Warm_up_makes_two_tokens_of_a_short_code_prompt_then_resets()
    {
        var session = new ScriptedSession(ByteTokenizer.Bytes("abc"));
        new Generator().WarmUp(session, new ByteTokenizer(), new GenerationSettings { MaxNewTokens = 200, StopStrings = ["\ndef"] });
        var warmPrompt = ByteTokenizer.Bytes("def f():\n").Length;
        Assert.Equal(["Reset", $"Prefill:{warmPrompt}", "Decode:97", "Reset"], session.Calls);
    }

    [Fact]
    public void Resets_then_prefills_once_and_never_decodes_a_token_it_will_not_use()
    {
        var session = new ScriptedSession(ByteTokenizer.Bytes("abc"));
        var result = Run(session, new GenerationSettings { MaxNewTokens = 3 });
        Assert.Equal(["Reset", $"Prefill:{Prompt.Length}", "Decode:97", "Decode:98"], session.Calls);
        Assert.Equal(3, result.GeneratedTokenCount);
        Assert.Equal(2, result.Timeline.DecodeSteps);
        Assert.Equal(StopReason.MaxNewTokens, result.StopReason);
        Assert.Equal("3 new tokens", result.StopDetail);
    }

    [Fact]
    public void A_used_session_is_reset_before_the_next_prompt()
    {
        var session = new ScriptedSession(ByteTokenizer.Bytes("ab"));
        Run(session, new GenerationSettings { MaxNewTokens = 2 });
        Run(session, new GenerationSettings { MaxNewTokens = 2 });
        Assert.Equal(2, session.Calls.Count(c => c == "Reset"));
        Assert.Equal("Reset", session.Calls[3]);
    }

    [Fact]
    public void Tokenizer_end_of_sequence_stops_without_text_or_another_forward_pass()
    {
        var session = new ScriptedSession([.. ByteTokenizer.Bytes("ab"), ByteTokenizer.Eos]);
        var result = Run(session);
        Assert.Equal(StopReason.EndOfSequence, result.StopReason);
        Assert.Equal("end-of-sequence token 256", result.StopDetail);
        Assert.Equal([97, 98, ByteTokenizer.Eos], result.GeneratedIds);
        Assert.Equal("ab", result.RawText);
        Assert.Equal("ab", result.Completion);
        Assert.Equal(2, session.DecodeCount);
    }

    [Fact]
    public void Settings_add_end_of_sequence_ids()
    {
        var result = Run(new ScriptedSession(ByteTokenizer.Bytes("ab;cd")), new GenerationSettings { EndOfSequenceIds = [';'] });
        Assert.Equal(StopReason.EndOfSequence, result.StopReason);
        Assert.Equal("ab", result.Completion);
        Assert.Equal(3, result.GeneratedTokenCount);
    }

    [Fact]
    public void Context_full_stops_when_prompt_plus_generated_reaches_the_limit()
    {
        var session = new ScriptedSession(ByteTokenizer.Bytes("abcdef")) { MaxSequenceLength = Prompt.Length + 3 };
        var result = Run(session);
        Assert.Equal(StopReason.ContextFull, result.StopReason);
        Assert.Equal("abc", result.Completion);
        Assert.Equal(2, session.DecodeCount);
        Assert.Contains($"{Prompt.Length + 3} positions", result.StopDetail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prompt_one_short_of_the_limit_still_gets_its_first_token()
    {
        var session = new ScriptedSession(ByteTokenizer.Bytes("a")) { MaxSequenceLength = Prompt.Length + 1 };
        var result = Run(session);
        Assert.Equal(StopReason.ContextFull, result.StopReason);
        Assert.Equal("a", result.Completion);
        Assert.Equal(0, session.DecodeCount);
    }

    [Fact]
    public void Utf8_characters_split_across_tokens_come_out_whole()
    {
        var result = Run(new ScriptedSession([.. ByteTokenizer.Bytes("# é😀"), ByteTokenizer.Eos]));
        Assert.Equal("# é😀", result.Completion);
        Assert.Equal(9, result.GeneratedTokenCount);   // 8 bytes + end-of-sequence
    }

    [Fact]
    public void A_character_still_incomplete_at_the_limit_is_kept_as_a_replacement_char()
    {
        var result = Run(new ScriptedSession([.. ByteTokenizer.Bytes("a"), 0xC3]), new GenerationSettings { MaxNewTokens = 2 });
        Assert.Equal("a\uFFFD", result.RawText);
    }

    [Fact]
    public void The_selector_hook_forces_tokens_while_the_model_runs_for_each()
    {
        var session = new ScriptedSession(ByteTokenizer.Bytes("zzz"));
        var hooks = new GenerationHooks { Selector = new ScriptedSelector(ByteTokenizer.Bytes("ok!")) };
        var result = Run(session, new GenerationSettings { MaxNewTokens = 3 }, hooks: hooks);
        Assert.Equal("ok!", result.Completion);
        Assert.Equal(["Decode:111", "Decode:107"], session.Calls.Skip(2));
    }

    [Fact]
    public void The_observer_sees_every_token_with_its_timeline_instant()
    {
        var seen = new List<GeneratedToken>();
        var hooks = new GenerationHooks { OnToken = seen.Add };
        var tokenizer = new ByteTokenizer();
        var result = new Generator(new FakeClock(stepPerRead: 3)).Generate(
            new ScriptedSession([.. ByteTokenizer.Bytes("aé"), ByteTokenizer.Eos]), tokenizer, Prompt, new GenerationSettings(), hooks);
        Assert.Equal(["a", "", "é", ""], seen.Select(t => t.Text));
        Assert.Equal([0, 1, 2, 3], seen.Select(t => t.Index));
        Assert.Equal(result.GeneratedIds, seen.Select(t => t.TokenId));
        Assert.Equal(result.Timeline.TokenTimes, seen.Select(t => t.Timestamp));
    }

    [Fact]
    public void Sampling_through_the_generator_is_reproducible_per_seed()
    {
        var session = new ScriptedSession { LogitsAt = _ => Letters() };
        GenerationResult Sample(int seed) => Run(session, new GenerationSettings { Temperature = 1, Seed = seed, MaxNewTokens = 40 });
        Assert.Equal(Sample(1).Completion, Sample(1).Completion);
        Assert.NotEqual(Sample(1).Completion, Sample(2).Completion);
    }

    // Equal logits for 'a'..'z', nothing else possible.
    private static float[] Letters()
    {
        var logits = Enumerable.Repeat(float.NegativeInfinity, 300).ToArray();
        for (var c = 'a'; c <= 'z'; c++)
            logits[c] = 0;
        return logits;
    }
}
