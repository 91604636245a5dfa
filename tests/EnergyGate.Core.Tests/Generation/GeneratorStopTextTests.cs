using EnergyGate.Core.Generation;
using EnergyGate.Core.Tests.Generation.Fakes;

namespace EnergyGate.Core.Tests.Generation;

public sealed class GeneratorStopTextTests
{
    private static readonly GenerationSettings HumanEval = new() { StopStrings = GenerationSettings.HumanEvalStopStrings, MaxNewTokens = 64 };

    private static GenerationResult Run(ByteTokenizer tokenizer, int[] script, string prompt = "def f():\n",
        GenerationSettings? settings = null, GenerationHooks? hooks = null, ScriptedSession? session = null) =>
        new Generator().Generate(session ?? new ScriptedSession(script), tokenizer, prompt, settings ?? HumanEval, hooks);

    [Fact]
    public void A_stop_string_spanning_two_tokens_stops_and_cuts_the_completion()
    {
        var tokenizer = new ByteTokenizer();
        var session = new ScriptedSession(tokenizer.AddPiece("    return 1\n"), tokenizer.AddPiece("def"), tokenizer.AddPiece(" g():"));
        var result = Run(tokenizer, [], session: session);
        Assert.Equal(StopReason.StopString, result.StopReason);
        Assert.Equal("\ndef", result.StopDetail);
        Assert.Equal("    return 1", result.Completion);
        Assert.Equal("    return 1\ndef", result.RawText);
        Assert.Equal(1, session.DecodeCount);
    }

    [Fact]
    public void Text_after_the_stop_string_in_the_same_token_stays_in_the_raw_text_only()
    {
        var tokenizer = new ByteTokenizer();
        var result = Run(tokenizer, [tokenizer.AddPiece("    return x\n\nprint(f"), tokenizer.AddPiece("(2))")]);
        Assert.Equal("\nprint", result.StopDetail);
        Assert.Equal("    return x\n", result.Completion);
        Assert.Equal("    return x\n\nprint(f", result.RawText);
    }

    [Fact]
    public void The_earliest_of_several_stop_strings_wins()
    {
        var tokenizer = new ByteTokenizer();
        var result = Run(tokenizer, [tokenizer.AddPiece("    pass\ndef g(): pass\n# done")]);
        Assert.Equal("\ndef", result.StopDetail);
        Assert.Equal("    pass", result.Completion);
    }

    [Fact]
    public void Stop_strings_in_the_prompt_or_across_its_end_do_not_stop()
    {
        var tokenizer = new ByteTokenizer();
        // The prompt ends in "\n" and holds "\ndef" and "\n#"; the generated text starts with "def".
        var result = Run(tokenizer, ByteTokenizer.Bytes("def g"), prompt: "# helper\ndef f():\n#\n", settings: HumanEval with { MaxNewTokens = 5 });
        Assert.Equal(StopReason.MaxNewTokens, result.StopReason);
        Assert.Equal("def g", result.Completion);
    }

    [Fact]
    public void A_stop_string_after_a_split_character_is_found()
    {
        var result = Run(new ByteTokenizer(), ByteTokenizer.Bytes("    s = 'é'\n# end"));
        Assert.Equal("    s = 'é'", result.Completion);
        Assert.Equal(StopReason.StopString, result.StopReason);
    }

    [Fact]
    public void A_criterion_sees_only_generated_text_and_says_where_it_ends()
    {
        var criterion = new StopAfterLine("return");
        var hooks = new GenerationHooks { Criteria = [criterion] };
        var session = new ScriptedSession(ByteTokenizer.Bytes("    return 1\n    extra\n"));
        var result = Run(new ByteTokenizer(), [], prompt: "def f():\n    \"\"\"return\"\"\"\n", hooks: hooks, session: session);
        Assert.Equal(StopReason.Criterion, result.StopReason);
        Assert.Equal("line ending in return 1", result.StopDetail);
        Assert.Equal("    return 1\n", result.Completion);
        Assert.Equal("    return 1\n", result.RawText);
        Assert.Equal(13, criterion.LastTokenCount);
        Assert.Equal(13, criterion.Calls);   // once per token that released text
    }

    [Fact]
    public void Stop_strings_are_checked_before_criteria()
    {
        var hooks = new GenerationHooks { Criteria = [new StopAfterLine("return")] };
        var result = Run(new ByteTokenizer(), ByteTokenizer.Bytes("    return 1\n#"), hooks: hooks);
        Assert.Equal(StopReason.Criterion, result.StopReason);   // the line ended before "#" arrived
        var tokenizer = new ByteTokenizer();
        var both = Run(tokenizer, [tokenizer.AddPiece("    return 1\n#")], hooks: hooks);
        Assert.Equal(StopReason.StopString, both.StopReason);
    }

    [Fact]
    public void A_criterion_end_outside_the_text_is_a_bug_report()
    {
        var hooks = new GenerationHooks { Criteria = [new Fixed(new TextStop(99, "broken"))] };
        var error = Assert.Throws<InvalidOperationException>(() => Run(new ByteTokenizer(), ByteTokenizer.Bytes("ab"), hooks: hooks));
        Assert.Contains("TextEnd 99", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Stops after the first complete line that contains <c>word</c>; the babble-stopper in miniature.</summary>
    private sealed class StopAfterLine(string word) : ITextStoppingCriterion
    {
        public int Calls { get; private set; }

        public int LastTokenCount { get; private set; }

        public TextStop? Check(GeneratedText text)
        {
            Calls++;
            LastTokenCount = text.TokenCount;
            if (!text.NewText.Contains('\n'))
                return null;
            var done = text.Text[..(text.Text.LastIndexOf('\n') + 1)];
            var lineStart = done[..^1].LastIndexOf('\n') + 1;
            var line = done[lineStart..^1].ToString();
            return line.Contains(word, StringComparison.Ordinal) ? new TextStop(done.Length, $"line ending in {line.Trim()}") : null;
        }
    }

    private sealed class Fixed(TextStop stop) : ITextStoppingCriterion
    {
        public TextStop? Check(GeneratedText text) => stop;
    }
}
