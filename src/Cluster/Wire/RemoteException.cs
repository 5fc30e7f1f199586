namespace AkkaDifferential.Cluster.Wire;

/// <summary>
/// An exception thrown on another node, as its chain arrived: the type's name, message and stack trace of each
/// exception, outermost first. An operator's failure travels so (<see cref="Operators.Runtime.RuntimeProtocol.OperatorFailed"/>)
/// whatever the exception held; an <see cref="OperatorFailedException"/> at the top is rebuilt as one, so that the
/// dataflow's failure reads as on one node.
/// </summary>
internal sealed class RemoteException(string type, string message, string? stackTrace, Exception? inner) : Exception(message, inner)
{
    private const int MaxDepth = 32;

    /// <summary>The full name of the exception's type on the node that threw it.</summary>
    public string RemoteType { get; } = type;

    /// <inheritdoc/>
    public override string? StackTrace { get; } = stackTrace;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{RemoteType}: {Message}" + (InnerException is { } innerException ? $" ---> {innerException}" : "") + (StackTrace is { } trace ? Environment.NewLine + trace : "");

    /// <summary>Writes the chain of <paramref name="exception"/>.</summary>
    public static void Write(WireWriter writer, Exception exception)
    {
        var chain = new List<Exception>();
        for (var e = exception; e is not null && chain.Count < MaxDepth; e = e.InnerException)
            chain.Add(e);
        writer.WriteCount(chain.Count);
        foreach (var e in chain)
        {
            writer.WriteString(e is RemoteException remote ? remote.RemoteType : e.GetType().FullName);
            writer.WriteString(e.Message);
            writer.WriteString(e.StackTrace);
        }
    }

    /// <summary>Reads a chain written by <see cref="Write"/>.</summary>
    public static Exception Read(ref WireReader reader)
    {
        var count = reader.ReadCount(MaxDepth);
        if (count == 0)
            throw reader.Malformed("an exception");
        var links = new (string Type, string Message, string? Trace)[count];
        for (var i = 0; i < count; i++)
            links[i] = (reader.ReadRequiredString("an exception's type"), reader.ReadRequiredString("an exception's message"), reader.ReadString());
        Exception? inner = null;
        for (var i = count - 1; i >= 0; i--)
        {
            var (type, message, trace) = links[i];
            inner = i == 0 && type == typeof(OperatorFailedException).FullName && inner is not null
                ? new OperatorFailedException(message, inner)
                : new RemoteException(type, message, trace, inner);
        }
        return inner!;
    }
}
