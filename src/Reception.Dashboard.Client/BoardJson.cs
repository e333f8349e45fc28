using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reception.Dashboard.Client;

/// <summary>The JSON settings the server uses on the API and the hub: camelCase names, enums as strings.</summary>
public static class BoardJson
{
    /// <summary>Shared, read-only options.</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies the board's settings to <paramref name="options"/> and returns it.</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}
