using System.Text.Json;
using System.Text.Json.Nodes;
using EnergyGate.Core.Generation.ChatTemplates;
using EnergyGate.Core.Generation.Tokenizers;
using EnergyGate.Core.Suites.Smoke;

namespace EnergyGate.Tool.Tests.ChatPrompts;

/// <summary>
/// <c>prompt-format: chat</c> end to end: the tiny model's folder given a Qwen2.5-style chat template and its
/// special tokens, a run on the smoke suite whose prompts must be the template's (special ids included), whose
/// forced fenced answers must be scored through the chat program, and whose settings hash differs from raw.
/// </summary>
public sealed class ChatPromptEndToEndTests : IDisposable
{
    // Qwen2.5 Instruct's template without its tool branches (the full one is tested byte for byte in Core).
    private const string QwenTemplate =
        "{%- if messages[0]['role'] == 'system' %}{{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' }}" +
        "{%- else %}{{- '<|im_start|>system\\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\\n' }}{%- endif %}" +
        "{%- for message in messages %}{%- if message.role != 'system' %}" +
        "{{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}{%- endif %}{%- endfor %}" +
        "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}";

    private const string SystemText = "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.";

    // Inside the answer's code block, after the function: the sanitizer drops it, a raw program would run it and fail.
    private const string TestCodeTheSanitizerDrops = "\nassert False, 'an example run the sanitizer drops'\n";

    private readonly string _dir = Directory.CreateTempSubdirectory("energygate-chat-").FullName;

