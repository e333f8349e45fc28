using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reception.Dashboard.Infrastructure;

/// <summary>
/// Reads enums by name or number, and turns an unknown value into the enum's zero value instead of
/// failing the whole body. Every enum here starts at 1, so the validator then answers 422 naming the
/// field and its allowed values; a body that is not JSON at all still answers 400.
/// </summary>
public sealed class LenientEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(LenientEnumConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class LenientEnumConverter<T> : JsonConverter<T> where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            switch (reader.TokenType)
            {
                // Names only: Enum.TryParse would also take "3" and "gate,lobby" (flags), which are not names.
                case JsonTokenType.String when reader.GetString() is { } name
                    && name.All(char.IsAsciiLetter)
                    && Enum.TryParse<T>(name, ignoreCase: true, out var named):
                    return named;
                case JsonTokenType.Number when reader.TryGetInt32(out var number):
                    return (T)Enum.ToObject(typeof(T), number);
                default:
                    reader.Skip();
                    return default;
            }
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(JsonNamingPolicy.CamelCase.ConvertName(value.ToString()));
    }
}
