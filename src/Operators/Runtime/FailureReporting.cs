using Akka.Actor;

namespace AkkaDifferential.Operators.Runtime;

/// <summary>How the actors of a dataflow supervise their children: a child that fails is stopped and its failure becomes a message.</summary>
internal static class FailureReporting
{
    /// <summary>
    /// Stops a failed child and tells <paramref name="self"/> an <see cref="RuntimeProtocol.OperatorFailed"/>; not
    /// logged here (Akka would log every bucket's failure with its stack trace): the dataflow's owner logs its failure once.
    /// </summary>
    public static SupervisorStrategy ToSelf(IActorRef self) =>
        new OneForOneStrategy(cause =>
        {
            self.Tell(new RuntimeProtocol.OperatorFailed(cause));
            return Directive.Stop;
        }, loggingEnabled: false);
}
