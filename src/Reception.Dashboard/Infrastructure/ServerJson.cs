using System.Text.Json;

namespace Reception.Dashboard.Infrastructure;

/// <summary>The server's one set of JSON settings: the API, the hub and stored event data all use it.</summary>
public static class ServerJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new LenientEnumConverterFactory());
        return options;
    }
}
