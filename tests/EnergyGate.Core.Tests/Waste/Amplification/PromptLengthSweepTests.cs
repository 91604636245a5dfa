using EnergyGate.Core.Generation.Tokenizers;
using EnergyGate.Core.Suites.Smoke;
using EnergyGate.Core.Tests.TestSupport;
using EnergyGate.Core.Waste.Amplification;

namespace EnergyGate.Core.Tests.Waste.Amplification;

public sealed class PromptLengthSweepTests
{
    private static readonly HuggingFaceTokenizer Tokenizer =
        HuggingFaceTokenizer.Load(Path.Combine(RepoPaths.RepoRoot, "tests", "TestData", "tokenizers", "bytelevel-bpe"));

    [Theory]
    [InlineData(128)]
    [InlineData(512)]
    [InlineData(2048)]
    [InlineData(20000)]   // beyond the corpus: the padding cycles
    public void Every_smoke_prompt_reaches_the_target_and_ends_with_the_original_prompt(int target)
    {
        var padding = PromptLengthSweep.CorpusPadding();
        foreach (var problem in SmokeSuite.Load().Where(p => Tokenizer.Encode(p.Prompt).Count < target))
        {
            var swept = PromptLengthSweep.Build(problem, Tokenizer, target, padding);
            Assert.True(swept.WithinTolerance, $"{problem.TaskId}: {swept.Tokens} tokens for {target}");
            // A cut line can merge or split a token at the boundary, so "exact" is a few tokens at most.
            Assert.InRange(swept.Tokens, target - 5, target);
            Assert.Equal(Tokenizer.Encode(swept.Text).Count, swept.Tokens);
            Assert.EndsWith(problem.Prompt, swept.Text, StringComparison.Ordinal);
            var context = swept.Text[..^problem.Prompt.Length];
            Assert.All(context.Split('\n')[..^1], line => Assert.StartsWith("#", line, StringComparison.Ordinal));
            Assert.True(swept.ContextLines > 0);
        }
    }

    [Fact]
    public void Padding_is_real_code_from_the_corpus()
    {
        var problem = SmokeSuite.Load()[0];
        var padding = PromptLengthSweep.CorpusPadding();
        var swept = PromptLengthSweep.Build(problem, Tokenizer, 512, padding);
        var wholeLines = swept.Text[..^problem.Prompt.Length].Split('\n')[1..^1];
        Assert.All(wholeLines, line => Assert.Contains(line[2..], padding, StringComparison.Ordinal));
    }

    [Fact]
    public void The_sweep_is_deterministic_and_differs_between_tasks()
    {
        var problems = SmokeSuite.Load();
        var padding = PromptLengthSweep.CorpusPadding();
        var first = PromptLengthSweep.Build(problems[0], Tokenizer, 512, padding);
        Assert.Equal(first, PromptLengthSweep.Build(problems[0], Tokenizer, 512, padding));
        var other = PromptLengthSweep.Build(problems[1], Tokenizer, 512, padding);
        Assert.NotEqual(first.Text[..200], other.Text[..200]);
    }

    [Fact]
    public void A_prompt_already_over_the_target_is_unchanged()
    {
        var problem = SmokeSuite.Load()[0];
        var swept = PromptLengthSweep.Build(problem, Tokenizer, 4, "x = 1");
        Assert.Equal(problem.Prompt, swept.Text);
        Assert.Equal(0, swept.ContextLines);
        Assert.False(swept.WithinTolerance);
    }

    [Fact]
    public void Blank_padding_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => PromptLengthSweep.Build("def f():\n", Tokenizer, 128, " \n\n"));
    }

    [Fact]
    public void Lengths_parse_in_order()
    {
        Assert.Equal([128, 512, 2048], PromptLengthSweep.ParseLengths("128, 512,2048"));
        Assert.Equal([64], PromptLengthSweep.ParseLengths("64"));
    }

    [Theory]
    [InlineData("128,abc", "'abc'")]
    [InlineData("128,0", "'0'")]
    [InlineData("-5", "'-5'")]
    [InlineData("128,,512", "''")]
    [InlineData("1e3", "'1e3'")]
    [InlineData("128,512,512", "512 is listed twice")]
    [InlineData("512,128", "128 comes after 512")]
    [InlineData(" ", "comma-separated")]
    public void Bad_lengths_are_rejected_naming_the_value(string text, string expected)
    {
        var error = Assert.Throws<EnergyGateException>(() => PromptLengthSweep.ParseLengths(text));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("--prompt-lengths:", error.Message, StringComparison.Ordinal);
    }
}
