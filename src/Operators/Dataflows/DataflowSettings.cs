using Akka.Configuration;
using AkkaDifferential.Operators.Configuration;

namespace AkkaDifferential;

/// <summary>
/// The engine's settings, read once from the <c>akka-differential</c> section of the HOCON configuration
/// (defaults in <c>config/akka-differential.conf</c>). Every key of the section is a row of one table, which says
/// what the key's value must be; an unknown key or a malformed value fails here, naming the key.
/// </summary>
/// <param name="Buckets">Buckets (workers) per dataflow unless a dataflow says otherwise.</param>
/// <param name="DeployTimeout">How long deploying a dataflow may take.</param>
/// <param name="InputBatchSize">Updates an input session buffers before it sends them without being flushed.</param>
/// <param name="MetricsLogInterval">How often each dataflow logs its counters (at INFO, through Akka logging), or null for never.</param>
/// <param name="MetricsReportInterval">
/// How often each bucket on this node sends the counters of its operator instances to its dataflow's owner, while they
/// change (one message per bucket), or null for only when the owner asks (<see cref="DataflowMetrics.SnapshotAsync"/>).
/// </param>
/// <param name="Recovery">
/// True when a dataflow deployed by name on a cluster survives the loss of a member: its input sessions retain what
/// they accepted (consolidated, compacted to what every output has passed), and when a bucket or the frontier
/// singleton is lost it redeploys itself on the surviving members and replays it (docs/recovery.md). False: such a
/// dataflow retains nothing and fails when it loses a bucket. Dataflows whose buckets run on the driver's node (the
/// embedded engine, dataflows built from a lambda) never retain: nothing of theirs is lost without the driver.
/// </param>
/// <param name="InputMaxInFlight">
/// The bound on an input session's updates in flight: sent, at times every input has passed, and not yet passed by
/// every output of the dataflow on its driver. Flushing and advancing a session wait (the async calls without blocking)
/// until fewer are in flight (docs/back-pressure.md); null for no bound.
/// </param>
/// <param name="InputMaxQueuedBatches">
/// The bound, per bucket, on the batches queued at a dataflow's operator inputs (sent and not yet taken in, counted by
/// the frontier actor from the pointstamps at those inputs). While more are queued, flushing and advancing its input
/// sessions wait, at any time, until half as many are (docs/back-pressure.md): what a load at one time sends ahead of
/// the dataflow waits in the producer, not in mailboxes. Null for no bound.
/// </param>
/// <param name="JoinFuel">
/// The most output updates one activation of a join produces; a batch with more matches is joined over several
/// activations, the join asking itself by message to continue (docs/back-pressure.md). Null for no bound.
/// </param>
public sealed record DataflowSettings(int Buckets, TimeSpan DeployTimeout, int InputBatchSize, TimeSpan? MetricsLogInterval = null, bool Recovery = true, TimeSpan? MetricsReportInterval = null, int? InputMaxInFlight = 1 << 20, int? JoinFuel = 1_000_000, int? InputMaxQueuedBatches = 16)
{
    /// <summary>The HOCON path of the settings.</summary>
    public const string Section = "akka-differential";

    /// <summary>
    /// Every key of the section: a new setting is a parameter of this record and one row here (and its default,
    /// documented, in <c>config/akka-differential.conf</c>).
    /// </summary>
    internal static readonly IReadOnlyList<Setting> Table =
    [
        Setting.WholeNumber("buckets", minimum: 1, static (s, value) => s with { Buckets = value }),
        Setting.Duration("deploy-timeout", static (s, value) => s with { DeployTimeout = value }),
        Setting.WholeNumber("input-batch-size", minimum: 1, static (s, value) => s with { InputBatchSize = value }),
        Setting.WholeNumberOrOff("input-max-in-flight", minimum: 1, static (s, value) => s with { InputMaxInFlight = value }),
        Setting.WholeNumberOrOff("input-max-queued-batches", minimum: 1, static (s, value) => s with { InputMaxQueuedBatches = value }),
        Setting.WholeNumberOrOff("join-fuel", minimum: 1, static (s, value) => s with { JoinFuel = value }),
        Setting.DurationOrOff("metrics-log-interval", static (s, value) => s with { MetricsLogInterval = value }),
        Setting.DurationOrOff("metrics-report-interval", static (s, value) => s with { MetricsReportInterval = value }),
        Setting.OnOff("recovery", static (s, value) => s with { Recovery = value }),
    ];

    /// <summary>The default settings, from the embedded <c>akka-differential.conf</c>.</summary>
    public static DataflowSettings Default { get; } = FromConfig(DefaultConfig.Load());

    /// <summary>What every row of <see cref="Table"/> overwrites.</summary>
    private static DataflowSettings Unread => new(0, TimeSpan.Zero, 0);

    /// <summary>Reads the settings from <paramref name="config"/>, which must contain the <c>akka-differential</c> section.</summary>
    /// <exception cref="ConfigurationException">
    /// The section or one of its keys is missing, the section has a key that is not a setting, or a value is of the
    /// wrong kind or range.
    /// </exception>
    public static DataflowSettings FromConfig(Config config) => SettingsSection.Read(config, Section, Table, Unread);

    /// <summary>What the setting at the full HOCON <paramref name="path"/> expects, or null when it is no setting of ours.</summary>
    internal static string? ExpectedAt(string path) =>
        Table.FirstOrDefault(row => path == $"{Section}.{row.Key}")?.Expected;
}
