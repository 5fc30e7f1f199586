namespace AkkaDifferential;

/// <summary>
/// A value that may be absent: what <c>LeftJoin</c> pairs a left record with when its key has no match on the right.
/// A struct of two members, <see cref="HasValue"/> then <see cref="Value"/> (<c>default</c> when absent), so that
/// records holding it are ordered (absent first), hashed and compared for equality like any record, for every
/// <typeparamref name="T"/> — where <c>T?</c> would mean <c>Nullable&lt;T&gt;</c> for a struct but only an
/// annotation for a class.
/// </summary>
/// <typeparam name="T">The type of the value.</typeparam>
public readonly record struct Optional<T>
{
    private Optional(T value)
    {
        HasValue = true;
        Value = value;
    }

    /// <summary>No value.</summary>
    public static Optional<T> None => default;

    /// <summary>True when there is a value.</summary>
    public bool HasValue { get; }

    /// <summary>The value, or <c>default</c> when <see cref="HasValue"/> is false.</summary>
    public T? Value { get; }

    /// <summary>The value <paramref name="value"/>.</summary>
    public static Optional<T> Some(T value) => new(value);

    /// <summary>The value, or <paramref name="fallback"/> when there is none.</summary>
    public T ValueOr(T fallback) => HasValue ? Value! : fallback;

    /// <summary><c>Some(value)</c> or <c>None</c>.</summary>
    public override string ToString() => HasValue ? $"Some({Value})" : "None";
}

/// <summary>Creates <see cref="Optional{T}"/> values with the type inferred.</summary>
public static class Optional
{
    /// <summary>The value <paramref name="value"/>.</summary>
    public static Optional<T> Some<T>(T value) => Optional<T>.Some(value);
}
