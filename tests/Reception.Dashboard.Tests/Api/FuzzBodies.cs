using System.Collections;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Api;

/// <summary>Builds the fuzz test's bodies: a plausible request with real ids, and every way to spoil one of its values.</summary>
internal static class FuzzBodies
{
    internal const int Deepest = 3;

    internal static bool IsContract(Type? type) => type is { IsClass: true } && type.Namespace == typeof(CreatePost).Namespace;

    internal static IEnumerable<(Type Type, string Name)> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .Select(p => (Type: p.PropertyType, Name: p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name)));

    /// <summary>Values of the wrong type, null, and hostile text for one property; and so on inside its records and lists.</summary>
    internal static IEnumerable<(IReadOnlyList<string> Path, string Json)> Mutations(Type declared, IReadOnlyList<string> path, int depth)
    {
        var type = Nullable.GetUnderlyingType(declared) ?? declared;
        yield return (path, "null");
        var values =
            type == typeof(string) ? new[] { "123", "true", Quote(new string('x', 10_000)), Quote("a\u0000b"), Quote("\u001b[31m") }
            : type == typeof(Guid) ? new[] { Quote("not-a-guid"), "123" }
            : type.IsEnum ? new[] { Quote("noSuchValue"), "99", "true" }
            : type == typeof(bool) ? new[] { Quote("x"), "1" }
            : IsNumber(type) ? new[] { Quote("x"), "true", "99999999999999999999" }
            : IsDateOrTime(type) ? new[] { Quote("x"), "123", Quote("25:61") }
            : ElementType(type) is not null ? new[] { Quote("x"), "{}" }
            : IsContract(type) && depth < Deepest ? new[] { Quote("x"), "[]" }
            : Array.Empty<string>();
        foreach (var value in values)
        {
            yield return (path, value);
        }

        if (ElementType(type) is { } element)
        {
            // The plausible list holds one plausible element: "[null]", a mistyped element, and so on inside it.
            foreach (var inner in Mutations(element, [.. path, "[0]"], depth + 1))
            {
                yield return inner;
            }
        }
        else if (IsContract(type) && depth < Deepest)
        {
            foreach (var property in Properties(type))
            {
                foreach (var inner in Mutations(property.Type, [.. path, property.Name], depth + 1))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>A value the endpoint could take: real ids of the demo site where the name says which, else something of the right type.</summary>
    internal static JsonNode? Plausible(Type declared, string name, IReadOnlyDictionary<string, string> ids, int depth)
    {
        var type = Nullable.GetUnderlyingType(declared) ?? declared;
        if (type == typeof(string))
        {
            return name == "timeZoneId" ? "Asia/Shanghai" : "Fuzz";
        }

        if (type == typeof(Guid))
        {
            return IdFor(name, ids);
        }

        if (type.IsEnum)
        {
            return JsonSerializer.SerializeToNode(Enum.GetValues(type).GetValue(0), type, BoardJson.Options);
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (IsNumber(type))
        {
            return 1;
        }

        if (type == typeof(DateOnly))
        {
            return DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        if (type == typeof(TimeOnly))
        {
            return "08:00";
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return DateTime.UtcNow.AddHours(2).ToString("O", CultureInfo.InvariantCulture);
        }

        if (type == typeof(TimeSpan))
        {
            return "00:30:00";
        }

        if (ElementType(type) is { } element)
        {
            return new JsonArray(Plausible(element, name, ids, depth + 1));
        }

        if (IsContract(type) && depth < Deepest)
        {
            var fields = new JsonObject();
            foreach (var property in Properties(type))
            {
                fields[property.Name] = Plausible(property.Type, property.Name, ids, depth + 1);
            }

            return fields;
        }

        return null;
    }

    internal static string IdFor(string name, IReadOnlyDictionary<string, string> ids)
    {
        var key = name switch
        {
            "route" or "postIds" => "postId",
            "staffIds" or "replacementStaffId" => "staffId",
            _ => name,
        };
        return ids.TryGetValue(key, out var id) ? id : Guid.NewGuid().ToString();
    }

    internal static void Set(JsonNode root, IReadOnlyList<string> path, JsonNode? value)
    {
        var node = root;
        for (var i = 0; i < path.Count - 1; i++)
        {
            node = (path[i] == "[0]" ? node.AsArray()[0] : node.AsObject()[path[i]])
                ?? throw new InvalidOperationException($"No plausible value at {string.Join(".", path.Take(i + 1))}");
        }

        var last = path[path.Count - 1];
        if (last == "[0]")
        {
            node.AsArray()[0] = value;
        }
        else
        {
            node.AsObject()[last] = value;
        }
    }

    internal static Type? ElementType(Type type) =>
        type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments()[0]
        : null;

    internal static bool IsNumber(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)
        || type == typeof(double) || type == typeof(float) || type == typeof(decimal);

    internal static bool IsDateOrTime(Type type) =>
        type == typeof(DateOnly) || type == typeof(TimeOnly) || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(TimeSpan);

    internal static string Quote(string text) => JsonSerializer.Serialize(text);
}
