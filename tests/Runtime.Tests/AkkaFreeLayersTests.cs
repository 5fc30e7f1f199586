using System.Reflection;

namespace AkkaDifferential.Runtime.Tests;

/// <summary>
/// The layers below the runtime — progress tracking (times, lattices, antichains, the tracker) and arrangements
/// (updates, data order and hashing, traces) — are plain data structures and algorithms: neither they nor any
/// assembly of ours they reference may reference Akka. Actors and their protocols belong to the runtime layer.
/// </summary>
public sealed class AkkaFreeLayersTests
{
    [Theory]
    [InlineData("AkkaDifferential.Progress")]
    [InlineData("AkkaDifferential.Arrangements")]
    public void A_layer_below_the_runtime_references_no_Akka_assembly(string layer)
    {
        var offenders = new List<string>();
        var seen = new HashSet<string>();
        var pending = new Stack<AssemblyName>([new AssemblyName(layer)]);
        while (pending.TryPop(out var name))
        {
            if (!seen.Add(name.Name!))
                continue;
            var assembly = Assembly.Load(name);
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                var referenced = reference.Name!;
                if (referenced == "Akka" || referenced.StartsWith("Akka.", StringComparison.Ordinal))
                    offenders.Add($"{name.Name} references {referenced}");
                else if (referenced.StartsWith("AkkaDifferential.", StringComparison.Ordinal))
                    pending.Push(reference);
            }
        }
        Assert.True(offenders.Count == 0, string.Join("; ", offenders));
    }

    [Fact]
    public void The_runtime_layer_is_where_Akka_comes_in()
    {
        // Guards the check above against passing vacuously (for example if Akka's assembly were renamed).
        var references = Assembly.Load("AkkaDifferential.Runtime").GetReferencedAssemblies().Select(r => r.Name);
        Assert.Contains("Akka", references);
    }
}
