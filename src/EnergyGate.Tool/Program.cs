using EnergyGate.Tool;

using var interruption = new Interruption(Console.Error);
return await ToolApp.RunAsync(args, ct: interruption.Token);
