namespace AkkaDifferential.Arrangements.Data;

/// <summary>
/// Type names as a C# reader writes them (<c>List&lt;int&gt;</c>, not <c>List`1</c>), for the error messages of
/// <see cref="DataOrder{T}"/> and <see cref="StableHash{T}"/>.
/// </summary>
internal static class TypeNames
{
    public static string Of(Type type)
    {
        if (type.IsArray)
            return Of(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        if (Nullable.GetUnderlyingType(type) is { } underlying)
            return Of(underlying) + "?";
        if (!type.IsGenericType)
            return type.Name;
        var name = type.Name;
        var tick = name.IndexOf('`');
        if (tick >= 0)
            name = name[..tick];
        return name + "<" + string.Join(", ", type.GetGenericArguments().Select(Of)) + ">";
    }
}