    public void Dispose()
    {
        RuntimeRegistry.Decorator = null;
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_chat_run_gives_the_templates_prompt_ids_and_scores_fenced_answers_through_the_chat_program()
    {
        var model = await InstructModelAsync();
        var tokenizer = HuggingFaceTokenizer.Load(model);
        var (start, end) = (SpecialId(model, "<|im_start|>"), SpecialId(model, "<|im_end|>"));
        // The end-of-turn token ends generation: tokenizer_config.json's eos_token joins config.json's.
        Assert.Contains(end, tokenizer.EndOfSequenceIds);

        var problems = SmokeSuite.Load().Take(2).ToList();
        var expected = problems.ToDictionary(p => p.TaskId, p => ExpectedIds(tokenizer, start, end, p.Prompt));
        var answers = problems.ToDictionary(
            p => ScriptedAnswerFactory.Key(expected[p.TaskId]),
            p => (IReadOnlyList<int>)[.. tokenizer.Encode(p.Prompt + p.CanonicalSolution + TestCodeTheSanitizerDrops + "```\n"), end]);
        ScriptedAnswerFactory? scripted = null;
        RuntimeRegistry.Decorator = inner => scripted = new ScriptedAnswerFactory(inner, answers);

        var chat = await RunAsync(model, "chat");
        var chatPrompts = scripted!.Prompts.ToList();
        var raw = await RunAsync(model, "raw");

        // Every chat prompt the model saw (warm-ups included) is one of the template's, id for id.
        Assert.All(chatPrompts, p => Assert.Contains(ScriptedAnswerFactory.Key(p), answers.Keys));
        Assert.Equal(expected.Values.Select(ScriptedAnswerFactory.Key).Order(), chatPrompts.Select(ScriptedAnswerFactory.Key).Distinct().Order());

        var samples = chat.Records.Where(r => r.GetProperty("type").GetString() == "sample").ToList();
        Assert.Equal(2, samples.Count);
        Assert.All(samples, s =>
        {
            Assert.Equal("chat", s.GetProperty("prompt_format").GetString());
            Assert.Equal(expected[s.GetProperty("task_id").GetString()!].Count, s.GetProperty("prompt_tokens").GetInt32());
            // Stopped at EvalPlus's chat stop (the closing fence), the test code still in the completion.
            Assert.EndsWith(TestCodeTheSanitizerDrops.TrimEnd('\n'), s.GetProperty("completion").GetString(), StringComparison.Ordinal);
        });
        var scores = chat.Records.Where(r => r.GetProperty("type").GetString() == "score").ToList();
        Assert.Equal(2, scores.Count);
        Assert.All(scores, s => Assert.True(s.GetProperty("passed").GetBoolean(), s.GetProperty("result").GetString()));

        Assert.NotEqual(raw.Header.GetProperty("settings_hash").GetString(), chat.Header.GetProperty("settings_hash").GetString());
        Assert.Equal("chat", chat.Header.GetProperty("fingerprint").GetProperty("prompt_format.smoke/instruct/onnx/cpu").GetString());
        Assert.False(raw.Header.GetProperty("fingerprint").TryGetProperty("prompt_format.smoke/instruct/onnx/cpu", out _));
        Assert.All(raw.Records.Where(r => r.GetProperty("type").GetString() == "sample"), s => Assert.False(s.TryGetProperty("prompt_format", out _)));

        // Re-scoring the answers as a samples file: the chat program passes them, the raw one runs the test code.
        var samplesFile = Path.Combine(_dir, "answers.jsonl");
        await File.WriteAllLinesAsync(samplesFile, samples.Select(s => new JsonObject
        {
            ["task_id"] = s.GetProperty("task_id").GetString(),
            ["completion"] = s.GetProperty("completion").GetString(),
        }.ToJsonString()));
        var asChat = await ToolRunner.RunAsync("score", "smoke", "--samples", samplesFile, "--k", "1", "--prompt-format", "chat", "--format", "json");
        Assert.True(asChat.ExitCode == 0, asChat.Error);
        Assert.Equal(1.0, PassAt1(asChat.Output));
        var asRaw = await ToolRunner.RunAsync("score", "smoke", "--samples", samplesFile, "--k", "1", "--format", "json");
        Assert.True(asRaw.ExitCode == 0, asRaw.Error);
        Assert.Equal(0.0, PassAt1(asRaw.Output));
    }

    /// <summary>The template's conversation, built here from its parts: special ids between plain-text encodings.</summary>
    private static List<int> ExpectedIds(HuggingFaceTokenizer tokenizer, int start, int end, string taskPrompt)
    {
        var user = $"{HumanEvalChatPrompt.InstructionPrefix}\n```\n{taskPrompt.Trim()}\n```\n";
        return [start, .. tokenizer.Encode("system\n" + SystemText), end, .. tokenizer.Encode("\n"),
            start, .. tokenizer.Encode("user\n" + user), end, .. tokenizer.Encode("\n"),
            start, .. tokenizer.Encode($"assistant\n{HumanEvalChatPrompt.ResponsePrefix}\n```python\n")];
    }

    private static double PassAt1(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("pass_at_k").GetProperty("pass@1").GetDouble();
    }

    private sealed record Recorded(JsonElement Header, List<JsonElement> Records);

    private async Task<Recorded> RunAsync(string model, string format)
    {
        var config = Path.Combine(_dir, $"{format}.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 1
            cache-dir: cache
            models:
              - name: instruct
                source: {model}
                prompt-format: {format}
            runtimes:
              - runtime: onnx
                provider: cpu
            suites:
              - name: smoke
                limit: 2
            measurement:
              repetitions: 1
              warmup: 1
              idle-seconds: 0
            decoding:
              max-new-tokens: 700

            """);
        var results = Path.Combine(_dir, $"{format}.jsonl");
        var run = await ToolRunner.RunAsync("run", "--config", config, "--results", results);
        Assert.True(run.ExitCode == 0, run.Error);
        var lines = (await File.ReadAllLinesAsync(results)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        return new Recorded(lines[0], lines);
    }

    /// <summary>The tiny model's folder made an "instruct" model: two special tokens take the last two merges' ids, plus a chat template.</summary>
    private async Task<string> InstructModelAsync()
    {
        var folder = Path.Combine(_dir, "instruct");
        var made = await ToolRunner.RunAsync("model", "tiny", "--out", folder, "--context", "2048");
        Assert.True(made.ExitCode == 0, made.Error);
        var path = Path.Combine(folder, "tokenizer.json");
        var tokenizer = JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject();
        var bpe = tokenizer["model"]!.AsObject();
        var vocab = bpe["vocab"]!.AsObject();
        var merges = bpe["merges"]!.AsArray();
        var added = tokenizer["added_tokens"]!.AsArray();
        foreach (var special in new[] { "<|im_end|>", "<|im_start|>" })
        {
            // The last merge's token is never produced once its merge is gone, so its id is free for the special token.
            var merge = merges[^1]!.GetValue<string>().Split(' ');
            merges.RemoveAt(merges.Count - 1);
            var id = vocab[merge[0] + merge[1]]!.GetValue<int>();
            vocab.Remove(merge[0] + merge[1]);
            vocab[special] = id;
            added.Add(new JsonObject
            {
                ["id"] = id, ["content"] = special, ["single_word"] = false, ["lstrip"] = false,
                ["rstrip"] = false, ["normalized"] = false, ["special"] = true,
            });
        }
        await File.WriteAllTextAsync(path, tokenizer.ToJsonString());
        await File.WriteAllTextAsync(Path.Combine(folder, TokenizerChatTemplate.FileName), new JsonObject
        {
            ["chat_template"] = QwenTemplate,
            ["eos_token"] = "<|im_end|>",
            ["bos_token"] = null,
        }.ToJsonString());
        return folder;
    }

    private static int SpecialId(string model, string content)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(model, "tokenizer.json")));
        return doc.RootElement.GetProperty("added_tokens").EnumerateArray()
            .Single(t => t.GetProperty("content").GetString() == content).GetProperty("id").GetInt32();
    }
}
