using Akka.Actor.Setup;

namespace AkkaDifferential.Hosting.Runtime;

/// <summary>
/// Carries what <see cref="DifferentialHosting.WithDifferentialDataflow"/> configured into the actor system that
/// Akka.Hosting creates, where <see cref="DifferentialHost"/> reads it: the programmatic counterpart of HOCON for what
/// HOCON cannot hold (build functions, hosted deployments).
/// </summary>
internal sealed class DifferentialDataflowSetup(DifferentialDataflowOptions options) : Setup
{
    public DifferentialDataflowOptions Options { get; } = options;
}
