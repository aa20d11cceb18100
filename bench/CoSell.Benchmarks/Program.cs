using CoSell.Benchmarks;

return await BenchmarkCommand.RunAsync(args);
