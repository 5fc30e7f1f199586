namespace AkkaDifferential.Operators.Tests.Keyed;

/// <summary>
/// The keyed property tests (<see cref="KeyedOperatorsProperties"/>) on an engine whose joins produce one output
/// update per activation (<c>join-fuel = 1</c>): every batch with more than one match is joined over as many
/// activations, each asked for by a message the join sends itself, with its capability held in between; every output
/// at every closed time must still equal the recomputation.
/// </summary>
public sealed class JoinFuelPropertyTests(JoinFuelPropertyTests.OneUpdateFixture fixture) : KeyedOperatorsProperties(fixture.Engine), IClassFixture<JoinFuelPropertyTests.OneUpdateFixture>
{
    /// <summary>An engine whose joins produce one output update per activation.</summary>
    public sealed class OneUpdateFixture : EngineFixture
    {
        /// <inheritdoc/>
        protected override string Hocon => "akka-differential.join-fuel = 1";
    }
}
