using Akka.Actor;

namespace AkkaDifferential.Operators.Capture;

/// <summary>Collects what a capture's instances send into the capture's handle.</summary>
internal sealed class CaptureActor<TData, TTime, TDiff> : ReceiveActor where TData : notnull where TTime : notnull
{
    public CaptureActor(CaptureHandle<TData, TTime, TDiff> handle)
    {
        Receive<CaptureProtocol.Captured>(captured => handle.Add((UpdateBatch<TData, TTime, TDiff>)captured.Batch));
        Receive<CaptureProtocol.CapturedFrontier>(frontier => handle.Advance(frontier.Bucket, frontier.Frontier));
    }

    public static Props Props(CaptureHandle<TData, TTime, TDiff> handle) =>
        Akka.Actor.Props.Create(() => new CaptureActor<TData, TTime, TDiff>(handle));
}
