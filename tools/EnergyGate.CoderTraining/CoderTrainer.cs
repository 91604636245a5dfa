using System.Globalization;
using EnergyGate.Core.Models.Coder;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace EnergyGate.CoderTraining;

/// <summary>Training settings; the defaults made the shipped weights.</summary>
/// <param name="Steps">Full-batch AdamW steps (every example in every step).</param>
/// <param name="Seed">torch's seed for the initial weights.</param>
/// <param name="LearningRate">Peak learning rate (linear warm-up over the first 5 %, cosine decay to 10 %).</param>
internal sealed record TrainingOptions(int Steps = 250, int Seed = 1, double LearningRate = 3e-3);

/// <summary>
/// Trains <see cref="CoderGpt2"/> on the examples with the loss on completion tokens only, on one CPU
/// thread with a fixed seed and full batches, so a re-run gives the same bytes.
/// </summary>
internal static class CoderTrainer
{
    private const long Ignore = -100;

    public static CoderGpt2 Train(IReadOnlyList<CoderExample> examples, TrainingOptions options, TextWriter log)
    {
        torch.set_num_threads(1);
        torch.manual_seed(options.Seed);
        var spec = CoderModel.Spec;
        var model = new CoderGpt2(spec, CoderModel.SharedBlocks);
        var (ids, targets) = Batch(examples, spec.EosId);
        using var optimizer = optim.AdamW(model.parameters(), lr: options.LearningRate, weight_decay: 0.0);
        int warmup = Math.Max(1, options.Steps / 20);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int step = 1; step <= options.Steps; step++)
        {
            using var scope = NewDisposeScope();
            double rate = step <= warmup
                ? options.LearningRate * step / warmup
                : options.LearningRate * (0.1 + 0.9 * 0.5 * (1 + Math.Cos(Math.PI * (step - warmup) / Math.Max(1, options.Steps - warmup))));
            foreach (var group in optimizer.ParamGroups)
            {
                group.LearningRate = rate;
            }

            optimizer.zero_grad();
            var logits = model.forward(ids);
            var loss = F.cross_entropy(logits.reshape(-1, spec.Vocab), targets.reshape(-1), ignore_index: Ignore);
            loss.backward();
            nn.utils.clip_grad_norm_(model.parameters(), 1.0);
            optimizer.step();
            if (step == 1 || step % 50 == 0 || step == options.Steps)
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step {step}/{options.Steps}: loss {loss.item<float>():F4}, lr {rate:G3}, {clock.Elapsed.TotalSeconds:F0} s"));
            }
        }

        return model;
    }

    /// <summary>Rounds every weight to f16 in place: what ships, so evaluation sees what users run.</summary>
    public static void RoundToHalf(CoderGpt2 model)
    {
        using var noGrad = no_grad();
        foreach (var p in model.Weights.Values)
        {
            p.copy_(p.to(ScalarType.Float16).to(ScalarType.Float32));
        }
    }

    /// <summary>Greedy continuation of <paramref name="prompt"/> for <paramref name="count"/> tokens (full recompute; fine at this size).</summary>
    public static int[] Greedy(CoderGpt2 model, IReadOnlyList<int> prompt, int count)
    {
        using var noGrad = no_grad();
        var ids = prompt.ToList();
        for (int i = 0; i < count && ids.Count < CoderModel.Spec.Context; i++)
        {
            using var scope = NewDisposeScope();
            var input = tensor(ids.Select(x => (long)x).ToArray()).reshape(1, -1);
            var logits = model.forward(input);
            ids.Add((int)logits[0, -1].argmax().item<long>());
        }

        return [.. ids.Skip(prompt.Count)];
    }

    // Right-padded batch: pads and prompt positions carry no loss; causal attention keeps pads out of real positions.
    private static (Tensor Ids, Tensor Targets) Batch(IReadOnlyList<CoderExample> examples, int pad)
    {
        int length = examples.Max(e => e.Prompt.Length + e.Completion.Length) - 1;
        var ids = new long[examples.Count * length];
        var targets = new long[examples.Count * length];
        Array.Fill(ids, pad);
        Array.Fill(targets, Ignore);
        for (int b = 0; b < examples.Count; b++)
        {
            var sequence = examples[b].Prompt.Concat(examples[b].Completion).ToArray();
            for (int t = 0; t + 1 < sequence.Length; t++)
            {
                ids[b * length + t] = sequence[t];
                if (t + 1 >= examples[b].Prompt.Length)
                {
                    targets[b * length + t] = sequence[t + 1];
                }
            }
        }

        return (tensor(ids).reshape(examples.Count, length), tensor(targets).reshape(examples.Count, length));
    }
}
