using CsCheck;

namespace AkkaDifferential.Cluster.Tests.Wire;

/// <summary>Every message that may cross nodes comes back equal by value from its serializer, for random contents.</summary>
public sealed class MessageRoundTripTests(WireSystems wire) : IClassFixture<WireSystems>
{
    public static TheoryData<string> Types() => [.. WireMessages.Samples([Akka.Actor.ActorRefs.Nobody]).Keys.Select(t => t.ToString())];

    [Theory]
    [MemberData(nameof(Types))]
    public void A_message_comes_back_equal(string type)
    {
        var samples = WireMessages.Samples(wire.Actors);
        var gen = samples.Single(s => s.Key.ToString() == type).Value;
        gen.Sample(message =>
        {
            var (back, _) = wire.RoundTrip(message);
            Assert.Equal(message.GetType(), back.GetType());
            Assert.Equal(Structural.Describe(message), Structural.Describe(back));
        }, iter: 200);
    }
}
