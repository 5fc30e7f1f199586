using System.Numerics;

namespace AkkaDifferential.Progress.Differences;

/// <summary>The abelian-group operations of one difference type, found once per type.</summary>
internal abstract class DifferenceOps<T>
{
    public static readonly DifferenceOps<T> Instance = Create();

    public abstract T Zero { get; }
    public abstract T One { get; }
    public abstract T Add(T a, T b);
    public abstract T Negate(T a);
    public abstract bool IsZero(T a);
    public abstract T Multiply(T a, T b);

    private static DifferenceOps<T> Create()
    {
        var type = typeof(T);
        bool Has(Type open, int arity) => type.GetInterfaces().Any(i =>
            i.IsGenericType && i.GetGenericTypeDefinition() == open && i.GetGenericArguments().All(a => a == type || a == typeof(bool)) && i.GetGenericArguments().Length == arity);
        var isGroup = Has(typeof(IAdditionOperators<,,>), 3) && Has(typeof(IUnaryNegationOperators<,>), 2)
            && Has(typeof(IAdditiveIdentity<,>), 2) && Has(typeof(IEqualityOperators<,,>), 3);
        if (!isGroup)
            return new UnsupportedOps();
        return (DifferenceOps<T>)Activator.CreateInstance(typeof(GenericMathOps<>).MakeGenericType(type))!;
    }

    private sealed class UnsupportedOps : DifferenceOps<T>
    {
        private static InvalidOperationException Error() => new(
            $"Type '{typeof(T)}' cannot be a difference: it must implement IAdditionOperators, IUnaryNegationOperators, " +
            "IAdditiveIdentity and IEqualityOperators over itself (an abelian group), as long does.");

        public override T Zero => throw Error();
        public override T One => throw Error();
        public override T Add(T a, T b) => throw Error();
        public override T Negate(T a) => throw Error();
        public override bool IsZero(T a) => throw Error();
        public override T Multiply(T a, T b) => throw Error();
    }
}

/// <summary>Differences through .NET generic math: numbers and user types with the group operators.</summary>
internal sealed class GenericMathOps<T> : DifferenceOps<T>
    where T : IAdditionOperators<T, T, T>, IUnaryNegationOperators<T, T>, IAdditiveIdentity<T, T>, IEqualityOperators<T, T, bool>
{
    public override T Zero => T.AdditiveIdentity;

    private static readonly Lazy<T> one = new(OneOf);

    public override T One => one.Value;

    public override T Add(T a, T b)
    {
        try
        {
            return checked(a + b);
        }
        catch (OverflowException)
        {
            throw DifferenceOverflow.Error("+", a, b);
        }
    }

    public override T Negate(T a)
    {
        try
        {
            return checked(-a);
        }
        catch (OverflowException)
        {
            throw DifferenceOverflow.Error("-", T.AdditiveIdentity, a);
        }
    }
    public override bool IsZero(T a) => a == T.AdditiveIdentity;

    private static readonly Lazy<Func<T, T, T>> multiply = new(MultiplyOf);

    public override T Multiply(T a, T b)
    {
        try
        {
            return multiply.Value(a, b);
        }
        catch (OverflowException)
        {
            throw DifferenceOverflow.Error("*", a, b);
        }
    }

    private static T OneOf()
    {
        // Look the interface up rather than constructing it: MakeGenericType throws on a type that violates its constraint.
        var hasOne = typeof(T).GetInterfaces().Any(i =>
            i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IMultiplicativeIdentity<,>) && i.GetGenericArguments().All(a => a == typeof(T)));
        if (!hasOne)
            throw new InvalidOperationException($"Difference type '{typeof(T)}' has no one (IMultiplicativeIdentity): pass the difference explicitly with Update.");
        var method = typeof(GenericMathOps<T>).GetMethod(nameof(OneFor), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        return (T)method.MakeGenericMethod(typeof(T)).Invoke(null, null)!;
    }

    private static Func<T, T, T> MultiplyOf()
    {
        var multipliable = typeof(T).GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IMultiplyOperators<,,>)
            && i.GetGenericArguments().All(a => a == typeof(T)));
        if (!multipliable)
            throw new InvalidOperationException($"Difference type '{typeof(T)}' cannot be multiplied (IMultiplyOperators), which joining needs.");
        var method = typeof(GenericMathOps<T>).GetMethod(nameof(MultiplyFor), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        return (Func<T, T, T>)method.MakeGenericMethod(typeof(T)).CreateDelegate(typeof(Func<T, T, T>));
    }

    private static TProduct MultiplyFor<TProduct>(TProduct a, TProduct b) where TProduct : IMultiplyOperators<TProduct, TProduct, TProduct> => checked(a * b);

    private static TOne OneFor<TOne>() where TOne : IMultiplicativeIdentity<TOne, TOne> => TOne.MultiplicativeIdentity;
}
