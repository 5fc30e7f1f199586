using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using Akka.Actor;
using AkkaDifferential.Arrangements.Updates;
using AkkaDifferential.Cluster.Wire;
using AkkaDifferential.Progress.Tracking;

namespace AkkaDifferential.Cluster.Tests.Wire;

/// <summary>
/// A canonical text of a message, by value: its public properties recursively, lists item by item, dictionaries by
/// sorted key, actor references by path, batches by their updates, exceptions by type and message along the chain
/// (a <see cref="RemoteException"/> by the type it stands for). Two messages are equal by value when their texts are.
/// </summary>
internal static class Structural
{
    public static string Describe(object? value)
    {
        var text = new StringBuilder();
        Append(text, value, 0);
        return text.ToString();
    }

    private static void Append(StringBuilder text, object? value, int depth)
    {
        if (depth > 40)
            throw new InvalidOperationException("Too deep: a cycle?");
        switch (value)
        {
            case null:
                text.Append("null");
                return;
            case string s:
                text.Append('"').Append(s).Append('"');
                return;
            case IActorRef actor:
                text.Append("ref(").Append(actor.Path.ToStringWithUid()).Append(')');
                return;
            case FlatTime time:
                text.Append("t").Append(time);
                return;
            case Exception exception:
                text.Append(exception is RemoteException remote ? remote.RemoteType : exception.GetType().FullName).Append(": ").Append(exception.Message);
                if (exception.InnerException is { } inner)
                {
                    text.Append(" <- ");
                    Append(text, inner, depth + 1);
                }
                return;
            case IFormattable formattable when value.GetType().IsPrimitive || value is decimal or Guid or DateTime or Enum:
                text.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                return;
            case bool or char:
                text.Append(value);
                return;
            case IUpdateBatch batch:
                var item = batch.GetType().GetProperty("Item")!;
                text.Append("batch[");
                for (var i = 0; i < batch.Count; i++)
                {
                    Append(text, item.GetValue(batch, [i]), depth + 1);
                    text.Append(';');
                }
                text.Append(']');
                return;
            case System.Runtime.CompilerServices.ITuple tuple:
                text.Append('(');
                for (var i = 0; i < tuple.Length; i++)
                {
                    Append(text, tuple[i], depth + 1);
                    text.Append(',');
                }
                text.Append(')');
                return;
            case IDictionary dictionary:
                text.Append('{');
                foreach (var key in dictionary.Keys.Cast<object>().OrderBy(k => Describe(k), StringComparer.Ordinal))
                {
                    Append(text, key, depth + 1);
                    text.Append('=');
                    Append(text, dictionary[key], depth + 1);
                    text.Append(';');
                }
                text.Append('}');
                return;
            case IEnumerable items:
                text.Append('[');
                foreach (var element in items)
                {
                    Append(text, element, depth + 1);
                    text.Append(';');
                }
                text.Append(']');
                return;
        }
        var type = value.GetType();
        text.Append(type.Name).Append('(');
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (property.GetIndexParameters().Length > 0 || property.PropertyType.IsByRefLike)
                continue;
            text.Append(property.Name).Append('=');
            Append(text, property.GetValue(value), depth + 1);
            text.Append(',');
        }
        text.Append(')');
    }
}
