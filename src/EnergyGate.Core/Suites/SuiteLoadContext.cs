using EnergyGate.Core.Datasets;
using EnergyGate.Core.Generation;

namespace EnergyGate.Core.Suites;

/// <summary>What loading a suite may need besides its settings.</summary>
/// <param name="Cache">The dataset cache, for suites that read downloaded data.</param>
/// <param name="Tokenizer">The model's tokenizer: understanding prompts are truncated to fit the model.</param>
/// <param name="ModelContext">The model's context length in tokens.</param>
public sealed record SuiteLoadContext(DatasetCache Cache, ITextTokenizer Tokenizer, int ModelContext);
