namespace AkkaDifferential.Arrangements.Tests.Data;

/// <summary>
/// Registered orders and hashes replace derived ones, alone and inside other types, but only before first use.
/// Each test has its own types: registrations are process-wide.
/// </summary>
public class RegistrationTests
{
    public sealed class Opaque(int key)
    {
        public object Payload { get; } = key;

        public int Key() => (int)Payload;
    }

    public sealed record Holder(string Name, Opaque Inner);

    public sealed class OpaqueHashed(int key)
    {
        public object Payload { get; } = key;

        public int Key() => (int)Payload;
    }

    public sealed record HashedHolder(string Name, OpaqueHashed Inner);

    public sealed record Used(int Value);

    public sealed record UsedInside(int Value);

    public sealed record UsesInside(UsedInside Inner);

    [Fact]
    public void ARegisteredOrderIsUsedAloneAndInside()
    {
        DataOrder.Register(Comparer<Opaque>.Create((a, b) => a!.Key().CompareTo(b!.Key())));
        DataOrder<Opaque>.Validate();
        DataOrder<Holder>.Validate();
        Assert.True(DataOrder<Opaque>.Compare(new Opaque(1), new Opaque(2)) < 0);
        Assert.True(DataOrder<Holder>.Compare(new Holder("a", new Opaque(3)), new Holder("a", new Opaque(2))) > 0);
        Assert.Throws<InvalidOperationException>(() =>
            DataOrder.Register(Comparer<Opaque>.Create((a, b) => 0)));
    }

    [Fact]
    public void ARegisteredHashIsUsedAloneAndInside()
    {
        StableHash.Register<OpaqueHashed>(o => (ulong)o.Key());
        StableHash<HashedHolder>.Validate();
        Assert.Equal(7UL, StableHash<OpaqueHashed>.Hash(new OpaqueHashed(7)));
        Assert.Equal(
            StableHash<HashedHolder>.Hash(new HashedHolder("a", new OpaqueHashed(7))),
            StableHash<HashedHolder>.Hash(new HashedHolder("a", new OpaqueHashed(7))));
        Assert.NotEqual(
            StableHash<HashedHolder>.Hash(new HashedHolder("a", new OpaqueHashed(7))),
            StableHash<HashedHolder>.Hash(new HashedHolder("a", new OpaqueHashed(8))));
        Assert.Throws<InvalidOperationException>(() => StableHash.Register<OpaqueHashed>(_ => 0));
    }

    [Fact]
    public void RegisteringAfterUseThrows()
    {
        _ = DataOrder<Used>.Compare(new Used(1), new Used(2));
        _ = StableHash<Used>.Hash(new Used(1));
        var order = Assert.Throws<InvalidOperationException>(() => DataOrder.Register(Comparer<Used>.Create((a, b) => 0)));
        Assert.Contains("Used", order.Message);
        var hash = Assert.Throws<InvalidOperationException>(() => StableHash.Register<Used>(_ => 0));
        Assert.Contains("Used", hash.Message);

        // A type used inside another counts as used.
        DataOrder<UsesInside>.Validate();
        StableHash<UsesInside>.Validate();
        Assert.Throws<InvalidOperationException>(() => DataOrder.Register(Comparer<UsedInside>.Create((a, b) => 0)));
        Assert.Throws<InvalidOperationException>(() => StableHash.Register<UsedInside>(_ => 0));
    }

    [Fact]
    public void BuiltInOrdersAndHashesCannotBeReplaced()
    {
        Assert.Throws<InvalidOperationException>(() => DataOrder.Register(StringComparer.InvariantCulture));
        Assert.Throws<InvalidOperationException>(() => DataOrder.Register(Comparer<int>.Default));
        Assert.Throws<InvalidOperationException>(() => StableHash.Register<string>(s => (ulong)s.GetHashCode()));
    }
}
