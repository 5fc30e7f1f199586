// The classes that start member processes run one after another: on a machine of few cores, clusters started side by
// side starve each other's heartbeats, and a member marked unreachable by a starved failure detector is downed.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
