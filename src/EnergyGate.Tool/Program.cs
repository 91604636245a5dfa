using System.CommandLine;
var root = new RootCommand("EnergyGate");
return root.Parse(args).Invoke();
