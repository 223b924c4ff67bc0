using BenchmarkDotNet.Running;

// dotnet run -c Release --project tools/Verification.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Verification.Benchmarks.Instances).Assembly).Run(args, new Verification.Benchmarks.BenchmarkConfig());
