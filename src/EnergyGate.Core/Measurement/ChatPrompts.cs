using EnergyGate.Core.Generation.ChatTemplates;
using EnergyGate.Core.Runtimes;
using EnergyGate.Core.Suites;

namespace EnergyGate.Core.Measurement;

/// <summary>Decides each cell's prompt format and loads each chat model's template once.</summary>
internal static class ChatPrompts
{
    /// <summary>
    /// The cell's prompts: the suite's <c>prompt-format</c> wins over the model's; understanding suites stay
    /// raw (LongBench's pred.py gives lcc and repobench-p to chat models without the chat format too).
    /// </summary>
    public static CellPrompts For(RunCell cell, LoadedModel model, Dictionary<string, CellPrompts> templates)
    {
        if (!RunFingerprint.IsChat(cell))
        {
            return CellPrompts.Raw;
        }
        if (!templates.TryGetValue(cell.Model.Name, out var prompts))
        {
            if (model.Model.IsFile)
            {
                throw new EnergyGateException(
                    $"model `{cell.Model.Name}`: `prompt-format: chat` reads the chat template from a model folder's {TokenizerChatTemplate.FileName}, " +
                    $"and '{model.Model.Path}' is a single file; use `prompt-format: raw` for it, or run the model's Hugging Face folder.");
            }
            prompts = CellPrompts.Chat(TokenizerChatTemplate.Load(model.Model.Path));
            templates[cell.Model.Name] = prompts;
        }
        return prompts;
    }
}
