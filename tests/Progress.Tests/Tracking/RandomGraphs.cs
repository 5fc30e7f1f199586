using AkkaDifferential.Progress.Graph;
using CsCheck;

namespace AkkaDifferential.Progress.Tests.Tracking;

/// <summary>
/// Random well-formed progress graphs: inputs with one-coordinate times feeding operators of one, two or three ports
/// (some outputs that their input cannot cause, some summaries that delay by one), loops closed by a feedback
/// operator that increments the last coordinate, and iteration scopes, nested up to three deep, entered by appending
/// one or two coordinates and left by dropping them, with loops and further scopes inside.
/// </summary>
/// <remarks>
/// A graph is built from a list of choices drawn by CsCheck, each read modulo the number of options, option 0 the
/// simplest; shrinking the list towards zeros shrinks the graph.
/// </remarks>
internal static class RandomGraphs
{
    public static readonly Gen<TestGraph> Graph = Gen.Int[0, 1 << 20].Array[8, 64].Select(choices => new Builder(choices).Build());

    private sealed class Builder(int[] choices)
    {
        private const int MaxOperators = 24;
        private const int MaxScopeDepth = 3;
        private readonly List<OperatorShape> operators = [];
        private readonly List<Channel> channels = [];
        private readonly Dictionary<Location, int> depths = [];
        private readonly List<string> description = [];
        private int next;

        public TestGraph Build()
        {
            var available = new List<Location>();
            for (var i = 0; i <= Choose(2); i++)
                available.Add(Operator("input", [], 1, 1, null));
            Scope(1, available, Choose(8) + 2);
            var graph = new ProgressGraph([.. operators], [.. channels]);
            var known = new Dictionary<Location, int>(depths);
            return new TestGraph($"random: {string.Join(" ", description)}", graph, location => known[location]);
        }

        /// <summary>Adds operators at <paramref name="depth"/>, fed by and adding to <paramref name="available"/>.</summary>
        private void Scope(int depth, List<Location> available, int steps)
        {
            for (var step = 0; step < steps && operators.Count < MaxOperators; step++)
            {
                switch (Choose(6))
                {
                    case 0:
                        available.Add(Operator("map", [Pick(available)], depth, 1, null));
                        break;
                    case 1:
                        available.Add(Operator("join", [Pick(available), Pick(available)], depth, 1, null));
                        break;
                    case 2:
                        {
                            PathSummary? second = Choose(2) == 0 ? null : new PathSummary(0, 0, 1);
                            var first = Operator("split", [Pick(available)], depth, 2, [[PathSummary.Identity, second]]);
                            available.Add(first);
                            available.Add(first with { Port = 1 });
                            break;
                        }
                    case 3:
                        available.Add(Loop(depth, Pick(available)));
                        break;
                    case 4 when depth < MaxScopeDepth:
                        available.Add(NestedScope(depth, Pick(available)));
                        break;
                    default:
                        Operator("sink", [Pick(available)], depth, 0, null);
                        break;
                }
            }
        }

        /// <summary>concat(from, feedback) → body → feedback (+increment) → concat; returns a body output.</summary>
        private Location Loop(int depth, Location from)
        {
            description.Add("loop(");
            var concat = Operator("concat", [from, default], depth, 1, null);
            var body = new List<Location> { concat };
            Scope(depth, body, Choose(4) + 1);
            var increment = Choose(2) + 1;
            var feedback = Operator("feedback", [Pick(body)], depth, 1, [[new PathSummary(0, 0, increment)]]);
            channels.Add(new Channel(feedback, Location.Target(concat.Operator, 1)));
            description.Add(")");
            return Pick(body);
        }

        /// <summary>enter (append coordinates) → a loop and more inside → leave (drop them); returns the leave's output.</summary>
        private Location NestedScope(int depth, Location from)
        {
            var extend = Choose(3) == 2 ? 2 : 1;
            description.Add($"scope+{extend}[");
            var enter = Operator("enter", [from], depth, 1, [[new PathSummary(0, extend, 0)]], depth + extend);
            var inside = new List<Location> { Loop(depth + extend, enter) };
            Scope(depth + extend, inside, Choose(3));
            var leave = Operator("leave", [Pick(inside)], depth + extend, 1, [[new PathSummary(extend, 0, 0)]], depth);
            description.Add("]");
            return leave;
        }

        /// <summary>
        /// Adds an operator whose inputs are fed by <paramref name="inputs"/> (a default location leaves a port to be
        /// connected later) and whose outputs have <paramref name="outputDepth"/> coordinates (the input depth when not
        /// given); returns its first output.
        /// </summary>
        private Location Operator(string name, Location[] inputs, int depth, int outputs, PathSummary?[][]? summaries, int? outputDepth = null)
        {
            var op = operators.Count;
            operators.Add(new OperatorShape(name, inputs.Length, outputs, summaries));
            if (name is not ("concat" or "feedback"))
                description.Add(name);
            for (var port = 0; port < inputs.Length; port++)
            {
                depths[Location.Target(op, port)] = depth;
                if (inputs[port] != default)
                    channels.Add(new Channel(inputs[port], Location.Target(op, port)));
            }
            for (var port = 0; port < outputs; port++)
                depths[Location.Source(op, port)] = outputDepth ?? depth;
            return Location.Source(op, 0);
        }

        private Location Pick(List<Location> available) => available[available.Count - 1 - Choose(available.Count)];

        private int Choose(int options) => choices[next++ % choices.Length] % options;
    }
}
