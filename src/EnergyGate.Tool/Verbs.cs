using System.CommandLine;
using EnergyGate.Tool.Commands;

namespace EnergyGate.Tool;

/// <summary>Every top-level verb, one file each under Commands/.</summary>
internal static class Verbs
{
    public static IEnumerable<Command> All() =>
    [
        ScoreCommand.Create(),
        DatasetsCommand.Create(),
        DoctorCommand.Create(),
        ModelCommand.Create(),
        GenerateCommand.Create(),
        ServeCommand.Create(),
        RunCommand.Create(),
        CheckCommand.Create(),
        CompareCommand.Create(),
        AbCommand.Create(),
        MergeCommand.Create(),
        ReportCommand.Create(),
        BaselineCommand.Create(),
        HistoryCommand.Create(),
        SuiteCommand.Create(),
    ];
}
