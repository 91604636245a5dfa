using EnergyGate.Core.Configuration;
using EnergyGate.Core.Runtimes.Served;

namespace EnergyGate.Core.Tests.Runtimes.Served;

/// <summary>What energygate.yml may say about <c>runtime: openai</c>.</summary>
public sealed class OpenAiConfigTests
{
    private static ResolvedSettings Resolve(string yaml) =>
        SettingsResolver.Resolve(Configuration.ConfigText.Parse("version: 1\n" + yaml), new Dictionary<string, string?>(), CliOverrides.None, "/home/u");

    [Fact]
    public void An_openai_entry_keeps_its_options_and_reads_them_with_defaults()
    {
        var settings = Resolve("runtimes:\n  - {runtime: openai, provider: remote, base-url: 'http://127.0.0.1:8000/v1/', model: qwen-coder, api-key-env: MY_KEY, concurrency: 4, timeout-seconds: 30}\n");
        var served = OpenAiSettings.From(settings.Runtimes[0]);

        Assert.Equal("http://127.0.0.1:8000/v1/completions", served.CompletionsUri.AbsoluteUri);
        Assert.Equal(("qwen-coder", "MY_KEY", 4, TimeSpan.FromSeconds(30)), (served.Model, served.ApiKeyEnv, served.Concurrency, served.Timeout));
        Assert.False(served.NamesServer);
        var plain = OpenAiSettings.From(Resolve("runtimes:\n  - {runtime: openai, provider: remote, base-url: 'https://h.example'}\n").Runtimes[0]);
        Assert.Equal(("https://h.example/v1/completions", null, 1, TimeSpan.FromSeconds(300)), (plain.CompletionsUri.AbsoluteUri, plain.Model, plain.Concurrency, plain.Timeout));
    }

    [Theory]
    [InlineData("  - {runtime: openai, provider: remote}\n", "runtimes[0]: runtime `openai` needs `base-url`")]
    [InlineData("  - {runtime: openai, provider: remote, base-url: 'ftp://h/x'}\n", "runtimes[0].base-url: `ftp://h/x` is not an absolute http:// or https:// URL")]
    [InlineData("  - {runtime: openai, provider: remote, base-url: 'localhost:8000'}\n", "runtimes[0].base-url: `localhost:8000` is not an absolute http:// or https:// URL")]
    [InlineData("  - {runtime: openai, provider: remote, base-url: 'http://h', api-key-env: '1KEY'}\n", "runtimes[0].api-key-env: `1KEY` is not an environment variable name")]
    [InlineData("  - {runtime: openai, provider: remote, base-url: 'http://h', api-key-env: 'sk-abc'}\n", "runtimes[0].api-key-env: `sk-abc` is not an environment variable name")]
    [InlineData("  - {runtime: openai, provider: remote, base-url: 'http://h', concurrency: 0}\n", "runtimes[0].concurrency:")]
    [InlineData("  - {runtime: openai, provider: remote, base-url: 'http://h', timeout-seconds: -1}\n", "runtimes[0].timeout-seconds:")]
    [InlineData("  - {runtime: openai, provider: remote, base-url: 'http://h', server-pid: 0}\n", "runtimes[0].server-pid:")]
    [InlineData("  - {runtime: openai, provider: remote, base-url: 'http://h', endpoint: chat}\n", "runtimes[0].endpoint: unknown value \"chat\"")]
    [InlineData("  - {runtime: openai, provider: remote, base-url: 'http://h', server-pid: 12, server-process: vllm}\n", "runtimes[0].server-pid: give `server-pid` or `server-process`, not both")]
    [InlineData("  - {runtime: openai, provider: cpu, base-url: 'http://h'}\n", "runtimes[0].provider: runtime `openai` reaches its model over HTTP; set `provider: remote`, not `cpu`")]
    [InlineData("  - {runtime: onnx, provider: remote}\n", "runtimes[0].provider: `remote` is the provider of `runtime: openai`")]
    [InlineData("  - {runtime: onnx, provider: cpu, base-url: 'http://h'}\n", "runtimes[0].base-url: `base-url` applies to runtime `openai` only, not `onnx`")]
    [InlineData("  - {runtime: openai, provider: remote, base-url: 'http://h', server-pid: 42}\n  - {runtime: onnx, provider: cpu}\n",
        "runtimes[0].server-pid: `server-pid` makes the estimate meter measure the server's process tree, so the plan cannot also run in-process runtimes (`onnx` at runtimes[1])")]
    [InlineData("  - {runtime: torch, provider: cpu}\n  - {runtime: openai, provider: remote, base-url: 'http://h', server-process: vllm}\n",
        "runtimes[1].server-process: `server-process` makes the estimate meter measure the server's process tree")]
    public void Bad_openai_options_are_refused_with_their_field(string entries, string expected)
    {
        var e = Assert.Throws<ConfigurationException>(() => Resolve("runtimes:\n" + entries));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_named_server_with_only_served_entries_is_accepted()
    {
        var settings = Resolve("runtimes:\n  - {runtime: openai, provider: remote, base-url: 'http://h', server-process: vllm}\n");
        Assert.Equal("vllm", OpenAiSettings.From(settings.Runtimes[0]).ServerProcess);
    }
}
