using AkkaDifferential.Samples.Worker;

// dotnet run --project samples/Worker, then: curl http://127.0.0.1:5080/degrees
await WorkerApp.Build(args).RunAsync();
