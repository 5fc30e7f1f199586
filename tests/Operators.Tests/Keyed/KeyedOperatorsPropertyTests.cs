namespace AkkaDifferential.Operators.Tests.Keyed;

/// <summary>The keyed property tests (<see cref="KeyedOperatorsProperties"/>) on an engine with the default settings.</summary>
public sealed class KeyedOperatorsPropertyTests(EngineFixture fixture) : KeyedOperatorsProperties(fixture.Engine), IClassFixture<EngineFixture>;
