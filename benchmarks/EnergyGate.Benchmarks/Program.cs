using EnergyGate.Benchmarks;

// Side-by-side benchmarks, run in one process so the machine state is shared:
//   dotnet run -c Release --project benchmarks/EnergyGate.Benchmarks -- sandbox [HumanEval.jsonl.gz] [copies] [workers]
//   DOTNET_TieredCompilation=0 dotnet run -c Release --project benchmarks/EnergyGate.Benchmarks -- oracle [HumanEval.jsonl.gz] [problems=164] [workers=2]
//   dotnet run -c Release --project benchmarks/EnergyGate.Benchmarks -- sampler [seconds=3] [pairs=4] [threads=all]
//   dotnet run -c Release --project benchmarks/EnergyGate.Benchmarks -- onnx [rounds=5] [new-tokens=128] [threads=all] [models=all|shared]
//   dotnet run -c Release --project benchmarks/EnergyGate.Benchmarks -- onnx-cold [runs=5] [prompt=100] [new-tokens=32] [threads=all]
//   dotnet run -c Release --project benchmarks/EnergyGate.Benchmarks -- text-cost [tokens=20000]
//   dotnet run -c Release --project benchmarks/EnergyGate.Benchmarks -- torch [rounds=5] [new-tokens=64] [threads=all]
//   dotnet run -c Release --project benchmarks/EnergyGate.Benchmarks -- runtimes [rounds=5] [new-tokens=64] [threads=all]
//   dotnet run -c Release --project benchmarks/EnergyGate.Benchmarks -- torch-memory [steps=1000]
//   dotnet run -c Release --project benchmarks/EnergyGate.Benchmarks -- onnx-profile [past=450] [threads=all]
//   dotnet run -c Release --project benchmarks/EnergyGate.Benchmarks -- onnx-step [rounds=15] [new-tokens=128] [threads=all] [prompt=64]
//   dotnet run -c Release --project benchmarks/EnergyGate.Benchmarks -- shard [HumanEval.jsonl.gz] [tokenizer folder]
//   dotnet run -c Release --project benchmarks/EnergyGate.Benchmarks -- serve-load [runtime=onnx] [requests=500] [concurrency=16] [max-tokens=32] [threads=1] [max-batch=8]
return args.FirstOrDefault() switch
{
    "sandbox" => await SandboxThroughput.RunAsync(args[1..]),
    "oracle" => await OracleChecks.RunAsync(args[1..]),
    "sampler" => SamplerOverhead.Run(args[1..]),
    "onnx" => ToolJit.Active ? OnnxGeneration.Run(args[1..]) : ToolJit.Rerun(args),
    "onnx-cold" => OnnxColdStart.Run(args[1..]),
    "onnx-cold-child" => OnnxColdStart.Child(args[1..]),
    "text-cost" => TextCost.Run(args[1..]),
    "torch" => TorchVsOnnx.Run(args[1..]),
    "runtimes" => RuntimesSideBySide.Run(args[1..]),
    "torch-memory" => TorchNativeMemory.Run(args[1..]),
    "shard" => ShardSplit.Run(args[1..]),
    "onnx-profile" => OnnxStepProfile.Run(args[1..]),
    "onnx-step" => ToolJit.Active ? OnnxStepProbe.Run(args[1..]) : ToolJit.Rerun(args),
    "serve-load" => await ServeLoad.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: EnergyGate.Benchmarks sandbox [HumanEval.jsonl.gz] [copies=5] [workers=2]\n       EnergyGate.Benchmarks oracle [HumanEval.jsonl.gz] [problems=164] [workers=2]\n       EnergyGate.Benchmarks sampler [seconds=3] [pairs=4] [threads=all]\n       EnergyGate.Benchmarks onnx [rounds=5] [new-tokens=128] [threads=all] [models=all|shared]\n       EnergyGate.Benchmarks onnx-cold [runs=5] [prompt=100] [new-tokens=32] [threads=all]\n       EnergyGate.Benchmarks text-cost [tokens=20000]\n       EnergyGate.Benchmarks torch [rounds=5] [new-tokens=64] [threads=all]\n       EnergyGate.Benchmarks runtimes [rounds=5] [new-tokens=64] [threads=all]\n       EnergyGate.Benchmarks torch-memory [steps=1000]\n       EnergyGate.Benchmarks shard [HumanEval.jsonl.gz] [tokenizer folder]\n       EnergyGate.Benchmarks serve-load [runtime=onnx] [requests=500] [concurrency=16] [max-tokens=32] [threads=1] [max-batch=8]\n       EnergyGate.Benchmarks onnx-profile [past=450] [threads=all]\n       EnergyGate.Benchmarks onnx-step [rounds=15] [new-tokens=128] [threads=all] [prompt=64]");
    return 2;
}
