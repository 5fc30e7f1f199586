using System.Linq.Expressions;
using System.Reflection;

namespace AkkaDifferential.Arrangements.Data;

/// <summary>
/// The members that make up a structural type (a tuple, record, class or struct): its public instance fields
/// and readable public instance properties, base type first, and within one type fields before properties, each
/// in declaration order. <see cref="DataOrder{T}"/> compares and <see cref="StableHash{T}"/> hashes a structural
/// value member by member in this one order, so both read it from here.
/// </summary>
internal static class StructuralMembers
{
    /// <summary>The members of <paramref name="type"/>, possibly none.</summary>
    public static IReadOnlyList<StructuralMember> Of(Type type)
    {
        var hierarchy = new List<Type>();
        for (var t = type; t is not null && t != typeof(object) && t != typeof(ValueType); t = t.BaseType)
            hierarchy.Add(t);
        hierarchy.Reverse();

        const BindingFlags declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        var members = new List<StructuralMember>();
        foreach (var t in hierarchy)
        {
            foreach (var field in t.GetFields(declared).OrderBy(f => f.MetadataToken))
                members.Add(new StructuralMember(field.Name, field.FieldType, field));
            foreach (var property in t.GetProperties(declared).Where(IsStructural).OrderBy(p => p.MetadataToken))
                members.Add(new StructuralMember(property.Name, property.PropertyType, property));
        }
        return members;
    }

    // An override is skipped: the base declaration is already listed, and reading it dispatches to the override.
    private static bool IsStructural(PropertyInfo property) =>
        property.GetMethod is { IsPublic: true } getter
        && property.GetIndexParameters().Length == 0
        && getter.GetBaseDefinition().DeclaringType == getter.DeclaringType;
}

/// <summary>One member of a structural type: its name, its type, and how to read it in an expression tree.</summary>
internal readonly record struct StructuralMember(string Name, Type Type, MemberInfo Info)
{
    /// <summary>Reads this member of <paramref name="instance"/>.</summary>
    public Expression Read(Expression instance) => Expression.MakeMemberAccess(instance, Info);
}
