namespace AkkaDifferential;

/// <summary>
/// The identity of one deployed dataflow: its display <see cref="Name"/> and an <see cref="Instance"/> that no other
/// deployment shares, in this process or any other. Progress tracking, trace readers and actor names are keyed by
/// the whole id, never by the name, so several live dataflows may share a name (a service deploying one dataflow per
/// tenant, or the same dataflow deployed again after the first stopped); errors and logs show the name.
/// </summary>
/// <param name="Name">The name given at deployment, or a generated one; for display and errors.</param>
/// <param name="Instance">What makes the id unique: a fresh GUID per deployment.</param>
public readonly record struct DataflowId(string Name, Guid Instance)
{
    /// <summary>A new id for a deployment named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is empty or only white space.</exception>
    public static DataflowId New(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new DataflowId(name, Guid.NewGuid());
    }

    /// <summary>The id as a valid, unique actor name: the escaped name, a dash and the instance's 32 hex digits.</summary>
    public string ActorName => $"{Uri.EscapeDataString(Name)}-{Instance:N}";

    /// <summary>The name and the instance, as <c>name/instance</c>.</summary>
    public override string ToString() => $"{Name}/{Instance:N}";
}
