using AkkaDifferential.Progress.Graph;

namespace AkkaDifferential.Progress.Tracking;

/// <summary>
/// A change in the number of pointstamps <c>(location, time)</c>: a capability taken (+1) or dropped (−1) at an
/// output port, or a message sent to (+1) or consumed at (−1) an input port.
/// </summary>
internal readonly record struct PointstampChange(Location Location, FlatTime Time, long Delta);
