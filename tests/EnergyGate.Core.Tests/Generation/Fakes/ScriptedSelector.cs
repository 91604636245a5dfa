using EnergyGate.Core.Generation;

namespace EnergyGate.Core.Tests.Generation.Fakes;

/// <summary>Forced decoding: the model runs for every token, the token itself comes from the script.</summary>
public sealed class ScriptedSelector(params int[] script) : ITokenSelector
{
    public int SelectToken(ReadOnlySpan<float> logits, int position) => script[position];
}
