using EnergyGate.Core.Datasets;
using EnergyGate.Core.Suites.HumanEval;

namespace EnergyGate.Core.Suites.Definitions;

/// <summary>OpenAI HumanEval: 164 problems from the verified cache or a folder, or a team's own problems in its format (<c>file:</c>).</summary>
public sealed class HumanEvalSuiteDefinition() : DatasetCodeSuite(SuiteNames.HumanEval, KnownDatasets.HumanEval, HumanEvalLoader.Load);
