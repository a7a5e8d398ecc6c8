using BenchmarkDotNet.Running;

// Runs the BenchmarkDotNet suites in this project: `dotnet run -c Release --project bench/InferScale.Benchmarks -- --filter '*'`.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
