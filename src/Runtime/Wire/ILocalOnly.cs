using Akka.Actor;

namespace AkkaDifferential.Runtime.Wire;

/// <summary>
/// A message that never leaves its node: it holds in-memory state by reference (a trace's immutable batches, which
/// readers beside the arrangement share without a copy), or it passes between actors that live together by
/// construction (the instances of one bucket, an actor and itself). Copying such a message to another node would be
/// wrong, not merely slow: a reader there would hold a copy of a trace that no longer advances with its source.
/// </summary>
/// <remarks>
/// Local verification (<c>akka.actor.serialize-messages = on</c>) skips these messages, as it skips every
/// <see cref="INoSerializationVerificationNeeded"/>; a cluster member binds this interface to a serializer that
/// refuses, naming the message's type, so that sending one to an actor on another node fails loudly where it is sent
/// instead of being copied.
/// </remarks>
internal interface ILocalOnly : INoSerializationVerificationNeeded;
