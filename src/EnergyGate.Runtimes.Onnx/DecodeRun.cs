using Microsoft.ML.OnnxRuntime;

namespace EnergyGate.Runtimes.Onnx;

/// <summary>
/// A CPU decode step through <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue})"/>
/// with every value given at once: the names are resolved by the session from its metadata, where an
/// IO binding marshals and looks up each name again at every bind.
/// </summary>
internal sealed class DecodeRun
{
    private readonly string[] _inputNames;
    private readonly OrtValue[] _inputs;
    private readonly string[] _outputNames;
    private readonly OrtValue[] _outputs;
    private readonly int _mask = -1, _cacheBranch = -1, _firstPast;

    public DecodeRun(OnnxModelLayout layout, OrtValue ids, OrtValue? positions, OrtValue logits)
    {
        var names = new List<string> { layout.InputIds };
        var values = new List<OrtValue> { ids };
        if (layout.PositionIds is not null)
        {
            names.Add(layout.PositionIds);
            values.Add(positions!);
        }

        if (layout.AttentionMask is not null)
        {
            _mask = names.Count;
            names.Add(layout.AttentionMask);
            values.Add(ids);
        }

        if (layout.UseCacheBranch is not null)
        {
            _cacheBranch = names.Count;
            names.Add(layout.UseCacheBranch);
            values.Add(ids);
        }

        _firstPast = names.Count;
        foreach (var slot in layout.Slots)
        {
            names.Add(slot.Past);
            values.Add(ids);
        }

        _inputNames = [.. names];
        _inputs = [.. values];
        _outputNames = [layout.Logits, .. layout.Slots.Select(s => s.Present)];
        _outputs = new OrtValue[_outputNames.Length];
        _outputs[0] = logits;
    }

    public void Run(InferenceSession session, RunOptions options, OrtValue? mask, OrtValue? cacheBranchOn, HostKvBuffers kv, int total)
    {
        if (_mask >= 0)
        {
            _inputs[_mask] = mask!;
        }

        if (_cacheBranch >= 0)
        {
            _inputs[_cacheBranch] = cacheBranchOn!;
        }

        for (int slot = 0; slot < _outputs.Length - 1; slot++)
        {
            _inputs[_firstPast + slot] = kv.Past(slot);
            _outputs[slot + 1] = kv.Present(slot, total);
        }

        session.Run(options, _inputNames, _inputs, _outputNames, _outputs);
    }
}
