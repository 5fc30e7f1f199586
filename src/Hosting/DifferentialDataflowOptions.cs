using AkkaDifferential.Hosting.Runtime;
using AkkaDifferential.Operators.Dataflows;

namespace AkkaDifferential;

/// <summary>
/// What <see cref="DifferentialHosting.WithDifferentialDataflow"/> configures: the dataflow definitions the engine
/// registers (by name, as <see cref="DifferentialEngine.Register{TTime, TArgs, THandles}"/> does), the dataflows the
/// host deploys when it starts and disposes when it stops, embedded or cluster mode, and settings.
/// </summary>
public sealed class DifferentialDataflowOptions
{
    private readonly List<HostedDataflow> hosted = [];

    internal DifferentialDataflowOptions()
    {
    }

    /// <summary>
    /// HOCON over config/akka-differential.conf (and, as a cluster member, config/cluster.conf), for example
    /// <c>akka-differential.buckets = 2</c>; a key under <c>akka-differential</c> that is not a setting is refused.
    /// </summary>
    public string? Hocon { get; set; }

    /// <summary>Cluster membership, or null (the default) for the embedded single-node engine.</summary>
    public ClusterMemberOptions? Cluster { get; private set; }

    /// <summary>The definitions registered so far.</summary>
    internal DefinitionRegistry Definitions { get; } = new();

    /// <summary>The dataflows to deploy when the host starts, in order.</summary>
    internal IReadOnlyList<HostedDataflow> Hosted => hosted;

    /// <summary>
    /// Runs the engine as a member of an Akka.NET cluster instead of embedded: the host's actor system starts with
    /// the cluster provider on 127.0.0.1:<see cref="ClusterMemberOptions.Port"/>, and its start waits until the
    /// member is up before deploying hosted dataflows.
    /// </summary>
    /// <exception cref="ArgumentException">No seed, or a seed that is not <c>host:port</c>.</exception>
    public DifferentialDataflowOptions AsClusterMember(ClusterMemberOptions member)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (member.Seeds.Count == 0)
            throw new ArgumentException("A cluster member needs at least one seed (host:port) in ClusterMemberOptions.Seeds; the first member lists itself.", nameof(member));
        Cluster = member;
        return this;
    }

    /// <summary>
    /// Registers a dataflow definition under <paramref name="name"/>, as
    /// <see cref="DifferentialEngine.Register{TTime, TArgs, THandles}"/> does on the hosted engine; in a cluster every
    /// member registers the same definitions.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank or already registered.</exception>
    /// <exception cref="InvalidOperationException"><typeparamref name="TTime"/> is not a timestamp type.</exception>
    public DataflowDefinition<TTime, TArgs, THandles> Register<TTime, TArgs, THandles>(string name, Func<Scope<TTime>, TArgs, THandles> build)
        where TTime : notnull =>
        Definitions.Register(name, build);

    /// <summary>
    /// Deploys <paramref name="definition"/> with <paramref name="arguments"/> when the host starts, and disposes it
    /// when the host stops; <see cref="HostedDataflows"/> gives it by <paramref name="name"/> (by default the
    /// definition's).
    /// </summary>
    /// <param name="definition">A definition registered with <see cref="Register{TTime, TArgs, THandles}"/> here.</param>
    /// <param name="arguments">The build function's arguments.</param>
    /// <param name="buckets">Buckets for the dataflow; by default the <c>akka-differential.buckets</c> setting.</param>
    /// <param name="name">The name to find it by; unique among hosted dataflows.</param>
    /// <exception cref="ArgumentException">The definition is not registered here, or another hosted dataflow has the name.</exception>
    public DifferentialDataflowOptions Host<TTime, TArgs, THandles>(DataflowDefinition<TTime, TArgs, THandles> definition, TArgs arguments, int? buckets = null, string? name = null)
        where TTime : notnull
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!ReferenceEquals(Definitions.Find(definition.Name), definition))
            throw new ArgumentException($"Dataflow definition '{definition.Name}' is not registered with this WithDifferentialDataflow: register it with Register before hosting it.", nameof(definition));
        if (name is not null && string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("A hosted dataflow's name must not be blank: pass null for the definition's name.", nameof(name));
        var key = name ?? definition.Name;
        if (buckets is < 1)
            throw new ArgumentOutOfRangeException(nameof(buckets), buckets, $"Hosted dataflow '{key}' needs at least one bucket.");
        if (hosted.Any(h => h.Name == key))
            throw new ArgumentException($"A hosted dataflow named '{key}' already exists: give the second one its own name.", nameof(name));
        hosted.Add(HostedDataflow.Of(key, definition, arguments, buckets));
        return this;
    }
}
