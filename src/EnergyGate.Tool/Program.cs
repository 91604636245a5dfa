using EnergyGate.Tool;

return await ToolApp.RunAsync(args);
