using Akka.Actor;
using AkkaDifferential.Arrangements.Updates;
using AkkaDifferential.Operators.Runtime;
using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential.Operators.Capture;

/// <summary>
/// A capture's instance at one bucket: forwards each batch it receives, then each change of its input frontier, to
/// the capture's actor on the driver. The order of the two on one path is what makes the capture exact.
/// </summary>
internal sealed class CaptureRuntime<TTime>(InstanceEnvironment environment) : OperatorRuntime<TTime>(environment)
    where TTime : notnull
{
    protected override void OnBatch(int port, object batch) =>
        Environment.Endpoint!.Tell(new CaptureProtocol.Captured(Environment.Dataflow.Instance, Bucket, (IUpdateBatch)batch));

    protected override void OnFrontierAdvanced() =>
        Environment.Endpoint!.Tell(new CaptureProtocol.CapturedFrontier(Environment.Dataflow.Instance, Bucket, [.. InputFrontier(0).Elements.Select(FlatTime.From)]));
}
