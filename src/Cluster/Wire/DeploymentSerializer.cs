using Akka.Actor;
using AkkaDifferential.Operators.Runtime;
using static AkkaDifferential.Operators.Runtime.RuntimeProtocol;

namespace AkkaDifferential.Cluster.Wire;

/// <summary>
/// The serializer of deployment: the start of a bucket through the bucket region (<see cref="BucketEnvelope"/>,
/// <see cref="StartBucket"/>, <see cref="Deployment"/>: the definition's name, arguments, plan and fingerprint), the
/// buckets' answers to the dataflow's owner (started, refused, an operator failed) and the routes the owner sends
/// back. A deployment's arguments and an envelope's message go through the serializer the actor system binds to their
/// type; an operator's failure travels as the text of its exception chain (types, messages, stack traces), which
/// every node can read whatever the exception held.
/// </summary>
internal sealed class DeploymentSerializer(ExtendedActorSystem system) : WireSerializer(system)
{
    /// <summary>The serializer's identifier (config/wire.conf).</summary>
    public const int Id = 3103;

    /// <inheritdoc/>
    public override int Identifier => Id;

    /// <inheritdoc/>
    public override string Manifest(object o) => o switch
    {
        BucketEnvelope => "E",
        StartBucket => "S",
        Deployment => "D",
        BucketStarted => "B",
        BucketRefused => "X",
        Routes => "R",
        OperatorFailed => "F",
        _ => throw NotMine(o),
    };

    /// <inheritdoc/>
    protected override void Write(WireWriter writer, object message)
    {
        switch (message)
        {
            case BucketEnvelope envelope:
                writer.WriteGuid(envelope.Dataflow);
                writer.WriteCount(envelope.Bucket);
                WriteNested(writer, envelope.Message);
                break;
            case StartBucket start:
                WriteDeployment(writer, start.Deployment);
                writer.WriteCount(start.Bucket);
                WriteActorRef(writer, start.Owner);
                writer.WriteCount(start.Endpoints.Count);
                foreach (var (op, endpoint) in start.Endpoints)
                {
                    writer.WriteCount(op);
                    WriteActorRef(writer, endpoint);
                }
                break;
            case Deployment deployment:
                WriteDeployment(writer, deployment);
                break;
            case BucketStarted started:
                WriteDataflowId(writer, started.Dataflow);
                writer.WriteCount(started.Bucket);
                WriteActorRefs(writer, started.Operators);
                break;
            case BucketRefused refused:
                WriteDataflowId(writer, refused.Dataflow);
                writer.WriteCount(refused.Bucket);
                writer.WriteString(refused.Reason);
                break;
            case Routes routes:
                writer.WriteCount(routes.Instances.Count);
                foreach (var bucket in routes.Instances)
                    WriteActorRefs(writer, bucket);
                break;
            case OperatorFailed failed:
                RemoteException.Write(writer, failed.Cause);
                writer.WriteBool(failed.Dataflow is not null);
                if (failed.Dataflow is { } incarnation)
                    WriteDataflowId(writer, incarnation);
                break;
            default:
                throw NotMine(message);
        }
    }

    /// <inheritdoc/>
    protected override object Read(ref WireReader reader, string manifest)
    {
        switch (manifest)
        {
            case "E":
                var dataflow = reader.ReadGuid();
                var bucket = reader.ReadCount();
                return new BucketEnvelope(dataflow, bucket, ReadNested(ref reader) ?? throw reader.Malformed("an envelope's message, not null"));
            case "S":
                var deployment = ReadDeployment(ref reader);
                var at = reader.ReadCount();
                var owner = ReadRequiredActorRef(ref reader);
                var count = reader.ReadCount(reader.Remaining);
                var endpoints = new Dictionary<int, IActorRef>(count);
                for (var i = 0; i < count; i++)
                    endpoints[reader.ReadCount()] = ReadRequiredActorRef(ref reader);
                return new StartBucket(deployment, at, owner, endpoints);
            case "D":
                return ReadDeployment(ref reader);
            case "B":
                return new BucketStarted(ReadDataflowId(ref reader), reader.ReadCount(), ReadActorRefs(ref reader));
            case "X":
                return new BucketRefused(ReadDataflowId(ref reader), reader.ReadCount(), reader.ReadRequiredString("a reason"));
            case "R":
                var instances = new IReadOnlyList<IActorRef?>[reader.ReadCount(reader.Remaining)];
                for (var i = 0; i < instances.Length; i++)
                    instances[i] = ReadActorRefs(ref reader);
                return new Routes(instances);
            case "F":
                var cause = RemoteException.Read(ref reader);
                return new OperatorFailed(cause, reader.ReadBool() ? ReadDataflowId(ref reader) : null);
            default:
                throw UnknownManifest(manifest);
        }
    }

    private void WriteDeployment(WireWriter writer, Deployment deployment)
    {
        WriteDataflowId(writer, deployment.Id);
        writer.WriteString(deployment.Definition);
        WriteNested(writer, deployment.Arguments);
        writer.WriteCount(deployment.Buckets);
        writer.WriteCount(deployment.Plan.Count);
        foreach (var line in deployment.Plan)
            writer.WriteString(line);
        writer.WriteUInt64(deployment.Fingerprint);
    }

    private Deployment ReadDeployment(ref WireReader reader)
    {
        var id = ReadDataflowId(ref reader);
        var definition = reader.ReadString();
        var arguments = ReadNested(ref reader);
        var buckets = reader.ReadCount();
        var plan = new string[reader.ReadCount(reader.Remaining)];
        for (var i = 0; i < plan.Length; i++)
            plan[i] = reader.ReadRequiredString("a line of the plan");
        return new Deployment(id, definition, arguments, buckets, plan, reader.ReadUInt64());
    }
}
