using System.Threading.Channels;
using Akka.Actor;

namespace AkkaDifferential.Cluster.Tests.Wire;

/// <summary>Writes everything it receives to a channel.</summary>
internal sealed class Recorder : ReceiveActor
{
    public Recorder(ChannelWriter<object> into) => ReceiveAny(message => into.TryWrite(message));
}
