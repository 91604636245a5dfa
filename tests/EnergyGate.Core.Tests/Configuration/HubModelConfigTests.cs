using EnergyGate.Core.Configuration;

namespace EnergyGate.Core.Tests.Configuration;

/// <summary>A model's hub keys: <c>source: hf:...</c>, <c>files:</c>, <c>token-env:</c>.</summary>
public sealed class HubModelConfigTests
{
    [Fact]
    public void A_hub_source_is_kept_as_written_with_its_files_and_token_variable()
    {
        var settings = SettingsResolver.Resolve(
            ConfigText.Parse("version: 1\nmodels:\n  - name: coder\n    source: hf:Qwen/Qwen2.5-Coder-1.5B-Instruct@main\n    files: [\"onnx/model_q4.onnx*\", \"*.json\"]\n    token-env: MY_HF_TOKEN\n"),
            new Dictionary<string, string?>(), CliOverrides.None, "/home/u");

        var model = Assert.Single(settings.Models);
        Assert.Equal("hf:Qwen/Qwen2.5-Coder-1.5B-Instruct@main", model.Source);
        Assert.Equal(["onnx/model_q4.onnx*", "*.json"], model.Files);
        Assert.Equal("MY_HF_TOKEN", model.TokenEnv);
    }

    [Theory]
    [InlineData("    source: hf:acme/model\n", "energygate.yml:4:13: models[0].source: expected `hf:OWNER/NAME@REVISION`")]
    [InlineData("    source: ./m\n    files: [\"*.json\"]\n", "energygate.yml:5:12: models[0].files: applies only to `source: hf:OWNER/NAME@REVISION`")]
    [InlineData("    source: hf:acme/m@main\n    files: []\n", "energygate.yml:5:12: models[0].files: expected a non-empty list of glob patterns")]
    [InlineData("    source: hf:acme/m@main\n    files: [\"../x\"]\n", "energygate.yml:5:13: models[0].files[0]: expected a path without '.' or '..' parts, got `../x`")]
    [InlineData("    source: hf:acme/m@main\n    token-env: hf_abcdef-123\n", "energygate.yml:5:16: models[0].token-env: expected an environment variable's name")]
    [InlineData("    source: builtin:tiny\n    token-env: HF_TOKEN\n", "energygate.yml:5:16: models[0].token-env: applies only to `source: hf:OWNER/NAME@REVISION`")]
    public void Errors_name_the_position_and_what_was_expected(string modelKeys, string expectedStart) =>
        Assert.StartsWith(expectedStart, ConfigText.SingleError("version: 1\nmodels:\n  - name: m\n" + modelKeys), StringComparison.Ordinal);
}
