using BenchmarkDotNet.Running;

// Seek cost of the key layouts (benchmarks/Seek.Benchmarks): dotnet run -c Release -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(AkkaDifferential.Seek.Benchmarks.SeekBenchmarks).Assembly).Run(args);
