using EnergyGate.Core.Suites.LongBench;

namespace EnergyGate.Core.Tests.Suites.LongBench;

/// <summary>Prompts exactly as LongBench's config/dataset2prompt.json and dataset2maxlen.json give them.</summary>
public sealed class LongBenchPromptTests
{
    private static readonly LongBenchRecord Record = new(
        "id", Input: "x = f(", Context: "def f(a):\n    return {a}\n", Answers: ["x = f(1)"], Length: 9, Dataset: "lcc", Language: "python", AllClasses: null);

    [Theory]
    [InlineData("lcc")]
    [InlineData("lcc_e")]
    public void Lcc_prompt_is_the_context_without_the_input(string task)
    {
        Assert.Equal(
            "Please complete the code given below. \ndef f(a):\n    return {a}\nNext line of code:\n",
            LongBenchPrompt.Build(Record, LongBenchTasks.Find(task)));
    }

    [Theory]
    [InlineData("repobench-p")]
    [InlineData("repobench-p_e")]
    public void RepoBench_prompt_is_the_context_then_the_input(string task)
    {
        Assert.Equal(
            "Please complete the code given below. \ndef f(a):\n    return {a}\nx = f(Next line of code:\n",
            LongBenchPrompt.Build(Record, LongBenchTasks.Find(task)));
    }

    [Fact]
    public void Placeholders_inside_the_context_are_copied_not_filled()
    {
        // Python's str.format fills the template in one pass; a sequential Replace would put the input here.
        var record = Record with { Context = "s = \"{input}{context}\"\n" };

        Assert.Equal(
            "Please complete the code given below. \ns = \"{input}{context}\"\nx = f(Next line of code:\n",
            LongBenchPrompt.Build(record, LongBenchTasks.RepoBenchP));
    }

    [Fact]
    public void Code_tasks_generate_at_most_64_tokens()
    {
        Assert.All(LongBenchTasks.All, t => Assert.Equal(64, t.MaxNewTokens));
        Assert.Equal(["lcc", "repobench-p", "lcc_e", "repobench-p_e"], LongBenchTasks.All.Select(t => t.Name));
    }

    [Fact]
    public void Unknown_placeholder_in_a_custom_template_is_rejected()
    {
        var task = new LongBenchTask("custom", "{question}", 8);

        var ex = Assert.Throws<ArgumentException>(() => LongBenchPrompt.Build(Record, task));

        Assert.StartsWith("task custom: unknown placeholder {question}", ex.Message, StringComparison.Ordinal);
    }
}
