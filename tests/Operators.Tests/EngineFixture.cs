namespace AkkaDifferential.Operators.Tests;

/// <summary>One embedded engine shared by the tests of a class: each test deploys its own dataflows on it.</summary>
public class EngineFixture : IAsyncLifetime
{
    public DifferentialEngine Engine { get; private set; } = null!;

    /// <summary>The engine's settings over the defaults; none here.</summary>
    protected virtual string? Hocon => null;

    public Task InitializeAsync()
    {
        Engine = DifferentialEngine.Create(Hocon);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Engine.DisposeAsync();
}
