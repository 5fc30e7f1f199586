namespace AkkaDifferential.Host.Tests;

/// <summary>One embedded engine shared by the tests of a class: each test deploys its own dataflows on it.</summary>
public sealed class EngineFixture : IAsyncLifetime
{
    public DifferentialEngine Engine { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Engine = DifferentialEngine.Create();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Engine.DisposeAsync();
}
