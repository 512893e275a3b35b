using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(BridgeBot.Benchmarks.ActivityParseBenchmarks).Assembly).Run(args);
