using AkkaDifferential.TestKit;
using Xunit.Sdk;

namespace AkkaDifferential;

/// <summary>
/// A dataflow assertion failed: the collection (or its changes) at a closed time is not the expected multiset. The
/// message shows the expected and actual multisets and their difference (actual minus expected: positive for
/// records that are there and should not be, negative for missing ones).
/// </summary>
public sealed class CollectionMismatchException : XunitException
{
    private CollectionMismatchException(string message) : base(message)
    {
    }

    /// <summary>What was asserted: "the collection" or "the changes", of which capture, at which time.</summary>
    public string Subject { get; private init; } = "";

    /// <summary>The expected multiset, formatted as <c>{record: multiplicity, …}</c>.</summary>
    public string Expected { get; private init; } = "";

    /// <summary>The actual multiset, formatted the same way.</summary>
    public string Actual { get; private init; } = "";

    /// <summary>Actual minus expected, formatted the same way.</summary>
    public string Difference { get; private init; } = "";

    internal static CollectionMismatchException Create<TData, TDiff>(string subject, IReadOnlyDictionary<TData, TDiff> expected, IReadOnlyDictionary<TData, TDiff> actual)
        where TData : notnull
    {
        var formattedExpected = Multiset.Format(expected);
        var formattedActual = Multiset.Format(actual);
        var difference = Multiset.Format(Multiset.Subtract(actual, expected));
        return new CollectionMismatchException(
            $"{subject} differs from the expected multiset.{Environment.NewLine}" +
            $"expected: {formattedExpected}{Environment.NewLine}" +
            $"actual:   {formattedActual}{Environment.NewLine}" +
            $"actual - expected: {difference}")
        {
            Subject = subject,
            Expected = formattedExpected,
            Actual = formattedActual,
            Difference = difference,
        };
    }
}
