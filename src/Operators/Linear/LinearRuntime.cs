using AkkaDifferential.Operators.Runtime;

namespace AkkaDifferential.Operators.Linear;

/// <summary>
/// The instance of a linear operator (map, flat-map, filter, negate, concat, inspect): each input batch is turned
/// into output at the same times by a function of the batch, with no state and no capability, so the operator
/// never delays its input.
/// </summary>
internal sealed class LinearRuntime<TIn, TOut, TTime, TDiffIn, TDiffOut> : OperatorRuntime<TTime> where TTime : notnull
{
    private readonly Action<UpdateBatch<TIn, TTime, TDiffIn>, OutputPort<TOut, TTime, TDiffOut>> logic;
    private readonly OutputPort<TOut, TTime, TDiffOut> output;

    public LinearRuntime(InstanceEnvironment environment, Action<UpdateBatch<TIn, TTime, TDiffIn>, OutputPort<TOut, TTime, TDiffOut>> logic)
        : base(environment)
    {
        this.logic = logic;
        output = CreateOutput<TOut, TDiffOut>(0);
    }

    protected override void OnBatch(int port, object batch) => logic((UpdateBatch<TIn, TTime, TDiffIn>)batch, output);
}
