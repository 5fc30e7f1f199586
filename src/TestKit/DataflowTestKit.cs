using Akka.Actor;
using Akka.Configuration;
using Xunit.Abstractions;

namespace AkkaDifferential;

/// <summary>
/// A base class for xUnit tests of dataflows, on Akka.TestKit.Xunit2: a <see cref="DifferentialEngine"/> on the
/// test's actor system (<c>Sys</c>, stopped after each test with its dataflows), and the assertions of
/// <see cref="DataflowAssert"/> that wait at most the TestKit's remaining time (inside <c>Within</c>) or its
/// dilated default (<c>akka.test.single-expect-default</c>, 3 s unless configured) when no timeout is given.
/// </summary>
/// <example>
/// <code>
/// public sealed class DoublingTests : DataflowTestKit
/// {
///     [Fact]
///     public async Task Doubles_every_number()
///     {
///         var dataflow = await Engine.BuildAsync((Scope&lt;long&gt; scope) =>
///         {
///             var (input, numbers) = scope.NewCollection&lt;int&gt;();
///             return (input, numbers.Map(x => x * 2).Capture());
///         });
///         var (input, doubled) = dataflow.Handles;
///         input.Insert(21);
///         input.AdvanceTo(1);
///         await ExpectCollectionAt(doubled, 0, [(42, 1L)]);
///     }
/// }
/// </code>
/// </example>
public abstract class DataflowTestKit : Akka.TestKit.Xunit2.TestKit
{
    private DifferentialEngine? engine;

    /// <summary>A test kit with the default configuration.</summary>
    /// <param name="output">xUnit's output, for the actor system's log.</param>
    protected DataflowTestKit(ITestOutputHelper? output = null) : base(Config.Empty, output: output)
    {
    }

    /// <summary>A test kit whose actor system reads <paramref name="config"/> (HOCON; may set <c>akka-differential</c> settings).</summary>
    /// <param name="config">HOCON for the test's actor system.</param>
    /// <param name="output">xUnit's output, for the actor system's log.</param>
    protected DataflowTestKit(string config, ITestOutputHelper? output = null) : base(ConfigurationFactory.ParseString(config), output: output)
    {
    }

    /// <summary>A test kit on an actor system the test supplies.</summary>
    /// <param name="system">The actor system; the test kit shuts it down after the test.</param>
    /// <param name="output">xUnit's output, for the actor system's log.</param>
    protected DataflowTestKit(ActorSystem system, ITestOutputHelper? output = null) : base(system, output)
    {
    }

    /// <summary>The engine on the test's actor system, created on first use.</summary>
    protected DifferentialEngine Engine => engine ??= new DifferentialEngine(Sys);

    /// <summary>
    /// Asserts the collection accumulated at <paramref name="time"/> (see <see cref="DataflowAssert.CollectionAt"/>),
    /// waiting at most <paramref name="timeout"/>, by default the TestKit's remaining or default time.
    /// </summary>
    protected Task ExpectCollectionAt<TData, TTime, TDiff>(
        CaptureHandle<TData, TTime, TDiff> capture, TTime time, IEnumerable<(TData Data, TDiff Diff)> expected, TimeSpan? timeout = null)
        where TData : notnull where TTime : notnull =>
        DataflowAssert.CollectionAt(capture, time, expected, timeout ?? RemainingOrDefault);

    /// <summary>
    /// Asserts the changes at exactly <paramref name="time"/> (see <see cref="DataflowAssert.ChangesAt"/>), waiting
    /// at most <paramref name="timeout"/>, by default the TestKit's remaining or default time.
    /// </summary>
    protected Task ExpectChangesAt<TData, TTime, TDiff>(
        CaptureHandle<TData, TTime, TDiff> capture, TTime time, IEnumerable<(TData Data, TDiff Diff)> expected, TimeSpan? timeout = null)
        where TData : notnull where TTime : notnull =>
        DataflowAssert.ChangesAt(capture, time, expected, timeout ?? RemainingOrDefault);
}
